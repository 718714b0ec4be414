"""Admin forms whose saves and deletes change articles' search documents.

The editors' tools (page editor, tags, merges) write through frames that call
``schedule_reindex`` in their own transaction. The admin's generic change forms save a row and
call nothing: on the PostgreSQL search engine the signal processor only notes the articles
concerned (``indexing.defer_reindex``), so these forms write those documents themselves before
their transaction commits — the change and its search document commit together, as everywhere
else on that engine. On the Whoosh engine each save is already queued in its transaction.
"""

from django.contrib import admin
from django.db import router, transaction

from articles.search.indexing import write_deferred


class SearchIndexedAdmin(admin.ModelAdmin):
    def _using(self) -> str:
        return router.db_for_write(self.model)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the last write of a change form or list edit
        write_deferred(self._using())

    def delete_model(self, request, obj):
        super().delete_model(request, obj)  # inside the delete view's transaction
        write_deferred(self._using())

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=self._using()):  # "delete selected" opens none of its own
            super().delete_queryset(request, queryset)
            write_deferred(self._using())
