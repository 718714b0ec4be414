"""Which part of the site a request path belongs to: the editors' admin or the readers' pages.

One rule for the middleware that treat the two differently (the database router keeps the admin on
the primary; the language middleware lets only the admin follow the browser's language)."""

from django.urls import reverse


def is_admin_path(path: str) -> bool:
    """``path`` is ``request.path`` (with the script prefix), as ``reverse`` includes it."""
    return path.startswith(reverse("admin:index"))
