"""Undo restores the page exactly as before the revision, newest first; history lists it."""

import pytest

from articles.editing import (
    NEXT_ARTICLE,
    CannotUndo,
    article_history,
    can_undo,
    correct_text,
    gather_blocks,
    mark_duplicate,
    merge_articles,
    move_block,
    page_history,
    set_block_kind,
    split_article,
    undo,
)
from articles.editing.snapshots import page_snapshot
from articles.models import Article, ArticleStatus, Block, Flag, FlagCode, ProblemReport, Revision

from .helpers import articles_of, version

PAGE = [
    [("headline", "甲标题"), ("body", "甲一"), ("body", "甲二"), ("headline", "乙标题"), ("body", "乙一")],
    [("headline", "丙标题"), ("body", "丙一"), ("body", "丙一")],
]


def block(page, text) -> Block:
    return Block.objects.filter(page=page, text=text).order_by("seq").first()


def test_undo_a_split_restores_the_page_and_points_back(make_page, editor):
    page = make_page(PAGE)
    original = page_snapshot(page.pk)
    revision = split_article(block(page, "乙标题"), user=editor, expected_version=1)
    new_article = articles_of(page)[1]

    undone = undo(revision, user=editor, expected_version=2)

    assert page_snapshot(page.pk) == original
    assert not Article.objects.filter(pk=new_article.pk).exists()
    assert undone.undoes == revision and undone.action == "undo"
    assert version(page) == 3
    assert not can_undo(revision) and not can_undo(undone)
    with pytest.raises(CannotUndo):
        undo(revision, user=editor, expected_version=3)
    with pytest.raises(CannotUndo):
        undo(undone, user=editor, expected_version=3)


def test_undo_refuses_while_a_later_revision_is_in_effect(make_page, editor):
    page = make_page(PAGE)
    first = set_block_kind(block(page, "甲二"), "subhead", user=editor, expected_version=1)
    second = correct_text(block(page, "甲一"), "甲一（改）", user=editor, expected_version=2)
    assert not can_undo(first) and can_undo(second)
    with pytest.raises(CannotUndo, match="请先从最新的开始撤销"):
        undo(first, user=editor, expected_version=3)
    assert version(page) == 3  # the refusal changed nothing
    undo(second, user=editor, expected_version=3)
    assert can_undo(first)
    undo(first, user=editor, expected_version=4)
    assert block(page, "甲二").kind == "body" and block(page, "甲一").original_text == ""


def test_a_chain_of_edits_undone_newest_first_gives_the_imported_page_back(make_page, editor):
    page = make_page(PAGE)
    Flag.objects.create(page=page, article=articles_of(page)[1], code=FlagCode.DUPLICATE,
                        block=Block.objects.filter(page=page, text="丙一").last())
    original = page_snapshot(page.pk)
    steps = []
    steps.append(split_article(block(page, "乙标题"), user=editor, expected_version=1))
    steps.append(move_block(block(page, "乙一"), NEXT_ARTICLE, user=editor, expected_version=2))
    steps.append(mark_duplicate(Block.objects.filter(page=page, text="丙一").last(), of=block(page, "丙一"),
                                user=editor, expected_version=3))
    steps.append(gather_blocks([block(page, "丙一"), block(page, "甲一")], user=editor, expected_version=4))
    steps.append(merge_articles(articles_of(page)[0], "next", user=editor, expected_version=5))
    steps.append(correct_text(block(page, "甲二"), "甲二！", user=editor, expected_version=6))
    assert page_snapshot(page.pk) != original
    v = 7
    for revision in reversed(steps):
        undo(revision, user=editor, expected_version=v)
        v += 1
    assert page_snapshot(page.pk) == original
    assert all(a.status == ArticleStatus.AUTOMATIC for a in articles_of(page))


def test_undo_keeps_a_readers_report_filed_after_the_revision(make_page, editor):
    page = make_page(PAGE)
    revision = split_article(block(page, "乙标题"), user=editor, expected_version=1)
    new_article = articles_of(page)[1]
    report = ProblemReport.objects.create(article=new_article, message="标题错了")
    undo(revision, user=editor, expected_version=2)
    report.refresh_from_db()
    assert report.article_id == articles_of(page)[0].pk  # moved to the article that holds its text again


def test_history_of_page_and_article(make_page, editor):
    page = make_page(PAGE)
    first, second = articles_of(page)
    r1 = correct_text(block(page, "甲一"), "甲一改", user=editor, expected_version=1)
    r2 = correct_text(block(page, "丙标题"), "丙标题改", user=editor, expected_version=2)
    assert [r.pk for r in page_history(page)] == [r2.pk, r1.pk]
    assert [r.pk for r in article_history(first)] == [r1.pk]
    assert [r.pk for r in article_history(second)] == [r2.pk]
    from articles.admin.views.history_rows import readable_changes  # the history page's rows

    rows = readable_changes(r1)
    assert any(row.what.endswith("文本") and row.before == "甲一" and row.after == "甲一改" for row in rows)


def test_revision_records_before_and_after(make_page, editor):
    page = make_page(PAGE)
    b = block(page, "甲一")
    revision = correct_text(b, "甲一改", user=editor, expected_version=1)
    assert revision.block_ids == [b.pk]
    before = {row["id"]: row for row in revision.before["blocks"]}
    after = {row["id"]: row for row in revision.after["blocks"]}
    assert before[b.pk]["text"] == "甲一" and after[b.pk]["text"] == "甲一改"
    assert after[b.pk]["original_text"] == "甲一"
    assert revision.created_at is not None and revision.summary
    assert Revision.objects.filter(page=page).count() == 1
