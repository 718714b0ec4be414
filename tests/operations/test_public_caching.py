"""Anonymous readers get pages a shared cache may keep: no cookie, no ``Vary: Cookie``,
``Cache-Control: public``; article pages revalidate with ETag/Last-Modified; HTML is gzipped
unless the response carries a CSRF token or depends on the session (BREACH)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import has_vary_header

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client(HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING="gzip")


@pytest.fixture
def article(db):
    return Article.objects.exclude(slug="").order_by("pk").first()


def assert_public(response):
    assert response.status_code == 200
    assert not response.cookies and not has_vary_header(response, "Cookie")
    assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]  # browsers revalidate: corrections show at once


def test_article_page_is_public_compressed_and_has_validators(reader, article):
    response = reader.get(article.get_absolute_url())
    assert_public(response)
    assert response["Content-Encoding"] == "gzip"
    assert response["ETag"] and response["Last-Modified"]
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("path", ["/", "/issues/", "/regions/", "/topics/", "/people/", "/search/?q=工会",
                                  "/search.json?q=工会", "/search/feed/?q=工会"])
def test_other_public_pages_are_public_too(reader, path, search_index):
    assert_public(reader.get(path))


def test_revalidation_answers_304_until_the_article_changes(reader, article):
    first = reader.get(article.get_absolute_url())
    again = reader.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)  # an editor's correction bumps it
    changed = reader.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_report_form_carries_the_token_and_is_neither_public_nor_compressed(reader, article):
    response = reader.get(reverse("report_problem", kwargs={"pk": article.pk}))
    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
    assert "csrftoken" in response.cookies and has_vary_header(response, "Cookie")
    assert "public" not in response.get("Cache-Control", "")
    assert "Content-Encoding" not in response  # BREACH: a secret beside reflected input stays uncompressed


def test_admin_pages_are_never_public_nor_compressed(reader, admin_user):
    reader.force_login(admin_user)
    response = reader.get("/admin/")
    assert "public" not in response.get("Cache-Control", "") and "Content-Encoding" not in response


def test_search_json_allows_any_origin_but_never_credentials(reader, search_index):
    response = reader.get("/search.json?q=工会")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "Access-Control-Allow-Origin" not in reader.get("/search/?q=工会")
