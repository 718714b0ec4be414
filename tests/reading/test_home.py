"""The home page: the archive at a glance and the ways into it."""

import re

from django.urls import reverse

from articles.models import Article, Issue, Page


def test_home_shows_counts_latest_issue_and_articles(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    counts = response.context["counts"]
    assert counts == {"issues": Issue.objects.count(), "pages": Page.objects.count(),
                      "articles": Article.objects.count()}
    assert f"<dd>{counts['articles']}</dd>" in html
    latest = Issue.objects.order_by("-date").first()
    assert f'href="{latest.get_absolute_url()}"' in html
    for page in latest.pages.all():
        assert f'href="{page.get_absolute_url()}"' in html
    newest_article = Article.objects.filter(page__issue=latest).order_by("page__number", "order").first()
    assert f'href="{newest_article.get_absolute_url()}"' in html


def test_home_links_to_every_way_of_browsing(client, db):
    html = client.get(reverse("home")).content.decode()
    for path in (reverse("issue_archive"), "/regions/", "/topics/", "/people/"):
        assert f'href="{path}"' in html


def test_home_has_skip_link_and_landmarks(client, db):
    html = client.get(reverse("home")).content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and 'role="banner"' in html and 'role="contentinfo"' in html
    # Reading needs no JavaScript: the one script only adds ← → keys, from a file (no inline code).
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("src=" in tag and "defer" in tag for tag in scripts), scripts


def test_estimated_mark_once_per_issue_with_one_explanation(client, db):
    """“（估）” belongs to an issue: it is said once per issue shown, not on every article line."""
    html = client.get(reverse("home")).content.decode()
    estimated_issues = Issue.objects.filter(date_is_estimated=True).count()
    assert estimated_issues, "the seeds' dates are estimated"
    issues_shown = min(Issue.objects.count(), 5)
    # Each issue at most twice: in the list of issues and as the heading of its articles.
    assert html.count("（估）") <= 2 * issues_shown + 1
    assert html.count('id="estimate-note"') == 1
