"""An issue with its pages, and a page with its articles in print order."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import redirect, render

from . import navigation, queries
from .body import lead_text
from .schematic import page_schematic


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise Http404("没有这个日期") from None


def issue_detail(request, year: int, month: int, day: int):
    issue = queries.issue_on(_day(year, month, day))
    if request.path != issue.get_absolute_url():  # /issues/2024/3/1/ → /issues/2024/03/01/
        return redirect(issue.get_absolute_url(), permanent=True)
    return render(request, "articles/issue_detail.html", {
        "issue": issue, "pages": issue.pages.all(),
        "trail": navigation.trail(issue=issue), "sequence": navigation.issue_sequence(issue),
    })


def page_detail(request, year: int, month: int, day: int, number: int):
    page = queries.page_on(_day(year, month, day), number)
    if request.path != page.get_absolute_url():
        return redirect(page.get_absolute_url(), permanent=True)
    articles = list(page.articles.all())
    for article in articles:
        article.lead = lead_text(article.lead_blocks)
    schematic = page_schematic(articles)
    # The other pages of the issue, for the page switcher (one small query).
    pages = list(page.issue.pages.order_by("number")
                 .only("id", "issue_id", "number", "number_is_estimated", "name"))
    for other in pages:
        other.issue = page.issue  # get_absolute_url needs the issue's date; it is already loaded
    return render(request, "articles/page_detail.html", {
        "page": page, "issue": page.issue, "articles": articles, "pages": pages,
        "trail": navigation.trail(page=page), "sequence": navigation.page_sequence(page, pages),
        "schematic": schematic, "image": page.shown_image(),
    })
