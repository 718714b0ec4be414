"""The one place where the admin calls the editing operations (``articles.editing``).

Views never catch exceptions themselves: ``run()`` calls an operation with the signed-in user,
turns an ``EditingError`` (stale version, impossible request, no permission) into a readable
``Outcome.error`` and lets everything else propagate (a bug should be a visible 500 in the logs,
not a silently swallowed message).
"""

from dataclasses import dataclass
from typing import Any, Callable

from articles.editing.errors import EditingError


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    error: str = ""


def run(request, operation: Callable, **kwargs) -> Outcome:
    try:
        value = operation(user=request.user, **kwargs)
    except EditingError as refusal:
        return Outcome(ok=False, error=str(refusal))
    return Outcome(ok=True, value=value)
