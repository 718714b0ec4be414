"""Readers report a problem on an article page; the report lands in the editors' work queue.

POST /articles/<pk>/report/ (URL name ``report_problem``). GET shows the same form on its own page
(for a reader whose browser lost the article page's form) and, after a report, a thank-you note.

Abuse guards, all without an external cache: CSRF (Django's middleware), a honeypot field (a filled
honeypot gets the thank-you page but nothing is stored), and a per-client limit counted in the
database — at most ``REPORTS_PER_HOUR`` reports per hour from one client. The client is a keyed
hash of its address, so no IP address is stored.
"""

from datetime import timedelta

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from articles.forms.reports import ProblemReportForm
from articles.models import Article, ProblemReport

REPORTS_PER_HOUR = 5


def client_hash(request) -> str:
    """A stable, non-reversible id for the client: HMAC of its address with the site's secret.

    REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone dodge the limit. Behind a
    reverse proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips)."""
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("articles.report_problem.client", address).hexdigest()


def is_rate_limited(client: str) -> bool:
    since = timezone.now() - timedelta(hours=1)
    return ProblemReport.objects.filter(client_hash=client, created_at__gte=since).count() >= REPORTS_PER_HOUR


@require_http_methods(["GET", "POST"])
def report_problem(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("page__issue"), pk=pk)
    if request.method == "GET":
        form = ProblemReportForm()
        return render(request, "articles/report_problem.html",
                      {"article": article, "form": form, "sent": request.GET.get("sent") == "1"})

    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return render(request, "articles/report_problem.html", {"article": article, "form": form}, status=400)
    thanks = reverse("report_problem", kwargs={"pk": article.pk}) + "?sent=1"
    if form.is_bot():
        return redirect(thanks)
    client = client_hash(request)
    if is_rate_limited(client):
        form.add_error(None, _("您在一小时内提交的报告太多了，请稍后再试。谢谢您的耐心。"))
        return render(request, "articles/report_problem.html", {"article": article, "form": form}, status=429)
    from articles.editing.reports import report_problem as file_report  # noqa: PLC0415

    file_report(
        article,
        message=form.cleaned_data["message"],
        contact=form.cleaned_data["contact"],
        client_hash=client,
    )
    return redirect(thanks)
