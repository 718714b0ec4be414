"""Readers' problem reports: the article page's "report a problem" form lands here.

``report_problem`` stores the report and raises a READER_REPORT flag so that it shows in the
editors' work queue. Rate limiting is the view's job; ``recent_report_count`` gives it the number
of recent reports from one client, identified only by a salted hash (no address is stored).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Flag, FlagCode, ProblemReport

from .errors import InvalidOperation

MAX_MESSAGE = 2000
MAX_CONTACT = 200


def hash_client(client_id: str) -> str:
    """A salted SHA-256 of whatever identifies the client (e.g. its IP address): enough to count
    its reports, useless for finding the reader."""
    salted = f"{settings.SECRET_KEY}:problem-report:{client_id}".encode()
    return hashlib.sha256(salted).hexdigest()


def report_problem(article, message: str, contact: str = "", client_hash: str = "") -> ProblemReport:
    """Store a reader's report on ``article`` and flag the article for editors."""
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
