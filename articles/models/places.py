"""Administrative regions (GB/T 2260) and the places an article is about."""

from django.db import models
from django.urls import reverse

from .choices import RegionLevel, Source


class Region(models.Model):
    code = models.CharField("行政区划代码", max_length=12, unique=True)
    name = models.CharField("全称", max_length=60)
    short_name = models.CharField("简称", max_length=30)
    level = models.CharField("级别", max_length=10, choices=RegionLevel.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    slug = models.SlugField("拼音", max_length=80, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("region_detail", kwargs={"slug": self.slug})


# How every list of one article's places is ordered — the article page, the search index's city and
# county lists (the first city is the one search results show first): the article's main city (and
# county) first, then by code. Explicit, so the order never depends on how a database returns rows.
ARTICLE_PLACES_ORDER = ("-is_primary", "region__code")


class ArticleRegion(models.Model):
    """A place tag. ``rejected`` keeps an editor's removal so that re-enrichment does not re-add it."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="region_tags")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="article_tags")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTOMATIC)
    rejected = models.BooleanField(default=False)
    mentions = models.PositiveIntegerField(default=0)
    # The article's main city (and main county, if it is about one county): what lists and the
    # search facets show first. Counties are stored together with their city (rolled up).
    is_primary = models.BooleanField("主要地区", default=False)
    evidence = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文章地区"
        constraints = [models.UniqueConstraint(fields=["article", "region"], name="unique_article_region")]
        indexes = [models.Index(fields=["region", "rejected"])]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.region}"
