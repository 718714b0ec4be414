"""Blocks, articles and the flags the importer raises for editors."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .choices import ArticleStatus, BlockKind, FlagCode
from .paper import Page


class Article(models.Model):
    """A story on a page. Its text is its blocks in ``position`` order; nothing is copied here
    except the title group, column label and byline, kept as plain fields so that lists, feeds
    and the search index need no extra query. ``refresh_from_blocks()`` keeps them in step."""

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="articles")
    order = models.PositiveIntegerField("版内顺序")
    kicker = models.CharField("引题", max_length=300, blank=True)
    headline = models.CharField("主题", max_length=300, blank=True)
    subtitle = models.CharField("副题", max_length=300, blank=True)
    column_label = models.CharField("栏目", max_length=100, blank=True)
    byline = models.CharField("署名", max_length=300, blank=True)
    continued_from = models.PositiveSmallIntegerField("上接第几版", null=True, blank=True)
    continued_to = models.PositiveSmallIntegerField("下转第几版", null=True, blank=True)
    slug = models.SlugField("拼音", max_length=120, blank=True, allow_unicode=False)
    status = models.CharField("状态", max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.AUTOMATIC)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    regions = models.ManyToManyField("Region", through="ArticleRegion", related_name="articles", blank=True)
    topics = models.ManyToManyField("Topic", through="ArticleTopic", related_name="articles", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文章"
        ordering = ["page", "order"]
        indexes = [models.Index(fields=["page", "order"])]

    def __str__(self) -> str:
        return self.headline or f"（无题 #{self.pk}）"

    def get_absolute_url(self) -> str:
        if self.slug:
            return reverse("article_detail", kwargs={"pk": self.pk, "slug": self.slug})
        return reverse("article_detail_short", kwargs={"pk": self.pk})

    @property
    def title_lines(self) -> list[tuple[str, str]]:
        """(role, text) of the title group in print order, e.g. [("kicker", …), ("headline", …)]."""
        return [(role, text) for role, text in
                (("kicker", self.kicker), ("headline", self.headline), ("subtitle", self.subtitle)) if text]


class Block(models.Model):
    """A paragraph-like unit of a page, in reading order. Blocks are never deleted.

    ``source_text`` is exactly what the source lines held (line_start..line_end, 1-based,
    inclusive); ``text`` is the repaired text that readers see (column breaks joined, markdown
    marks stripped). ``original_text`` keeps the importer's ``text`` when an editor corrects it.
    """

    page = models.ForeignKey(Page, on_delete=models.PROTECT, related_name="blocks")
    seq = models.PositiveIntegerField("阅读顺序")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="blocks"
    )
    position = models.PositiveIntegerField("文内顺序", default=0)
    kind = models.CharField("类型", max_length=20, choices=BlockKind.choices, default=BlockKind.BODY)
    text = models.TextField("文本")
    source_text = models.TextField("源文本")
    original_text = models.TextField("导入时文本", blank=True)
    line_start = models.PositiveIntegerField("起始行")
    line_end = models.PositiveIntegerField("结束行")
    # Line numbers where a column break was repaired by joining (the first line of each later piece).
    joined_lines = models.JSONField("跨栏拼接行", default=list, blank=True)
    after_image_gap = models.BooleanField("前有图片空位", default=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    hidden = models.BooleanField("不显示", default=False, help_text="重复等：保留但不向读者显示")
    # Why the importer cut the page here (new article / inner subhead) or gave a title line its role:
    # {"summary": "新文章：前有署名…", "reasons": […], "signals": {…}}. Shown in the page editor.
    decision = models.JSONField("导入判断", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文本块"
        ordering = ["page", "seq"]
        constraints = [models.UniqueConstraint(fields=["page", "seq"], name="unique_block_seq_per_page")]
        indexes = [models.Index(fields=["article", "position"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} L{self.line_start}: {self.text[:30]}"


class Flag(models.Model):
    """Something an editor should look at: raised by the importer, enrichment or a reader."""

    code = models.CharField(max_length=30, choices=FlagCode.choices, db_index=True)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="flags")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    block = models.ForeignKey(Block, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "待查标记"
        ordering = ["page", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.message[:40]}"
