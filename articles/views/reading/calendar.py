"""Issues by year and by month, drawn as calendars (Monday first, as Chinese calendars are)."""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.models import Article, Issue

from . import navigation

WEEKDAYS = "一二三四五六日"
_calendar = calendar.Calendar(firstweekday=0)


def month_grid(year: int, month: int, issues_by_day: dict[date, Issue]) -> list[list[dict | None]]:
    """Weeks of the month; each day is None (outside the month) or {"day", "issue"}."""
    weeks = []
    for week in _calendar.monthdatescalendar(year, month):
        weeks.append([
            {"day": d.day, "date": d, "issue": issues_by_day.get(d)} if d.month == month else None
            for d in week
        ])
    return weeks


def _check_date(year: int, month: int = 1) -> None:
    if not (1 <= month <= 12 and date.min.year <= year <= date.max.year):
        raise Http404("没有这个日期")


def issue_archive(request):
    """All years, each with its number of issues and articles."""
    issues = Counter({row["year"]: row["n"] for row in
                      Issue.objects.annotate(year=ExtractYear("date")).values("year").annotate(n=Count("id"))
                      .order_by()})
    articles = Counter({row["year"]: row["n"] for row in
                        Article.objects.annotate(year=ExtractYear("page__issue__date")).values("year")
                        .annotate(n=Count("id")).order_by()})
    years = [{"year": y, "issues": issues[y], "articles": articles[y]} for y in sorted(issues, reverse=True)]
    return render(request, "articles/issue_archive.html", {"years": years})


def _issues_between(start: date, end: date) -> dict[date, Issue]:
    return {issue.date: issue for issue in
            Issue.objects.filter(date__gte=start, date__lt=end).only("id", "date", "date_is_estimated")}


def _neighbours(start: date, end: date) -> tuple[Issue | None, Issue | None]:
    """The nearest issue before ``start`` and the nearest on or after ``end``, for paging."""
    before = Issue.objects.filter(date__lt=start).order_by("-date").only("date").first()
    after = Issue.objects.filter(date__gte=end).order_by("date").only("date").first()
    return before, after


def issue_year(request, year: int):
    _check_date(year)
    start, end = date(year, 1, 1), (date(year + 1, 1, 1) if year < date.max.year else date.max)
    by_day = _issues_between(start, end)
    if not by_day:
        raise Http404("这一年没有收录的报纸")
    months_with_issues = {d.month for d in by_day}
    months = [{"label": f"{m}月", "weeks": month_grid(year, m, by_day),
               "url": reverse("issue_month", args=[year, m]) if m in months_with_issues else ""}
              for m in range(1, 13)]
    before, after = _neighbours(start, end)
    return render(request, "articles/issue_year.html", {
        "year": year, "months": months, "weekdays": WEEKDAYS, "issue_count": len(by_day),
        "previous": before, "next": after, "trail": navigation.trail(year=year),
    })


def issue_month(request, year: int, month: int):
    _check_date(year, month)
    canonical = reverse("issue_month", args=[year, month])
    if request.path != canonical:  # /issues/2024/3/ → /issues/2024/03/
        return redirect(canonical, permanent=True)
    start = date(year, month, 1)
    end = date(year + month // 12, month % 12 + 1, 1) if (year, month) != (date.max.year, 12) else date.max
    by_day = _issues_between(start, end)
    before, after = _neighbours(start, end)
    if not by_day and (before is None or after is None):
        # An empty month inside the archive's span is shown (with its neighbours); one before the
        # first or after the last issue is not a page of this archive.
        raise Http404("这个月没有收录的报纸")
    return render(request, "articles/issue_month.html", {
        "year": year, "month": month, "weeks": month_grid(year, month, by_day), "weekdays": WEEKDAYS,
        "issues": [by_day[d] for d in sorted(by_day)], "previous": before, "next": after,
        "trail": navigation.trail(year=year, month=month),
    })
