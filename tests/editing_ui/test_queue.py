"""The work queue: problems first with counts, informational flags behind a toggle, filters and
sorting, open readers' reports, links to the page editor (review happens there, not in the list)."""

import pytest
from django.urls import reverse

from articles.editing.reports import report_problem
from articles.models import ArticleStatus, Flag, FlagCode, Page, ProblemReport

from .conftest import article_with, editor_url, messages_in

QUEUE = "/admin/articles/page/queue/"


@pytest.mark.django_db
def test_queue_url_and_admin_index_link(editor_client):
    assert reverse("admin:articles_queue") == QUEUE
    assert QUEUE in editor_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_counts_by_flag_code_and_links_to_the_editor(editor_client, page001):
    html = editor_client.get(QUEUE).content.decode()
    orphans = Flag.objects.filter(code=FlagCode.ORPHAN, resolved_at__isnull=True).count()
    assert orphans > 0
    assert "孤立片段" in html and "重复段落" in html
    assert editor_url(page001) in html
    assert "日期为估计的期" not in html  # informational: behind the toggle
    assert "日期为估计的期" in editor_client.get(QUEUE, {"info": "on"}).content.decode()


@pytest.mark.django_db
def test_filter_by_code_narrows_the_lists(editor_client, page001):
    html = editor_client.get(QUEUE, {"code": FlagCode.DUPLICATE}).content.decode()
    assert "只显示" in html
    duplicate_pages = Page.objects.filter(flags__code=FlagCode.DUPLICATE).distinct()
    for page in Page.objects.exclude(pk__in=duplicate_pages):
        assert f'href="{editor_url(page)}"' not in html.split('id="pages-title"')[1].split("</section>")[0]
    assert editor_client.get(QUEUE, {"code": "<script>"}).status_code == 200


@pytest.mark.django_db
def test_review_is_not_offered_in_the_list(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    html = editor_client.get(QUEUE).content.decode()
    assert f'id="queue-article-{ningbo.pk}"' in html
    assert "mark_reviewed" not in html
    page001.refresh_from_db()
    response = editor_client.post(QUEUE, {"action": "mark_reviewed", "article": ningbo.pk,
                                          "version": page001.version}, follow=True)
    assert any(m.startswith("error:") for m in messages_in(response))
    ningbo.refresh_from_db()
    assert ningbo.status != ArticleStatus.REVIEWED


@pytest.mark.django_db
def test_close_a_readers_report(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    report = report_problem(ningbo, "标题下面缺署名")
    page001.refresh_from_db()
    response = editor_client.post(QUEUE, {"action": "close_report", "report": report.pk,
                                          "version": page001.version}, follow=True)
    assert any(m.startswith("success:") for m in messages_in(response))
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.CLOSED


@pytest.mark.django_db
def test_queue_refuses_stale_or_broken_posts(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    report = report_problem(ningbo, "第二段重复了")
    page001.refresh_from_db()
    for data in ({"action": "close_report", "report": report.pk, "version": page001.version - 1},
                 {"action": "close_report", "report": "x", "version": 1},
                 {"action": "close_report", "report": "²", "version": 1},
                 {"action": "close_report", "report": "999999", "version": 1},
                 {"action": "nope", "version": 1},
                 {"action": "close_report", "report": report.pk}):
        response = editor_client.post(QUEUE, data, follow=True)
        assert response.status_code == 200
        assert any(m.startswith("error:") for m in messages_in(response)), data
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.OPEN


@pytest.mark.django_db
def test_queue_uses_a_bounded_number_of_queries(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert editor_client.get(QUEUE).status_code == 200
