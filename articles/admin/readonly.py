"""A ModelAdmin that shows records but never lets anyone add, change or delete them.

Used for the revision history and the import log: they are the archive's memory of what happened,
so the only way to change what they describe is a new action (an undo, a re-import)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
