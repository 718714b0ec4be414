"""Who may edit: the "editors" group.

Editors correct content (blocks, articles, credits, places, topics, issue dates, page numbers,
flags, readers' reports) but cannot manage users or groups: the group holds only ``articles.*``
model permissions, never ``auth.*``. The gate for every editing operation is
``articles.change_block`` (``EDIT_PERMISSION``); superusers pass too.

The group is created by the data migration ``articles/migrations/*_editors_group.py`` (which calls
``ensure_editors_group``), so every database has it; ``manage.py create_editor`` makes a staff user
in it (the browser test and a fresh deployment use that).
"""

from django.utils.translation import gettext as _

from .errors import NotAllowed

EDITORS_GROUP = "editors"
EDIT_PERMISSION = "articles.change_block"

# (model name, actions) of the articles app granted to editors. Deleting articles is needed for
# merges, deleting persons for merging OCR variants; nothing here touches auth.
EDITOR_MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "newspaper": ("view",),
    "issue": ("view", "add", "change"),
    "page": ("view", "change"),
    "article": ("view", "add", "change", "delete"),
    "block": ("view", "change"),
    "flag": ("view", "add", "change"),
    "region": ("view",),
    "articleregion": ("view", "add", "change", "delete"),
    "person": ("view", "add", "change", "delete"),
    "personalias": ("view", "add", "change", "delete"),
    "credit": ("view", "add", "change", "delete"),
    "topic": ("view", "add", "change"),
    "articletopic": ("view", "add", "change", "delete"),
    "revision": ("view", "add"),
    "problemreport": ("view", "change"),
    "importlog": ("view",),
}


def editor_permission_codenames() -> list[str]:
    """['view_newspaper', 'view_issue', 'add_issue', …] — codenames in the articles app."""
    return [f"{action}_{model}" for model, actions in EDITOR_MODEL_PERMISSIONS.items() for action in actions]


def ensure_editors_group(group_model=None, permission_model=None):
    """Create (or complete) the editors group with exactly the permissions above; return it.

    Takes the models as arguments so that a data migration can pass its historical models.
    """
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    group, _created = group_model.objects.get_or_create(name=EDITORS_GROUP)
    permissions = permission_model.objects.filter(
        content_type__app_label="articles", codename__in=editor_permission_codenames()
    )
    group.permissions.set(permissions)
    return group


def can_edit(user) -> bool:
    """True for an active user who may use the editing operations (editors group or superuser)."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(EDIT_PERMISSION))


def require_editor(user) -> None:
    """Raise NotAllowed unless ``can_edit(user)``; every operation calls it first."""
    if not can_edit(user):
        raise NotAllowed(_("只有编辑组成员才能修改内容"))
