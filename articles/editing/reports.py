"""Readers' problem reports: the article page's "report a problem" form lands here.

``report_problem`` stores the report and raises a READER_REPORT flag so that it shows in the
editors' work queue. With ``per_hour`` it first takes one of the client's report slots for the
current clock hour (``ReportQuota``: a unique row per client, hour and slot), in the same
transaction: the database's unique constraint keeps the limit however many reports arrive at
once. The client is identified only by a salted hash (no address is stored).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Flag, FlagCode, ProblemReport, ReportQuota

from .errors import InvalidOperation, TooManyReports

MAX_MESSAGE = 2000
MAX_CONTACT = 200


def hash_client(client_id: str) -> str:
    """A salted SHA-256 of whatever identifies the client (e.g. its IP address): enough to count
    its reports, useless for finding the reader."""
    salted = f"{settings.SECRET_KEY}:problem-report:{client_id}".encode()
    return hashlib.sha256(salted).hexdigest()


def report_problem(article, message: str, contact: str = "", client_hash: str = "",
                   per_hour: int | None = None) -> ProblemReport:
    """Store a reader's report on ``article`` and flag the article for editors. With ``per_hour``,
    raise ``TooManyReports`` (storing nothing) once this client has sent that many this hour."""
    message = (message or "").strip()
    contact = (contact or "").strip()
    if not message:
        raise InvalidOperation(_("请写下您发现的问题"))
    if len(message) > MAX_MESSAGE:
        raise InvalidOperation(_("问题描述请不要超过 %(n)s 个字") % {"n": MAX_MESSAGE})
    if len(contact) > MAX_CONTACT:
        raise InvalidOperation(_("联系方式请不要超过 %(n)s 个字") % {"n": MAX_CONTACT})
    article = Article.objects.get(pk=getattr(article, "pk", article))
    with transaction.atomic():
        if per_hour is not None and client_hash and not take_report_slot(client_hash, per_hour):
            raise TooManyReports(_("您在一小时内提交的报告太多了，请稍后再试。谢谢您的耐心。"))
        report = ProblemReport.objects.create(
            article=article, message=message, contact=contact, client_hash=client_hash[:64])
        Flag.objects.create(page_id=article.page_id, article=article, code=FlagCode.READER_REPORT,
                            message=_("读者报告 #%(pk)s：%(text)s") % {"pk": report.pk, "text": message[:200]})
    return report


def recent_report_count(client_hash: str, minutes: int = 10) -> int:
    """How many reports this client sent in the last ``minutes`` (for the view's rate limit)."""
    if not client_hash:
        return 0
    since = timezone.now() - timedelta(minutes=minutes)
    return ProblemReport.objects.filter(client_hash=client_hash, created_at__gte=since).count()


def take_report_slot(client_hash: str, per_hour: int) -> bool:
    """Take the first free one of the client's ``per_hour`` slots of this clock hour; False if
    none is free. Each try is one INSERT that the unique constraint accepts or refuses: two
    reports sent at the same moment can never both get the last slot."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    ReportQuota.objects.filter(hour__lt=hour - timedelta(hours=1)).delete()  # forget old hours
    for slot in range(per_hour):
        try:
            with transaction.atomic():
                ReportQuota.objects.create(client_hash=client_hash[:64], hour=hour, slot=slot)
            return True
        except IntegrityError:
            continue
    return False
