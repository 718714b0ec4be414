"""Refusals an editor should read.

Every refusal is an ``EditingError`` whose ``str()`` is a complete Chinese sentence (gettext, so the
English admin gets English) that the admin shows as a message. An operation that raises has changed
nothing: each one runs in a single transaction.
"""

from django.utils.translation import gettext as _


class EditingError(Exception):
    """Base class: the operation was refused and nothing was changed."""


class StaleVersion(EditingError):
    """The page changed since the editor's form was rendered (optimistic locking)."""

    def __init__(self, expected: int, current: int):
        self.expected = expected
        self.current = current
        super().__init__(
            _("该版面已被其他编辑修改（第 %(expected)s 版 → 第 %(current)s 版），请刷新后重做")
            % {"expected": expected, "current": current}
        )


class NotAllowed(EditingError):
    """The user is not an editor."""


class InvalidOperation(EditingError):
    """The request does not make sense for this page (e.g. merge the first article with a previous one)."""


class PageNumberTaken(EditingError):
    """Another page of the issue already has that number."""


class CannotUndo(EditingError):
    """The revision cannot be undone (already undone, or later changes depend on it)."""


class TooManyReports(EditingError):
    """A reader's client has used up its reports for this hour."""
