"""Issues by year and month: the calendars that lead to each day's paper."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Issue, Page


@pytest.fixture
def issue(db) -> Issue:
    issue = Issue.objects.order_by("-date").first()
    assert issue is not None
    return issue


def test_archive_lists_every_year_with_its_counts(client, issue):
    response = client.get(reverse("issue_archive"))
    assert response.status_code == 200
    html = response.content.decode()
    for year in {d.year for d in Issue.objects.values_list("date", flat=True)}:
        count = Issue.objects.filter(date__year=year).count()
        assert f'href="{reverse("issue_year", args=[year])}"' in html
        assert f"{count} 期" in html


def test_year_calendar_links_each_day_with_an_issue(client, issue):
    year = issue.date.year
    html = client.get(reverse("issue_year", args=[year])).content.decode()
    for other in Issue.objects.filter(date__year=year):
        assert f'href="{other.get_absolute_url()}"' in html
    assert f'href="{reverse("issue_month", args=[year, issue.date.month])}"' in html


def test_month_calendar_links_days_and_marks_estimates(client, issue):
    Issue.objects.filter(pk=issue.pk).update(date_is_estimated=True)
    response = client.get(reverse("issue_month", args=[issue.date.year, issue.date.month]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{issue.get_absolute_url()}"' in html
    assert '<small class="est">估</small>' in html
    assert "（估）" in html
    # Days without an issue are plain numbers, not links.
    weeks = response.context["weeks"]
    plain_days = [cell for week in weeks for cell in week if cell and not cell["issue"]]
    assert plain_days and all(f">{cell['day']}</td>" in html for cell in plain_days)


def test_confirmed_dates_carry_no_estimate_mark(client, issue):
    Issue.objects.filter(date__year=issue.date.year, date__month=issue.date.month).update(date_is_estimated=False)
    html = client.get(reverse("issue_month", args=[issue.date.year, issue.date.month])).content.decode()
    assert "（估）" not in html and 'class="est"' not in html


def test_urls_have_two_digit_months_and_days_and_one_digit_forms_redirect(client, issue):
    other = Issue.objects.create(newspaper=issue.newspaper, date=datetime.date(2031, 3, 5))
    page = Page.objects.create(issue=other, number=2, source_name="test-2031.txt", sha256="0" * 64, raw_text="")
    assert reverse("issue_month", args=[2031, 3]) == "/issues/2031/03/"
    assert other.get_absolute_url() == "/issues/2031/03/05/"
    assert page.get_absolute_url() == "/issues/2031/03/05/pages/2/"
    for short, canonical in (("/issues/2031/3/", "/issues/2031/03/"), ("/issues/2031/3/5/", "/issues/2031/03/05/"),
                             ("/issues/2031/03/5/pages/2/", "/issues/2031/03/05/pages/2/")):
        response = client.get(short)
        assert response.status_code == 301 and response["Location"] == canonical
        assert client.get(canonical).status_code == 200


@pytest.mark.parametrize("path", ["/issues/1900/", "/issues/1900/01/", "/issues/2024/13/", "/issues/2024/00/",
                                  "/issues/99999999999999999999999/", "/issues/2024/02/30/",
                                  "/issues/1900/01/01/", "/issues/99999999999/01/01/"])
def test_dates_without_issues_are_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "找不到这一页" in response.content.decode()


def test_neighbouring_months_are_linked(client, issue):
    other = Issue.objects.create(newspaper=issue.newspaper, date=issue.date + datetime.timedelta(days=400))  # the newest
    html = client.get(reverse("issue_month", args=[issue.date.year, issue.date.month])).content.decode()
    assert f'href="{reverse("issue_month", args=[other.date.year, other.date.month])}"' in html
