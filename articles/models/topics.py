"""Topics of union news, editable with their keyword lists, and an article's topics with scores."""

from django.db import models
from django.urls import reverse

from .choices import Source


class Topic(models.Model):
    slug = models.SlugField("拼音", max_length=80, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    description = models.TextField("说明", blank=True)
    keywords = models.TextField("关键词", blank=True, help_text="每行一个；可写“词 权重”")
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "专题"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topic_detail", kwargs={"slug": self.slug})


class ArticleTopic(models.Model):
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="topic_tags")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="article_tags")
    score = models.FloatField(default=0.0)
    is_primary = models.BooleanField(default=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTOMATIC)
    rejected = models.BooleanField(default=False)

    class Meta:
        verbose_name = verbose_name_plural = "文章专题"
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="unique_article_topic")]
        indexes = [models.Index(fields=["topic", "rejected"])]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.topic}"
