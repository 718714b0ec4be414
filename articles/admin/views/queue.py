"""The editors' work queue: where to start. Open flags by kind with counts, the flagged pages and
articles, issues whose date is only estimated, and readers' open reports — each with a link to the
page editor. An article can be marked reviewed from here.

``?code=<flag code>`` narrows the page and article lists to one kind of flag.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article, ArticleStatus, Flag, FlagCode, Issue, Page, ProblemReport

from .. import operations
from .guard import editor_required

LIST_LIMIT = 200


def flag_counts():
    """Open flags per code: how many, on how many pages and articles (one aggregate query)."""
    labels = dict(FlagCode.choices)
    rows = (
        Flag.objects.filter(resolved_at__isnull=True)
        .values("code")
        .annotate(total=Count("pk"), pages=Count("page", distinct=True), articles=Count("article", distinct=True))
        .order_by("-total", "code")
    )
    return [{**row, "label": labels.get(row["code"], row["code"])} for row in rows]


def _open_flags(code: str | None) -> Q:
    condition = Q(flags__resolved_at__isnull=True)
    if code:
        condition &= Q(flags__code=code)
    return condition


def flagged_pages(code: str | None):
    return (
        Page.objects.select_related("issue__newspaper")
        .annotate(open_flags=Count("flags", filter=_open_flags(code), distinct=True))
        .filter(open_flags__gt=0)
        .order_by("-open_flags", "issue__date", "number")[:LIST_LIMIT]
    )


def flagged_articles(code: str | None):
    articles = list(
        Article.objects.select_related("page__issue")
        .exclude(status=ArticleStatus.REVIEWED)
        .annotate(open_flags=Count("flags", filter=_open_flags(code), distinct=True))
        .filter(open_flags__gt=0)
        .order_by("page__issue__date", "page__number", "order")[:LIST_LIMIT]
    )
    codes: dict[int, list[str]] = {}
    for article_id, flag_code in Flag.objects.filter(
        article__in=articles, resolved_at__isnull=True
    ).values_list("article_id", "code").order_by("code").distinct():
        codes.setdefault(article_id, []).append(FlagCode(flag_code).label if flag_code in FlagCode.values else flag_code)
    for article in articles:
        article.flag_labels = codes.get(article.pk, [])
    return articles


def estimated_issues():
    return (
        Issue.objects.filter(date_is_estimated=True).select_related("newspaper")
        .prefetch_related("pages").order_by("date")[:LIST_LIMIT]
    )


def open_reports():
    return (
        ProblemReport.objects.filter(status=ProblemReport.Status.OPEN)
        .select_related("article__page__issue").order_by("-created_at")[:LIST_LIMIT]
    )


@editor_required
def work_queue(request):
    code = request.GET.get("code") or None
    if code not in FlagCode.values:
        code = None
    context = {
        **admin_site.each_context(request),
        "title": _("待办清单"),
        "opts": Page._meta,
        "code": code,
        "code_label": FlagCode(code).label if code else "",
        "counts": flag_counts(),
        "pages": flagged_pages(code),
        "articles": flagged_articles(code),
        "issues": estimated_issues(),
        "reports": open_reports(),
        "report_counts": ProblemReport.objects.filter(status=ProblemReport.Status.OPEN).count(),
    }
    return TemplateResponse(request, "admin/articles/queue.html", context)


@require_POST
@editor_required
def mark_reviewed(request, article_id: int):
    from articles.editing import review  # noqa: PLC0415

    article = get_object_or_404(Article, pk=article_id)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    result = operations.run(request, review.mark_reviewed, article=article, expected_version=version)
    if result.ok:
        messages.success(request, _("《%(article)s》已标记为已审核。") % {"article": article})
    else:
        messages.error(request, result.error)
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/admin/")
                    else reverse("admin:articles_queue"))
