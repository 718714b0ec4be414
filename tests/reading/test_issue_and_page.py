"""An issue with its pages, and a page with its articles in print order."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Issue, Page


def test_issue_page_lists_each_page_with_banner_and_headlines(client, db):
    for issue in Issue.objects.all():
        response = client.get(issue.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        for page in issue.pages.all():
            assert f'href="{page.get_absolute_url()}"' in html
            if page.banner:
                assert escape(page.banner.split()[0]) in html
            for article in page.articles.all():
                assert f'<a href="{article.get_absolute_url()}">{escape(article.headline or "（无题）")}</a>' in html


def test_issue_url_is_the_date(db):
    issue = Issue.objects.first()
    d = issue.date
    assert issue.get_absolute_url() == f"/issues/{d.year}/{d.month:02d}/{d.day:02d}/"


def test_page_shows_its_articles_in_print_order(client, seeded_page):
    response = client.get(seeded_page.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'href="{a.get_absolute_url()}"') for a in seeded_page.articles.order_by("order")]
    assert positions == sorted(positions)
    if seeded_page.banner:
        assert f'<p class="banner">{escape(seeded_page.banner)}</p>' in html


def test_page_shows_title_group_in_print_order_byline_links_and_first_lines(client, sample_article):
    html = client.get(sample_article.page.get_absolute_url()).content.decode()
    section = html[html.index(f'id="a{sample_article.pk}-title"') - 400:]
    kicker, headline, subtitle = (section.index(s) for s in ("测试引题行", "测试主题：职工书屋开到车间", "测试副题：三千职工受益"))
    assert kicker < headline < subtitle
    assert '<p class="column-label">测试栏目</p>' in section
    assert f'href="{reverse("person_detail", args=["test-jia-yibing"])}"' in section
    assert "第一段正文：职工书屋开进了车间。" in section  # first lines
    assert "未审核" not in section  # a suggested credit is not shown


def test_page_flags_are_a_discreet_badge_naming_them(client, sample_article):
    html = client.get(sample_article.page.get_absolute_url()).content.decode()
    assert '<abbr class="badge badge-flag" title="待校对：正文截断">待校对' in html


def test_page_links_to_the_other_pages_of_its_issue(client, db):
    issue = max(Issue.objects.all(), key=lambda i: i.pages.count())
    if issue.pages.count() < 2:
        Page.objects.create(issue=issue, number=issue.pages.order_by("-number").first().number + 1, name="测试版",
                            source_name="test-extra-page.txt", sha256="0" * 64, raw_text="")
    first, second = issue.pages.order_by("number")[:2]
    html = client.get(first.get_absolute_url()).content.decode()
    assert f'rel="next" href="{second.get_absolute_url()}"' in html


@pytest.mark.parametrize("suffix", ["pages/999/", "pages/99999999999999999999999/"])
def test_missing_page_is_404(client, db, suffix):
    issue = Issue.objects.first()
    assert client.get(issue.get_absolute_url() + suffix).status_code == 404


def test_article_without_headline_still_has_a_link(client, seeded_page):
    article = Article.objects.create(page=seeded_page, order=999, headline="", slug="")
    html = client.get(seeded_page.issue.get_absolute_url()).content.decode()
    assert f'<a href="{article.get_absolute_url()}">（无题）</a>' in html
