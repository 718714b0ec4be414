"""Persons with roles, regions, topics; an issue's real date and a page's number."""

import datetime

import pytest

from articles.editing import (
    InvalidOperation,
    PageNumberTaken,
    add_credit,
    add_region,
    add_topic,
    remove_credit,
    remove_region,
    remove_topic,
    set_issue_date,
    set_page_number,
    set_primary_topic,
    undo,
)
from articles.editing.snapshots import page_snapshot
from articles.models import (
    ArticleRegion,
    ArticleTopic,
    Credit,
    Flag,
    FlagCode,
    Issue,
    Page,
    Region,
    Source,
    Topic,
)

from .helpers import articles_of, build_page, version

PAGE = [[("headline", "标题"), ("body", "正文")]]


def test_add_and_remove_credits(make_page, editor):
    page = make_page(PAGE)
    article = articles_of(page)[0]
    add_credit(article, "赵编辑", "reporter", user=editor, expected_version=1)
    credit = Credit.objects.get(article=article, person__name="赵编辑")
    assert (credit.role, credit.source, credit.status) == ("reporter", Source.EDITOR, "published")
    with pytest.raises(InvalidOperation):
        add_credit(article, "赵编辑", "reporter", user=editor, expected_version=2)
    remove_credit(credit, user=editor, expected_version=2)
    assert not Credit.objects.filter(pk=credit.pk).exists()  # the editor's own: deleted


def test_removing_an_automatic_credit_keeps_it_as_rejected(make_page, editor):
    page = make_page(PAGE)
    article = articles_of(page)[0]
    add_credit(article, "钱记者", "reporter", user=editor, expected_version=1)
    credit = Credit.objects.get(article=article)
    Credit.objects.filter(pk=credit.pk).update(source=Source.IMPORTER)
    remove_credit(credit, user=editor, expected_version=2)
    credit.refresh_from_db()
    assert credit.status == "rejected"  # enrichment and byline parsing will not bring it back
    add_credit(article, credit.person, "reporter", user=editor, expected_version=3)
    credit.refresh_from_db()
    assert (credit.status, credit.source) == ("published", Source.EDITOR)


def test_regions_added_removed_and_rejected(make_page, editor):
    page = make_page(PAGE)
    article = articles_of(page)[0]
    region = Region.objects.filter(level="county").first()
    add_region(article, region, user=editor, expected_version=1)
    assert ArticleRegion.objects.get(article=article, region=region).source == Source.EDITOR
    remove_region(article, region, user=editor, expected_version=2)
    assert not ArticleRegion.objects.filter(article=article, region=region).exists()
    ArticleRegion.objects.create(article=article, region=region, source=Source.AUTOMATIC)
    remove_region(article, region, user=editor, expected_version=3)
    assert ArticleRegion.objects.get(article=article, region=region).rejected
    with pytest.raises(InvalidOperation):
        remove_region(article, region, user=editor, expected_version=4)


def test_topics_and_the_primary_topic(make_page, editor):
    page = make_page(PAGE)
    article = articles_of(page)[0]
    first, second = Topic.objects.all()[:2]
    add_topic(article, first, user=editor, expected_version=1)
    set_primary_topic(article, second, user=editor, expected_version=2)
    tags = {t.topic_id: t for t in ArticleTopic.objects.filter(article=article)}
    assert tags[second.pk].is_primary and not tags[first.pk].is_primary
    set_primary_topic(article, first, user=editor, expected_version=3)
    assert list(ArticleTopic.objects.filter(article=article, is_primary=True).values_list("topic", flat=True)) == [first.pk]
    ArticleTopic.objects.filter(article=article, topic=second).update(source=Source.AUTOMATIC)
    remove_topic(article, second, user=editor, expected_version=4)
    assert ArticleTopic.objects.get(article=article, topic=second).rejected


def test_set_issue_date_in_place_resolves_the_estimate(make_page, editor):
    page = make_page(PAGE, date=datetime.date(1998, 3, 3))
    Flag.objects.create(page=page, code=FlagCode.ESTIMATED_DATE)
    issue_id = page.issue_id
    set_issue_date(page, datetime.date(1998, 3, 9), user=editor, expected_version=1)
    page.refresh_from_db()
    assert page.issue_id == issue_id
    assert (page.issue.date, page.issue.date_is_estimated) == (datetime.date(1998, 3, 9), False)
    assert not Flag.objects.filter(page=page, code=FlagCode.ESTIMATED_DATE, resolved_at__isnull=True).exists()


def test_set_issue_date_moves_the_page_to_that_days_issue_and_undo_moves_it_back(make_page, editor):
    page = make_page(PAGE, date=datetime.date(1998, 4, 1))
    make_page(PAGE, date=datetime.date(1998, 4, 2), number=3)  # the real day's issue exists already
    old_issue = page.issue
    before = page_snapshot(page.pk)
    revision = set_issue_date(page, datetime.date(1998, 4, 2), user=editor, expected_version=1)
    page.refresh_from_db()
    assert page.issue.date == datetime.date(1998, 4, 2) and not page.issue.date_is_estimated
    assert not Issue.objects.filter(pk=old_issue.pk).exists()  # left empty: removed
    undo(revision, user=editor, expected_version=2)
    assert page_snapshot(page.pk) == before
    assert Issue.objects.get(pk=old_issue.pk).date == datetime.date(1998, 4, 1)


def test_set_issue_date_creates_the_issue_when_the_old_one_has_other_pages(make_page, editor):
    page = make_page(PAGE, date=datetime.date(1998, 5, 1), number=1)
    other = build_page(PAGE, date=datetime.date(1998, 5, 1), number=2)
    set_issue_date(page, datetime.date(1998, 5, 8), user=editor, expected_version=1)
    page.refresh_from_db()
    other.refresh_from_db()
    assert page.issue.date == datetime.date(1998, 5, 8) and other.issue.date == datetime.date(1998, 5, 1)


def test_set_issue_date_refuses_a_page_number_clash(make_page, editor):
    page = make_page(PAGE, date=datetime.date(1998, 6, 1), number=4)
    make_page(PAGE, date=datetime.date(1998, 6, 2), number=4)
    with pytest.raises(PageNumberTaken, match="已有第 4 版"):
        set_issue_date(page, datetime.date(1998, 6, 2), user=editor, expected_version=1)
    page.refresh_from_db()
    assert page.issue.date == datetime.date(1998, 6, 1) and version(page) == 1


def test_set_page_number(make_page, editor):
    page = make_page(PAGE, date=datetime.date(1998, 7, 1), number=1)
    build_page(PAGE, date=datetime.date(1998, 7, 1), number=2)
    set_page_number(page, 5, user=editor, expected_version=1)
    page.refresh_from_db()
    assert (page.number, page.number_is_estimated) == (5, False)
    with pytest.raises(PageNumberTaken, match="已有第 2 版"):
        set_page_number(page, 2, user=editor, expected_version=2)
    with pytest.raises(InvalidOperation):
        set_page_number(page, "二", user=editor, expected_version=2)
    assert Page.objects.get(pk=page.pk).number == 5


def test_undo_of_a_credit_removes_the_person_it_created(make_page, editor):
    from articles.models import Person

    page = make_page(PAGE)
    article = articles_of(page)[0]
    revision = add_credit(article, "新名字", "correspondent", user=editor, expected_version=1)
    assert Person.objects.filter(name="新名字").exists()
    undo(revision, user=editor, expected_version=2)
    assert not Person.objects.filter(name="新名字").exists()
    assert not Credit.objects.filter(article=article).exists()
