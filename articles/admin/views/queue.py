"""The editors' work queue: where to start. Open flags by kind with counts, the flagged pages and
articles, issues whose date is only estimated, and readers' open reports — each linking to the
page editor. From here an article can be marked reviewed and a reader's report closed (POST,
version-checked like every edit). ``?code=<flag code>`` narrows the lists to one kind of flag.

The queries are the editing operations' (``articles.editing.queue``); this view only lays them out.
"""

from django.contrib import messages
from django.contrib.admin.sites import site as admin_site
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.editing import queue, review
from articles.models import Article, Flag, FlagCode, Issue, Page, ProblemReport

from .. import operations
from .guard import editor_required

LIST_LIMIT = 200


def _flag_labels(articles) -> None:
    """Attach ``flag_labels`` (open flag names) to each article with one query."""
    labels: dict[int, list[str]] = {}
    rows = (Flag.objects.filter(article__in=articles, resolved_at__isnull=True)
            .values_list("article_id", "code").order_by("code").distinct())
    for article_id, code in rows:
        labels.setdefault(article_id, []).append(FlagCode(code).label if code in FlagCode.values else code)
    for article in articles:
        article.flag_labels = labels.get(article.pk, [])


@editor_required
def work_queue(request):
    if request.method == "POST":
        return _post(request)
    code = request.GET.get("code") or None
    if code not in FlagCode.values:
        code = None
    articles = list(queue.flagged_articles(code).select_related("page__issue__newspaper")[:LIST_LIMIT])
    _flag_labels(articles)
    context = {
        **admin_site.each_context(request),
        "title": _("待办清单"),
        "opts": Page._meta,
        "code": code,
        "code_label": FlagCode(code).label if code else "",
        "counts": queue.flag_counts(),
        "pages": queue.flagged_pages(code).select_related("issue__newspaper")[:LIST_LIMIT],
        "articles": articles,
        "issues": Issue.objects.filter(date_is_estimated=True).select_related("newspaper")
        .prefetch_related("pages").order_by("date")[:LIST_LIMIT],
        "reports": queue.open_reports().select_related("article__page").order_by("-created_at")[:LIST_LIMIT],
    }
    return TemplateResponse(request, "admin/articles/queue.html", context)


def _post(request):
    back = reverse("admin:articles_queue")
    if request.GET.get("code") in FlagCode.values:
        back += "?code=" + request.GET["code"]
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("表单缺少版面版本号，请刷新页面后重做。"))
        return redirect(back)
    action = request.POST.get("action")
    try:
        target_id = int(request.POST.get("target", ""))
    except ValueError:
        target_id = 0
    if action == "mark_reviewed":
        article = Article.objects.filter(pk=target_id).first()
        if article is None:
            messages.error(request, _("这篇文章已不存在（可能已被合并），请刷新页面。"))
            return redirect(back)
        outcome = operations.run(request, review.mark_reviewed, article=article, expected_version=version)
        done = _("《%(article)s》已标记为已审核。") % {"article": article}
    elif action == "close_report":
        report = ProblemReport.objects.filter(pk=target_id).first()
        if report is None:
            messages.error(request, _("这条读者报告已不存在，请刷新页面。"))
            return redirect(back)
        outcome = operations.run(request, review.close_report, report=report, expected_version=version)
        done = _("读者报告 #%(pk)s 已处理。") % {"pk": report.pk}
    else:
        messages.error(request, _("未知的操作，什么也没有改。"))
        return redirect(back)
    if outcome.ok:
        messages.success(request, done)
    else:
        messages.error(request, outcome.error)
    return redirect(back)
