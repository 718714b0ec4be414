"""Fixtures for the accessibility tests: the pages to audit, found from the served seeds' data (never
hard-coded ids), and an editor signed in to the shared served site.

The editors' pages need a signed-in editor; ``create_editor`` only adds a user to the shared site
(no archive content changes), so these read-only tests can share ``served_site``.
"""

from __future__ import annotations

import json

import pytest

EDITOR, PASSWORD = "a11y-editor", "a11y-editor-pass"

# One line of Django code per page kind: prints {"name": "/path/", …} for the seeded archive.
_FIND_PAGES = r"""
import json
from django.db.models import Count
from django.urls import reverse
from articles.models import Article, Issue, Page, Person, Region, Topic
from articles.models.choices import RegionLevel

issue = Issue.objects.filter(date_is_estimated=True).first() or Issue.objects.first()
page = (Page.objects.filter(issue=issue).annotate(n=Count("blocks")).order_by("-n").first())
editor_page = Page.objects.annotate(n=Count("blocks")).order_by("-n").first()
article = Article.objects.filter(page=page).exclude(headline="").order_by("order").first()
city = (Region.objects.filter(level=RegionLevel.CITY).annotate(n=Count("articles"))
        .order_by("-n", "code").first())
topic = Topic.objects.annotate(n=Count("articles")).order_by("-n", "slug").first()
person = Person.objects.annotate(n=Count("credits")).order_by("-n", "slug").first()
public = {
    "home": "/",
    "year": reverse("issue_year", args=[issue.date.year]),
    "month": reverse("issue_month", args=[issue.date.year, issue.date.month]),
    "issue": issue.get_absolute_url(),
    "page": page.get_absolute_url(),
    "article": article.get_absolute_url(),
    "search results": "/search/?q=" + city.name[:2],
    "search filtered": f"/search/?q={city.name[:2]}&city={city.code}&year={issue.date.year}",
    "search empty": "/search/?q=没有这样的词语xyz",
    "regions": reverse("region_list"),
    "city": city.get_absolute_url(),
    "topics": reverse("topic_list"),
    "topic": topic.get_absolute_url(),
    "people": reverse("person_list"),
    "person": person.get_absolute_url(),
    "404": "/no-such-page/",
}
editors = {
    "admin index": reverse("admin:index"),
    "work queue": reverse("admin:articles_queue"),
    "page editor": reverse("admin:articles_page_editor", args=[editor_page.pk]),
    "page history": reverse("admin:articles_page_revisions", args=[editor_page.pk]),
    "article history": reverse("admin:articles_article_revisions", args=[article.pk]),
    "article tags": reverse("admin:articles_article_tags", args=[article.pk]),
    "page list": reverse("admin:articles_page_changelist"),
    "article list": reverse("admin:articles_article_changelist"),
    "person list": reverse("admin:articles_person_changelist"),
    "flag list": reverse("admin:articles_flag_changelist"),
    "page change": reverse("admin:articles_page_change", args=[editor_page.pk]),
}
print(json.dumps({"public": public, "editors": editors}, ensure_ascii=False))
"""


@pytest.fixture(scope="session")
def site_pages(served_site) -> dict[str, dict[str, str]]:
    """{"public": {kind: path}, "editors": {kind: path}} for the served seeds."""
    return json.loads(served_site.python(_FIND_PAGES).strip().splitlines()[-1])


@pytest.fixture(scope="session")
def a11y_editor(served_site) -> tuple[str, str]:
    served_site.manage("create_editor", EDITOR, "--password", PASSWORD)
    return EDITOR, PASSWORD


@pytest.fixture(scope="module")
def editor_state(served_site, a11y_editor, chromium) -> dict:
    """Playwright storage state of an editor signed in through the admin's own login form."""
    username, password = a11y_editor
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(served_site.url("/admin/login/"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click('input[type="submit"]')
        assert "/admin/login/" not in page.url, "the a11y editor could not sign in"
        return context.storage_state()
    finally:
        context.close()
