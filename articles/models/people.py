"""People: reporters, correspondents, photographers and people in the news."""

from django.db import models
from django.urls import reverse

from .choices import CreditRole, CreditStatus, Source


class Person(models.Model):
    name = models.CharField("姓名", max_length=50, db_index=True)
    slug = models.SlugField("拼音", max_length=80, unique=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "人物"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """Another spelling of a person's name: an OCR variant (金钩胤 for 金钧胤) or a pen name."""

    class Kind(models.TextChoices):
        OCR_VARIANT = "ocr_variant", "OCR 异写"
        PEN_NAME = "pen_name", "笔名"
        OTHER = "other", "其他"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=50, unique=True)
    # The person's old URL slug when a merge dropped a Person, so /people/<old-slug>/ still redirects.
    slug = models.SlugField("旧拼音", max_length=80, blank=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OCR_VARIANT)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTOMATIC)

    class Meta:
        verbose_name = verbose_name_plural = "人物别名"

    def __str__(self) -> str:
        return f"{self.name} → {self.person.name}"


class Credit(models.Model):
    """A person's part in an article. ``printed_name`` keeps the spelling on the page."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField("角色", max_length=20, choices=CreditRole.choices)
    printed_name = models.CharField("原文署名", max_length=50, blank=True)
    status = models.CharField(max_length=10, choices=CreditStatus.choices, default=CreditStatus.PUBLISHED)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.IMPORTER)
    confidence = models.FloatField(default=1.0)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "署名与人物"
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person", "role"], name="unique_credit"),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
