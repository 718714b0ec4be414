"""Permission gate of the editor views: only users who may edit (the "editors" group) get in."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from articles.editing.permissions import can_edit


def editor_required(view):
    """403 for signed-in staff who are not editors (admin_view already sent others to the login)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_edit(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
