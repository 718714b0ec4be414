"""Readers report a problem on an article page; the report lands in the editors' work queue.

POST /articles/<pk>/report/ (URL name ``report_problem``). GET shows the same form on its own page
(for a reader whose browser lost the article page's form) and, after a report, a thank-you note.

Abuse guards, all without an external cache: CSRF (Django's middleware), a honeypot field (a filled
honeypot gets the thank-you page but nothing is stored), and a per-client limit counted in the
database — at most ``REPORTS_PER_HOUR`` reports per hour from one client. The client is a salted
hash of its address (``articles.editing.reports.hash_client``), so no address is stored.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from articles.editing.errors import EditingError
from articles.editing.reports import hash_client, recent_report_count, report_problem as file_report
from articles.forms.reports import ProblemReportForm
from articles.models import Article

REPORTS_PER_HOUR = 5
TEMPLATE = "articles/report_problem.html"


def client_address(request) -> str:
    """REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone dodge the limit. Behind
    a reverse proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def report_problem(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("page__issue"), pk=pk)
    if request.method == "GET":
        context = {"article": article, "form": ProblemReportForm(), "sent": request.GET.get("sent") == "1"}
        return render(request, TEMPLATE, context)

    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"article": article, "form": form}, status=400)
    thanks = reverse("report_problem", kwargs={"pk": article.pk}) + "?sent=1"
    if form.is_bot():
        return redirect(thanks)
    client = hash_client(client_address(request))
    if recent_report_count(client, minutes=60) >= REPORTS_PER_HOUR:
        form.add_error(None, _("您在一小时内提交的报告太多了，请稍后再试。谢谢您的耐心。"))
        return render(request, TEMPLATE, {"article": article, "form": form}, status=429)
    try:
        file_report(article, message=form.cleaned_data["message"], contact=form.cleaned_data["contact"],
                    client_hash=client)
    except EditingError as refusal:
        form.add_error(None, str(refusal))
        return render(request, TEMPLATE, {"article": article, "form": form}, status=400)
    return redirect(thanks)
