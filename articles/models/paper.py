"""Newspapers, issues and pages, and the load log of the importer."""

import logging

from django.db import models
from django.urls import reverse


class Newspaper(models.Model):
    name = models.CharField("报名", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "报纸"

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    """One day's paper. Its date is an estimate (read from the text) until an editor confirms it."""

    newspaper = models.ForeignKey(Newspaper, on_delete=models.PROTECT, related_name="issues")
    date = models.DateField("出版日期", db_index=True)
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    date_is_estimated = models.BooleanField("日期为估计", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "期"
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["newspaper", "date"], name="unique_issue_per_day"),
        ]

    def __str__(self) -> str:
        suffix = "（估）" if self.date_is_estimated else ""
        return f"{self.newspaper} {self.date:%Y-%m-%d}{suffix}"

    def get_absolute_url(self) -> str:
        return reverse(
            "issue_detail", kwargs={"year": self.date.year, "month": self.date.month, "day": self.date.day}
        )


class Page(models.Model):
    """One printed page (版). ``raw_text`` is the source file exactly as imported, never changed."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="pages")
    number = models.PositiveIntegerField("版次")
    number_is_estimated = models.BooleanField("版次为估计", default=False)
    name = models.CharField("版名", max_length=50, blank=True)
    banner = models.CharField("通栏题", max_length=300, blank=True)
    source_name = models.CharField("源文件", max_length=255, unique=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    raw_text = models.TextField("原始文本")
    # The printed page as an image, when the import's manifest names one (articles/ingest/
    # page_images.py copies it into MEDIA_ROOT under its sha256, so a re-import stores it once, and
    # sets its size: no width_field/height_field, which would run a post_init handler on every Page).
    image = models.ImageField("版面图像", upload_to="page_images/", blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: every editing action checks and increments it.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "版面"
        ordering = ["issue__date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="unique_page_number_per_issue"),
        ]

    def __str__(self) -> str:
        label = f"第{self.number}版"
        if self.name:
            label += f" {self.name}"
        return f"{self.issue} {label}"

    def get_absolute_url(self) -> str:
        d = self.issue.date
        return reverse(
            "page_detail", kwargs={"year": d.year, "month": d.month, "day": d.day, "number": self.number}
        )

    def shown_image(self):
        """The page image if its file is in storage, else None: a file lost from MEDIA_ROOT is
        logged and the page shows its text alone (never a broken viewer or a 500)."""
        if not self.image:
            return None
        if not self.image.storage.exists(self.image.name):
            logging.getLogger(__name__).warning("page %s: image %s is missing from MEDIA_ROOT", self.pk, self.image.name)
            return None
        return self.image

    def source_lines(self) -> list[str]:
        """The raw text split into lines; line N of the source file is ``source_lines()[N - 1]``."""
        return self.raw_text.splitlines()


class ImportLog(models.Model):
    """One attempt to import one file: what happened and why (modelled on open-oni's load log)."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "imported"
        REIMPORTED = "reimported", "re-imported (--force)"
        UNCHANGED = "unchanged", "unchanged, skipped"
        REFUSED = "refused", "changed, refused without --force"
        FAILED = "failed", "failed"

    source_name = models.CharField(max_length=255, db_index=True)
    sha256 = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    message = models.TextField(blank=True)
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_logs")
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入记录"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name}: {self.outcome}"
