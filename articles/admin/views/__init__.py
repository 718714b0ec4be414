"""The editors' custom admin views: the page editor, history with undo, and the work queue."""
