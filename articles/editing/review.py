"""Reviewing: mark an article reviewed, resolve flags, raise a flag by hand, close readers' reports.

These are editing actions like the others (one transaction, a Revision, undoable), except that
they do not mark the article "corrected": reviewing is their point.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleStatus, Flag, FlagCode, ProblemReport, RevisionAction

from .errors import InvalidOperation
from .frame import page_edit
from .structure import get_article


def mark_reviewed(article, *, resolve_flags: bool = True, user, expected_version: int):
    """Set status=reviewed with who and when; by default also resolve the article's open flags
    (an editor who reviewed the article has seen them)."""
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.REVIEW) as edit:
        article = get_article(article, page_id)
        edit.mark_corrected = False
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.REVIEWED, reviewed_by=user, reviewed_at=now)
        if resolve_flags:
            Flag.objects.filter(article=article, resolved_at__isnull=True).update(resolved_at=now, resolved_by=user)
        edit.summary = _("《%(article)s》标为已审核") % {"article": article}
    return edit.revision


def resolve_flag(flag, *, user, expected_version: int):
    """Mark one flag as handled (who and when are kept on the flag and in the revision)."""
    flag = Flag.objects.get(pk=getattr(flag, "pk", flag))
    with page_edit(flag.page_id, user=user, expected_version=expected_version, action=RevisionAction.RESOLVE_FLAG) as edit:
        flag = Flag.objects.get(pk=flag.pk)
        if flag.resolved_at is not None:
            raise InvalidOperation(_("这个标记已经处理过了"))
        edit.mark_corrected = False
        Flag.objects.filter(pk=flag.pk).update(resolved_at=timezone.now(), resolved_by=user)
        edit.summary = _("处理标记：%(flag)s") % {"flag": flag.get_code_display()}
    return edit.revision


def add_flag(article, code: str, message: str = "", *, user, expected_version: int):
    """Raise a flag on an article by hand (e.g. MISSING_LEAD after repairing a scrambled page)."""
    if code not in FlagCode.values:
        raise InvalidOperation(_("未知的标记：%(code)s") % {"code": code})
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.FLAG) as edit:
        article = get_article(article, page_id)
        Flag.objects.create(page_id=page_id, article=article, code=code, message=message[:1000])
        edit.summary = _("标记《%(article)s》：%(flag)s") % {"article": article, "flag": FlagCode(code).label}
    return edit.revision


def close_report(report, *, user, expected_version: int):
    """Close a reader's report; the article's READER_REPORT flag is resolved once none is open."""
    report = ProblemReport.objects.select_related("article").get(pk=getattr(report, "pk", report))
    page_id = report.article.page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.RESOLVE_FLAG) as edit:
        report = ProblemReport.objects.get(pk=report.pk)
        if report.status == ProblemReport.Status.CLOSED:
            raise InvalidOperation(_("这条读者报告已经处理过了"))
        edit.mark_corrected = False
        ProblemReport.objects.filter(pk=report.pk).update(status=ProblemReport.Status.CLOSED)
        if not ProblemReport.objects.filter(article_id=report.article_id, status=ProblemReport.Status.OPEN).exists():
            Flag.objects.filter(article_id=report.article_id, code=FlagCode.READER_REPORT,
                                resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=user)
        edit.summary = _("处理读者报告 #%(pk)s") % {"pk": report.pk}
    return edit.revision
