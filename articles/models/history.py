"""Revisions of editors' corrections (each undoable) and readers' problem reports."""

from django.conf import settings
from django.db import models

from .choices import RevisionAction


class Revision(models.Model):
    """One editing action: who, when, which page/articles/blocks, and their state before and after.

    ``before`` and ``after`` are snapshots (JSON) of everything the action touched, enough to
    restore ``before`` exactly; undoing writes a new revision that points back with ``undoes``.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField("操作", max_length=40, choices=RevisionAction.choices)
    summary = models.CharField("说明", max_length=300, blank=True)
    page = models.ForeignKey("Page", null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    article_ids = models.JSONField(default=list, blank=True)
    block_ids = models.JSONField(default=list, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    undoes = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undone_by")

    class Meta:
        verbose_name = verbose_name_plural = "修订记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.summary}"


class ProblemReport(models.Model):
    """A reader's report of a problem on an article page; it lands in the editors' queue."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        CLOSED = "closed", "已处理"

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="problem_reports")
    message = models.TextField("问题描述", max_length=2000)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    client_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "读者报告"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.message[:40]}"


class ReportQuota(models.Model):
    """One row per report a client may send in one clock hour: slots 0 … limit-1.

    Taking a slot is an INSERT that the unique constraint either accepts or refuses, so the limit
    holds however many reports arrive at once (counting first and writing after did not: 30
    reports sent together stored 5–7). The client is the salted hash of its address.
    """

    client_hash = models.CharField(max_length=64)
    hour = models.DateTimeField(db_index=True)
    slot = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "读者报告限额"
        constraints = [models.UniqueConstraint(fields=["client_hash", "hour", "slot"], name="report_quota_one_slot")]
