"""Readers report a problem on an article page; the report lands in the editors' work queue.

POST /articles/<pk>/report/ (URL name ``report_problem``). GET shows the same form on its own page
(for a reader whose browser lost the article page's form) and, after a report, a thank-you note.

Abuse guards, all without an external cache: CSRF (Django's middleware), a honeypot field (a filled
honeypot gets the thank-you page but nothing is stored), and a per-client limit kept by the
database — at most ``REPORTS_PER_HOUR`` reports per clock hour from one client (a unique row per
client, hour and slot: atomic under concurrent posts). The client is its address as seen through
the trusted proxies (``unionarchive.proxies.client_address``), stored only as a salted hash.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from articles.editing.errors import EditingError, TooManyReports
from articles.editing.reports import hash_client, report_problem as file_report
from articles.forms.reports import ProblemReportForm
from articles.models import Article
from unionarchive.proxies import client_address

REPORTS_PER_HOUR = 5
TEMPLATE = "articles/report_problem.html"


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
    try:
        file_report(article, message=form.cleaned_data["message"], contact=form.cleaned_data["contact"],
                    client_hash=hash_client(client_address(request)), per_hour=REPORTS_PER_HOUR)
    except TooManyReports as refusal:
        form.add_error(None, str(refusal))
        return render(request, TEMPLATE, {"article": article, "form": form}, status=429)
    except EditingError as refusal:
        form.add_error(None, str(refusal))
        return render(request, TEMPLATE, {"article": article, "form": form}, status=400)
    return redirect(thanks)
