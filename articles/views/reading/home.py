"""The home page: the archive at a glance and the ways into it."""

from django.db.models import Prefetch
from django.shortcuts import render

from articles.models import Article, Issue, Page

LATEST_ISSUES = 5
LATEST_ARTICLES = 12


def home(request):
    latest_issues = (
        Issue.objects.select_related("newspaper").order_by("-date")
        .prefetch_related(Prefetch("pages", queryset=Page.objects.order_by("number").defer("raw_text")))
        [:LATEST_ISSUES]
    )
    latest_articles = (
        Article.objects.select_related("page__issue").defer("page__raw_text")
        .order_by("-page__issue__date", "page__number", "order")[:LATEST_ARTICLES]
    )
    context = {
        "counts": {
            "issues": Issue.objects.count(),
            "pages": Page.objects.count(),
            "articles": Article.objects.count(),
        },
        "latest_issues": latest_issues,
        "latest_articles": latest_articles,
        # One sentence explains the mark once, instead of a tooltip on every line.
        "estimated_shown": any(i.date_is_estimated for i in latest_issues)
        or any(a.page.issue.date_is_estimated for a in latest_articles),
    }
    return render(request, "articles/home.html", context)
