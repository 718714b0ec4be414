"""Readers report a problem from an article page: CSRF-protected, rate-limited per client, with a
honeypot; the report lands in the editors' queue; bad input re-renders the form, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Flag, FlagCode, ProblemReport
from articles.views.reports import REPORTS_PER_HOUR


@pytest.fixture
def article(db):
    return Article.objects.filter(page__source_name__startswith="001_", subtitle__contains="宁波海建").get()


def _url(article):
    return reverse("report_problem", kwargs={"pk": article.pk})


@pytest.mark.django_db
def test_article_page_links_to_the_report_form_which_carries_the_token(client, article):
    page = client.get(article.get_absolute_url())
    assert f'href="{_url(article)}"' in page.content.decode()
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies  # cacheable for everyone
    html = client.get(_url(article)).content.decode()
    assert f'action="{_url(article)}"' in html and "csrfmiddlewaretoken" in html
    assert 'name="website"' in html  # the honeypot, hidden from people


@pytest.mark.django_db
def test_a_report_lands_in_the_queue_with_a_flag(client, article, editor_client):
    response = client.post(_url(article), {"message": "第二段和第五段重复了", "contact": "reader@example.com"})
    assert response.status_code == 302
    assert response["Location"] == _url(article) + "?sent=1"
    thanks = client.get(response["Location"]).content.decode()
    assert "谢谢" in thanks
    report = ProblemReport.objects.get(article=article)
    assert report.message == "第二段和第五段重复了" and report.contact == "reader@example.com"
    assert report.client_hash and "127.0.0.1" not in report.client_hash
    assert Flag.objects.filter(article=article, code=FlagCode.READER_REPORT, resolved_at__isnull=True).exists()
    queue = editor_client.get(reverse("admin:articles_queue")).content.decode()
    assert "第二段和第五段重复了" in queue


@pytest.mark.django_db
def test_report_text_is_escaped_everywhere(client, article, editor_client):
    nasty = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(_url(article), {"message": nasty, "contact": "<b>me</b>"})
    for url in (reverse("admin:articles_queue"), reverse("admin:articles_problemreport_changelist")):
        html = editor_client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>me</b>" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("data", [
    {"message": ""},
    {"message": "   "},
    {"message": "字" * 501},
    {"message": "ok", "contact": "c" * 201},
    {},
])
@pytest.mark.django_db
def test_bad_input_rerenders_the_form(client, article, data):
    response = client.post(_url(article), data)
    assert response.status_code == 400
    assert "<form" in response.content.decode()
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_honeypot_gets_thanks_but_stores_nothing(client, article):
    response = client.post(_url(article), {"message": "buy now", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_rate_limited_per_client(client, article):
    for n in range(REPORTS_PER_HOUR):
        assert client.post(_url(article), {"message": f"问题 {n}"}).status_code == 302
    response = client.post(_url(article), {"message": "再来一个"})
    assert response.status_code == 429
    assert "太多" in response.content.decode()
    assert ProblemReport.objects.count() == REPORTS_PER_HOUR
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post(_url(article), {"message": "另一位读者"}).status_code == 302


@pytest.mark.django_db
def test_csrf_is_required(article):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(_url(article), {"message": "no token"}).status_code == 403
    assert not ProblemReport.objects.exists()


@pytest.mark.django_db
def test_unknown_article_is_404_and_other_methods_405(client, db):
    assert client.post("/articles/999999/report/", {"message": "x"}).status_code == 404
    assert client.put(_url(Article.objects.first())).status_code == 405
