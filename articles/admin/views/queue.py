"""The editors' work queue: where to start. Problems first (readers' reports, orphans, duplicates,
truncation, …) with counts; informational flags (跨栏拼接, estimated dates) behind a toggle;
filters by flag kind, date range, page and status and a sort order (``QueueFilterForm``, GET).
Every row links to the page editor: an article is marked reviewed there, after it was looked at,
never from this list. Readers' reports can be closed here (POST, version-checked like every edit).

The queries are the editing operations' (``articles.editing.queue``); this view only lays them out.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.editing import queue, review
from articles.models import Flag, FlagCode, Issue, Page

from .. import operations
from .forms import CloseReportForm, QueueFilterForm
from .guard import editor_required

LIST_LIMIT = 200


def _flag_labels(articles, codes) -> None:
    """Attach ``flag_labels`` (open flag names of the listed kinds) to each article with one query."""
    labels: dict[int, list[str]] = {}
    rows = (Flag.objects.filter(article__in=articles, resolved_at__isnull=True, code__in=codes)
            .values_list("article_id", "code").order_by("code").distinct())
    for article_id, code in rows:
        labels.setdefault(article_id, []).append(FlagCode(code).label if code in FlagCode.values else code)
    for article in articles:
        article.flag_labels = labels.get(article.pk, [])


@editor_required
def work_queue(request):
    if request.method == "POST":
        return _post(request)
    form = QueueFilterForm(request.GET or None)
    where = form.queue_filter() if form.is_bound else queue.QueueFilter()
    articles_query = queue.flagged_articles(where).select_related("page__issue__newspaper")
    articles = list(articles_query[:LIST_LIMIT])
    _flag_labels(articles, where.codes)
    counts = queue.flag_counts()
    context = {
        **admin_site.each_context(request),
        "title": _("待办清单"),
        "opts": Page._meta,
        "form": form,
        "where": where,
        "code_label": FlagCode(where.code).label if where.code else "",
        "problem_counts": [row for row in counts if not row["informational"]],
        "info_counts": [row for row in counts if row["informational"]],
        "info_open": where.informational or bool(where.code and queue.is_informational(where.code)),
        "pages": queue.flagged_pages(where).select_related("issue__newspaper")[:LIST_LIMIT],
        "articles": articles,
        "article_total": articles_query.count() if len(articles) == LIST_LIMIT else len(articles),
        "issues": _estimated_issues(where),
        "reports": queue.open_reports().select_related("article__page").order_by("-created_at")[:LIST_LIMIT],
        "query": _query_without(request, "code"),
        "info_query": urlencode({**request.GET.dict(), "info": "on"}),
    }
    return TemplateResponse(request, "admin/articles/queue.html", context)


def _estimated_issues(where):
    if not where.shows_estimated_dates:
        return None
    issues = Issue.objects.filter(date_is_estimated=True).select_related("newspaper").prefetch_related("pages")
    return issues.order_by("date")[:LIST_LIMIT]


def _query_without(request, name: str) -> str:
    """The current filters as a query string without ``name`` (for the count table's links)."""
    return urlencode({key: value for key, value in request.GET.items() if key != name and value})


def _post(request):
    back = reverse("admin:articles_queue")
    if request.GET:
        back += "?" + request.GET.urlencode()
    if request.POST.get("action") != "close_report":
        messages.error(request, _("未知的操作，什么也没有改。"))
        return redirect(back)
    form = CloseReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(back)
    report = form.cleaned_data["report"]
    outcome = operations.run(request, review.close_report, report=report,
                             expected_version=form.cleaned_data["version"])
    if outcome.ok:
        messages.success(request, _("读者报告 #%(pk)s 已处理。") % {"pk": report.pk})
    else:
        messages.error(request, outcome.error)
    return redirect(back)
