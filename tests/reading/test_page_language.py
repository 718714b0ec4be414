"""The readers' pages are Chinese whatever language the browser asks for; only the editors' admin
follows ``Accept-Language`` (unionarchive/language.py). A browser set to English used to get city
pages with “City”/“District” beside Chinese text, and every public page varied by the header."""

import pytest
from django.urls import reverse

from articles.models import Article, Region
from articles.models.choices import RegionLevel

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def public_paths() -> list[str]:
    article = Article.objects.exclude(headline="").order_by("pk").first()
    city = Region.objects.filter(level=RegionLevel.CITY, articles__isnull=False).order_by("code").first()
    return ["/", reverse("region_list"), city.get_absolute_url(), article.get_absolute_url(),
            article.page.get_absolute_url(), reverse("person_list"), reverse("topic_list")]


def test_public_pages_are_the_same_chinese_page_for_an_english_browser(client, search_index):
    for path in public_paths():
        chinese = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-CN")
        english = client.get(path, **ENGLISH)
        assert english.status_code == 200, path
        assert english.content == chinese.content, path
        assert english["Content-Language"] == "zh-hans", path
        assert "Accept-Language" not in english.get("Vary", ""), path


def test_the_admin_still_follows_the_browser(client):
    login = client.get(reverse("admin:login"), **ENGLISH).content.decode()
    assert "Log in" in login and 'lang="en"' in login
    assert "Accept-Language" in client.get(reverse("admin:login"), **ENGLISH).get("Vary", "")
