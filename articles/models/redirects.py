"""Where an article an editor merged away went: its old id keeps working as a permanent link.

An editor's merge (or a move, a gather, the undo of a split) deletes the article whose blocks all
went into another one. Its URLs had been shared, cited and bookmarked, so the edit frame
(``articles/editing/redirects.py``) writes one ``ArticleRedirect`` per deleted article: old id →
the article that now holds its first block. The reading views answer the old id with a 301 there.

Ids are plain integers, not foreign keys: the old article is gone, and the new one may itself be
merged away later (A → B, then B → C), which must not delete the A → B row — ``final_target``
follows the chain instead. Undoing the revision that wrote a redirect deletes it (the old article
is back), so a redirect never outlives the edit that made it.
"""

from django.db import models
from django.db.models import Exists, OuterRef

# A chain longer than this is treated as broken (it would take a merge a day for weeks to build one).
MAX_HOPS = 16


class ArticleRedirectQuerySet(models.QuerySet):
    def final_target(self, old_id: int) -> int | None:
        """The id of the living article that ``old_id``'s text ended up in, following merges of
        merges; None if ``old_id`` was never merged away (or the chain is broken or loops)."""
        from .content import Article  # noqa: PLC0415 (content imports nothing from here; keeps the module light)

        seen, current = {old_id}, old_id
        for _ in range(MAX_HOPS):
            row = (self.filter(old_id=current)
                   .annotate(alive=Exists(Article.objects.filter(pk=OuterRef("new_id"))))
                   .values_list("new_id", "alive").first())
            if row is None:
                return None
            current, alive = row
            if alive:
                return current
            if current in seen:
                return None
            seen.add(current)
        return None


class ArticleRedirect(models.Model):
    """Old article id → the article its text went to, written by the edit that deleted it."""

    old_id = models.PositiveBigIntegerField("原文章编号", unique=True)
    old_headline = models.CharField("原标题", max_length=300, blank=True)
    old_slug = models.SlugField("原拼音", max_length=120, blank=True, allow_unicode=False)
    new_id = models.PositiveBigIntegerField("并入的文章编号", db_index=True)
    page = models.ForeignKey("Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("Revision", on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "合并后的旧链接"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.old_id} → #{self.new_id}"
