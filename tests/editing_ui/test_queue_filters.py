"""The queue puts problems first: informational flags (跨栏拼接, estimated dates) only behind a
toggle; filters by flag kind, date range, page and status (a GET form); sorting; counts."""

import re

import pytest

from articles.editing.queue import INFORMATIONAL, PROBLEMS
from articles.models import Article, ArticleStatus, Flag, FlagCode, Page

from .conftest import article_with, post_action

QUEUE = "/admin/articles/page/queue/"


def listed(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="queue-article-(\d+)"', html)}


def _only_informational() -> set[int]:
    """Articles whose every open flag is informational (the rows that used to bury the problems)."""
    problem = set(Flag.objects.filter(resolved_at__isnull=True, code__in=PROBLEMS).values_list("article_id", flat=True))
    info = set(Flag.objects.filter(resolved_at__isnull=True, code__in=INFORMATIONAL).values_list("article_id", flat=True))
    return info - problem - {None}


@pytest.mark.django_db
def test_informational_flags_wait_behind_the_toggle(editor_client):
    quiet = _only_informational()
    assert quiet, "the seeds have articles with only a repaired column break"
    html = editor_client.get(QUEUE).content.decode()
    rows = listed(html)
    assert rows and not rows & quiet
    problem_articles = set(Flag.objects.filter(resolved_at__isnull=True, code__in=PROBLEMS)
                           .values_list("article_id", flat=True)) - {None}
    assert rows == problem_articles
    assert f"（{len(rows)}）" in html  # the count in the heading
    with_info = listed(editor_client.get(QUEUE, {"info": "on"}).content.decode())
    assert quiet <= with_info and rows <= with_info


@pytest.mark.django_db
def test_problem_counts_come_before_the_informational_ones(editor_client):
    html = editor_client.get(QUEUE).content.decode()
    problems, info = html.split('data-testid="info-counts"')
    assert "孤立片段" in problems and "跨栏拼接" not in problems.split('data-testid="problem-counts"')[1]
    assert "跨栏拼接" in info


@pytest.mark.django_db
def test_filter_by_kind_date_page_and_status(editor_client, page001):
    orphans = set(Flag.objects.filter(code=FlagCode.ORPHAN, resolved_at__isnull=True)
                  .values_list("article_id", flat=True)) - {None}
    assert listed(editor_client.get(QUEUE, {"code": FlagCode.ORPHAN}).content.decode()) == orphans
    joined = listed(editor_client.get(QUEUE, {"code": FlagCode.JOINED_ACROSS_BREAK}).content.decode())
    assert joined & _only_informational()  # asking for an informational kind shows it

    date = page001.issue.date
    same_day = listed(editor_client.get(QUEUE, {"date_from": date, "date_to": date}).content.decode())
    assert same_day and all(a.page.issue.date == date for a in Article.objects.filter(pk__in=same_day))
    later = Page.objects.exclude(issue__date__lte=date).values_list("issue__date", flat=True).first()
    if later:
        assert not same_day & listed(editor_client.get(QUEUE, {"date_from": later}).content.decode())

    by_page = listed(editor_client.get(QUEUE, {"source": page001.source_name[:3]}).content.decode())
    assert by_page and set(Article.objects.filter(pk__in=by_page).values_list("page_id", flat=True)) == {page001.pk}

    ningbo = article_with(page001, "宁波海建")
    post_action(editor_client, page001, "mark_reviewed", article=ningbo.pk)
    assert ningbo.pk not in listed(editor_client.get(QUEUE).content.decode())
    reviewed = listed(editor_client.get(QUEUE, {"status": ArticleStatus.REVIEWED, "info": "on"}).content.decode())
    assert ningbo.pk not in reviewed  # its flags were resolved on review: nothing left to show
    assert listed(editor_client.get(QUEUE, {"status": ArticleStatus.AUTOMATIC}).content.decode())


@pytest.mark.django_db
def test_sorting_by_date(editor_client):
    def dates(sort):
        pks = re.findall(r'id="queue-article-(\d+)"', editor_client.get(QUEUE, {"sort": sort}).content.decode())
        by_pk = dict(Article.objects.filter(pk__in=pks).values_list("pk", "page__issue__date"))
        return [by_pk[int(pk)] for pk in pks]

    assert dates("date") == sorted(dates("date"))
    assert dates("-date") == sorted(dates("-date"), reverse=True)


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"date_from": "2022-13-40"}, {"code": "<script>"}, {"sort": "nope"},
                                   {"status": "x"}, {"source": "x" * 500}])
def test_bad_filters_are_reported_not_an_error(editor_client, query):
    response = editor_client.get(QUEUE, query)
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert "<script>" not in response.content.decode().split('class="errornote"')[1][:400]


@pytest.mark.django_db
def test_filtered_queue_uses_a_bounded_number_of_queries(editor_client, page001, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert editor_client.get(QUEUE, {"info": "on", "sort": "flags", "source": "0"}).status_code == 200
