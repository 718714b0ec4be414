"""The one error type the importer raises for bad input."""


class IngestError(Exception):
    """Bad input: the message is one line that names the file (and line where it applies).

    The management command turns it into a ``CommandError`` (non-zero exit); the loader raises it
    before writing anything, so the database is left exactly as it was.
    """
