"""A ModelAdmin that shows records but never lets anyone add, change or delete them.

Used for the revision history and the import log: they are the archive's memory of what happened,
so the only way to change what they describe is a new action (an undo, a re-import)."""

from django.contrib import admin

from .indexed import SearchIndexedAdmin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChangedInEditorAdmin(SearchIndexedAdmin):
    """Rows that editors change through the page editor (so that each change is a revision that
    can be undone, and the search index follows): the generic forms are read-only for everyone but
    superusers, who keep a raw escape hatch."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)
