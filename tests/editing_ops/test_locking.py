"""Optimistic locking: a save against a stale page version is refused and changes nothing."""

import pytest

from articles.editing import StaleVersion, correct_text, merge_articles, split_article, undo
from articles.editing.snapshots import page_snapshot
from articles.models import Block, Revision

from .helpers import articles_of, version

PAGE = [[("headline", "甲"), ("body", "甲一"), ("body", "甲二")], [("headline", "乙"), ("body", "乙一")]]


def test_second_editor_on_a_stale_page_is_refused_with_both_versions(make_page, editor, second_editor):
    page = make_page(PAGE)
    seen_by_both = version(page)
    correct_text(Block.objects.get(page=page, text="甲一"), "甲一（一改）", user=editor, expected_version=seen_by_both)
    state = page_snapshot(page.pk)

    with pytest.raises(StaleVersion) as refused:
        split_article(Block.objects.get(page=page, text="甲二"), user=second_editor, expected_version=seen_by_both)

    assert str(refused.value) == "该版面已被其他编辑修改（第 1 版 → 第 2 版），请刷新后重做"
    assert (refused.value.expected, refused.value.current) == (1, 2)
    assert page_snapshot(page.pk) == state and version(page) == 2
    assert Revision.objects.filter(page=page).count() == 1
    assert Block.objects.get(page=page, text="甲一（一改）")  # the first editor's work is kept


def test_every_kind_of_operation_checks_the_version(make_page, editor):
    page = make_page(PAGE)
    first, _second = articles_of(page)
    state = page_snapshot(page.pk)
    for attempt in (
        lambda: merge_articles(first, "next", user=editor, expected_version=0),
        lambda: correct_text(Block.objects.get(page=page, text="甲一"), "x", user=editor, expected_version=5),
    ):
        with pytest.raises(StaleVersion):
            attempt()
    assert page_snapshot(page.pk) == state and version(page) == 1


def test_undo_checks_the_version_too(make_page, editor):
    page = make_page(PAGE)
    revision = correct_text(Block.objects.get(page=page, text="甲一"), "甲一改", user=editor, expected_version=1)
    with pytest.raises(StaleVersion):
        undo(revision, user=editor, expected_version=1)
    assert Block.objects.filter(page=page, text="甲一改").exists()


def test_a_failed_operation_rolls_back_everything_including_the_version(make_page, editor):
    page = make_page(PAGE)
    state = page_snapshot(page.pk)
    with pytest.raises(Exception):
        split_article(Block.objects.get(page=page, text="甲"), user=editor, expected_version=1)
    assert page_snapshot(page.pk) == state and version(page) == 1
