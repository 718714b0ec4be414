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
