"""Editors' operations on the archive: the Python API under the admin's page editor.

Conventions (every operation):
- keyword arguments ``user`` (must pass ``can_edit``) and ``expected_version`` (the ``Page.version``
  the editor's form was rendered with; person merges have no page and take none);
- ONE transaction; on any refusal an ``EditingError`` (its ``str()`` is a sentence for the editor)
  is raised and nothing has changed; ``StaleVersion`` when another editor saved the page first;
- returns the ``Revision`` written (before/after snapshots, undoable with ``undo``); the page's
  new version is ``revision.page.version`` (re-read the page);
- bumps ``Page.version`` and the touched articles' ``version``, marks them corrected, re-derives
  their title/byline/slug/credits from their blocks (``refresh_article_fields``), and in the
  same transaction records their reindex (``articles.search.indexing.schedule_reindex``), deleted ones included;
- never deletes a block, never loses text.

Modules: boundaries (split/merge/move/gather/reorder), blocks (kind, text, duplicates), titles
(title lines), metadata (credits, regions, topics, issue date, page number), persons (merge OCR
variants), review (flags, mark reviewed), queue (work-queue queries), reports (readers' reports),
frame (``page_edit``, the frame every operation runs in), redirects (old ids of articles an edit
deleted → where their text went, written by the frame), undo (undo rules and undoing),
history (history queries), permissions (editors group), locking, snapshots.
"""

from .blocks import correct_text, join_with_previous, mark_duplicate, set_block_kind, unmark_duplicate
from .boundaries import (
    DIRECTIONS,
    DOWN,
    NEXT_ARTICLE,
    PREVIOUS_ARTICLE,
    UP,
    gather_blocks,
    merge_articles,
    move_block,
    move_block_after,
    move_blocks_after,
    reorder_articles,
    split_article,
)
from .errors import CannotUndo, EditingError, InvalidOperation, NotAllowed, PageNumberTaken, StaleVersion
from .fields import refresh_article_fields
from .permissions import EDIT_PERMISSION, EDITORS_GROUP, can_edit, ensure_editors_group
from .history import article_history, page_history
from .undo import can_undo, undo, undoable
from .metadata import (
    add_credit,
    add_region,
    add_topic,
    remove_credit,
    remove_region,
    remove_topic,
    set_issue_date,
    set_page_number,
    set_primary_topic,
)
from .persons import merge_persons
from .queue import flag_counts, flagged_articles, flagged_pages, open_flags, open_reports
from .reports import hash_client, recent_report_count, report_problem
from .review import add_flag, close_report, mark_reviewed, resolve_flag
from .titles import set_column_label, set_title_lines

__all__ = [
    "CannotUndo", "DIRECTIONS", "DOWN", "EDITORS_GROUP", "EDIT_PERMISSION",
    "EditingError", "InvalidOperation", "NEXT_ARTICLE", "NotAllowed", "PREVIOUS_ARTICLE", "PageNumberTaken",
    "StaleVersion", "UP", "article_history", "can_edit", "can_undo", "correct_text",
    "ensure_editors_group", "gather_blocks", "mark_duplicate", "merge_articles", "move_block",
    "move_block_after", "move_blocks_after", "page_history", "refresh_article_fields", "reorder_articles", "set_block_kind",
    "set_title_lines", "split_article", "undo", "undoable", "unmark_duplicate",
    "add_credit", "add_region", "add_topic", "remove_credit", "remove_region", "remove_topic", "set_issue_date",
    "set_page_number", "set_primary_topic", "merge_persons", "flag_counts", "flagged_articles", "flagged_pages",
    "open_flags", "open_reports", "hash_client", "recent_report_count", "report_problem", "add_flag",
    "close_report", "mark_reviewed", "resolve_flag", "join_with_previous", "set_column_label",
]
