"""haystack signal processor: saves and deletes go to the queue, never straight to the index.

``HAYSTACK_SIGNAL_PROCESSOR = "articles.search.signals.QueuedSignalProcessor"``. haystack's
RealtimeSignalProcessor writes the index inside the request (waiting on the lock with no bound
when saving, dropping deletes when locked); this one only calls ``defer_reindex``, which
queues the articles concerned in the transaction (Whoosh engine) or has their search documents
rewritten before it commits (PostgreSQL engine; see ``indexing``).

Besides Article itself, a change to what an article's search document is made of — its blocks,
place, topic and credit tags, and the page, issue, person or topic they point to — reindexes the
articles concerned. Bulk operations (``bulk_create``, ``update()``) send no signals: their callers
call ``schedule_reindex`` themselves.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from articles.models import Article, ArticleRegion, ArticleTopic, Block, Credit, Issue, Page, Person, Topic

from .indexing import defer_reindex


def _article_ids(instance) -> list[int]:
    """The ids of the articles whose search document includes ``instance``."""
    if isinstance(instance, Article):
        return [instance.pk]
    if isinstance(instance, (Block, ArticleRegion, ArticleTopic, Credit)):
        return [instance.article_id] if instance.article_id else []
    if instance.pk is None:
        return []
    if isinstance(instance, Page):
        return list(Article.objects.filter(page=instance).values_list("pk", flat=True))
    if isinstance(instance, Issue):
        return list(Article.objects.filter(page__issue=instance).values_list("pk", flat=True))
    if isinstance(instance, Person):
        return list(Credit.objects.filter(person=instance).values_list("article_id", flat=True))
    if isinstance(instance, Topic):
        return list(ArticleTopic.objects.filter(topic=instance).values_list("article_id", flat=True))
    return []


class QueuedSignalProcessor(BaseSignalProcessor):
    # Models whose save/delete changes some article's search document.
    watched = (Article, Block, ArticleRegion, ArticleTopic, Credit, Page, Issue, Person, Topic)

    def setup(self):
        for model in self.watched:
            signals.post_save.connect(self.handle_save, sender=model)
            signals.post_delete.connect(self.handle_delete, sender=model)

    def teardown(self):
        for model in self.watched:
            signals.post_save.disconnect(self.handle_save, sender=model)
            signals.post_delete.disconnect(self.handle_delete, sender=model)

    def handle_save(self, sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # loaddata: the caller rebuilds the index
        defer_reindex(_article_ids(instance), kwargs.get("using") or DEFAULT_DB_ALIAS)

    def handle_delete(self, sender, instance, **kwargs):
        if isinstance(instance, (Page, Issue, Person, Topic)):
            return  # their articles' own deletes/cascades are signalled separately
        defer_reindex(_article_ids(instance), kwargs.get("using") or DEFAULT_DB_ALIAS)
