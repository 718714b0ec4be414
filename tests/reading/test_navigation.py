"""Moving through the paper as in print: one trail and one previous/next model on every reading page."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse

from articles.models import Article, Issue, Page


def trail_of(html: str) -> list[str]:
    nav = html[html.index('<nav class="breadcrumbs"'):]
    nav = nav[:nav.index("</nav>")]
    return re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]*)", nav)


def rel_link(html: str, rel: str) -> str | None:
    match = re.search(rf'<link rel="{rel}" href="([^"]+)">', html)
    return match.group(1) if match else None


def issues_by_date() -> list[Issue]:
    return list(Issue.objects.order_by("date"))


def test_issue_page_links_to_the_previous_and_next_issue(client, db):
    issues = issues_by_date()
    assert len(issues) >= 3, "the seeds give several issues"
    middle = issues[1]
    html = client.get(middle.get_absolute_url()).content.decode()
    assert rel_link(html, "prev") == issues[0].get_absolute_url()
    assert rel_link(html, "next") == issues[2].get_absolute_url()
    assert f'<a rel="prev" href="{issues[0].get_absolute_url()}"><span class="pager-label">← 上一期' in html
    first = client.get(issues[0].get_absolute_url()).content.decode()
    assert rel_link(first, "prev") is None and rel_link(first, "next") == issues[1].get_absolute_url()


def test_last_page_of_an_issue_leads_to_the_first_page_of_the_next_issue(client, db):
    issues = issues_by_date()
    last_page = issues[0].pages.order_by("-number").first()
    first_page_next = issues[1].pages.order_by("number").first()
    html = client.get(last_page.get_absolute_url()).content.decode()
    assert rel_link(html, "next") == first_page_next.get_absolute_url()
    back = client.get(first_page_next.get_absolute_url()).content.decode()
    assert rel_link(back, "prev") == last_page.get_absolute_url()
    assert f'href="{issues[0].get_absolute_url()}"><span class="pager-label">' in html  # 本期目录


def test_the_trail_has_the_same_steps_on_issue_page_and_article(client, db):
    article = Article.objects.select_related("page__issue").order_by("pk").first()
    page, issue = article.page, article.page.issue
    day = [f"{issue.date.year}年", f"{issue.date.month}月", f"{issue.date.day}日"]
    assert trail_of(client.get(issue.get_absolute_url()).content.decode()) == ["首页", "按日期", *day]
    page_trail = trail_of(client.get(page.get_absolute_url()).content.decode())
    assert page_trail[:5] == ["首页", "按日期", *day] and len(page_trail) == 6
    article_trail = trail_of(client.get(article.get_absolute_url()).content.decode())
    assert article_trail[:6] == page_trail and len(article_trail) == 7


def test_a_month_without_issues_inside_the_archive_is_shown_empty_with_neighbours(client, db):
    issues = issues_by_date()
    first, last = issues[0].date, issues[-1].date
    month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    while month < last.replace(day=1) and Issue.objects.filter(date__year=month.year,
                                                               date__month=month.month).exists():
        month = (month + timedelta(days=32)).replace(day=1)
    assert month < last.replace(day=1), "the seeds' issues are months apart"
    response = client.get(reverse("issue_month", args=[month.year, month.month]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个月没有收录的报纸" in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_months_outside_the_archive_are_not_found(client, db):
    first = issues_by_date()[0].date
    before = (first.replace(day=1) - timedelta(days=1))
    assert client.get(reverse("issue_month", args=[before.year, before.month])).status_code == 404
    assert client.get(reverse("issue_month", args=[first.year + 50, 1])).status_code == 404


def test_arrow_keys_script_is_a_static_file_on_every_reading_page(client, db):
    page = Page.objects.order_by("pk").first()
    html = client.get(page.get_absolute_url()).content.decode()
    assert re.search(r'<script src="[^"]*js/pager-keys\.js" defer></script>', html)


def test_page_view_draws_the_page_as_boxes_in_reading_order_sized_by_length(client, db):
    page = max(Page.objects.all(), key=lambda p: p.articles.count())
    html = client.get(page.get_absolute_url()).content.decode()
    schematic = html[html.index('<nav class="page-schematic"'):]
    schematic = schematic[:schematic.index("</nav>")]
    articles = list(page.articles.order_by("order", "pk"))
    hrefs = re.findall(r'<a href="([^"]+)">', schematic)
    assert hrefs == [a.get_absolute_url() for a in articles]
    lengths = {a.pk: sum(len(b.text) for b in a.blocks.filter(hidden=False)) for a in articles}
    sizes = dict(zip((a.pk for a in articles), map(int, re.findall(r'<li class="size-(\d)">', schematic))))
    longest = max(lengths, key=lengths.get)
    shortest = min(lengths, key=lengths.get)
    assert sizes[longest] == 6 and sizes[shortest] < sizes[longest]
    assert f"{lengths[longest]} 字" in schematic


def test_favicon_is_linked_and_favicon_ico_redirects_to_it(client, db):
    html = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+\.svg)"', html).group(1)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon
