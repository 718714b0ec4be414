"""Only editors reach the editor views: anonymous visitors are sent to the login page, signed-in
staff outside the editors group get 403, and every change needs a POST."""

import pytest
from django.urls import reverse

from articles.models import Revision

from .conftest import editor_url


def _editor_urls(page):
    article = page.articles.order_by("order").first()
    return [
        editor_url(page),
        reverse("admin:articles_queue"),
        reverse("admin:articles_page_revisions", args=[page.pk]),
        reverse("admin:articles_article_revisions", args=[article.pk]),
        reverse("admin:articles_article_tags", args=[article.pk]),
    ]


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login_page(client, page001):
    for url in _editor_urls(page001):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
def test_anonymous_post_changes_nothing(client, page001):
    response = client.post(editor_url(page001), {"action": "split", "version": page001.version, "block": 1})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_staff_who_is_not_an_editor_gets_403(staff_client, page001):
    for url in _editor_urls(page001):
        assert staff_client.get(url).status_code == 403, url
    response = staff_client.post(editor_url(page001), {"action": "split", "version": page001.version})
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_signed_in_reader_cannot_enter_the_admin(client, page001, django_user_model):
    reader = django_user_model.objects.create_user("ui-reader", password=None)
    client.force_login(reader)
    response = client.get(editor_url(page001))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.django_db
def test_editor_forms_require_csrf(editor, page001):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(editor_url(page001), {"action": "split", "version": page001.version})
    assert response.status_code == 403
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_editor_reaches_every_editor_view(editor_client, page001):
    for url in _editor_urls(page001):
        assert editor_client.get(url).status_code == 200, url
