"""Split, merge, move, gather and reorder: boundaries change, text is neither copied nor lost."""

import pytest

from articles.editing import (
    DOWN,
    NEXT_ARTICLE,
    PREVIOUS_ARTICLE,
    UP,
    InvalidOperation,
    gather_blocks,
    merge_articles,
    move_block,
    move_block_after,
    reorder_articles,
    split_article,
)
from articles.models import Article, ArticleStatus, Block, Flag, FlagCode, ProblemReport, Revision

from .helpers import articles_of, texts, version

TWO_STORIES = [
    [("headline", "甲标题"), ("body", "甲一"), ("body", "甲二"), ("headline", "乙标题"), ("body", "乙一")],
    [("headline", "丙标题"), ("body", "丙一")],
]


def block(page, text) -> Block:
    return Block.objects.get(page=page, text=text)


def test_split_makes_a_new_article_right_after(make_page, editor):
    page = make_page(TWO_STORIES)
    revision = split_article(block(page, "乙标题"), user=editor, expected_version=1)

    first, second, third = articles_of(page)
    assert texts(first) == ["甲标题", "甲一", "甲二"]
    assert texts(second) == ["乙标题", "乙一"]
    assert second.headline == "乙标题" and first.headline == "甲标题"
    assert texts(third) == ["丙标题", "丙一"]
    assert version(page) == 2
    assert revision.action == "split" and revision.user == editor
    assert set(revision.article_ids) == {first.pk, second.pk}
    assert first.status == second.status == ArticleStatus.CORRECTED
    assert third.status == ArticleStatus.AUTOMATIC  # only shifted down, text unchanged


def test_split_at_first_block_is_refused(make_page, editor):
    page = make_page(TWO_STORIES)
    with pytest.raises(InvalidOperation):
        split_article(block(page, "甲标题"), user=editor, expected_version=1)
    assert version(page) == 1 and not Revision.objects.filter(page=page).exists()


def test_merge_with_next_and_previous(make_page, editor):
    page = make_page(TWO_STORIES + [[("headline", "丁标题")]])
    first, second, third = articles_of(page)
    merge_articles(second, "next", user=editor, expected_version=1)
    assert [texts(a) for a in articles_of(page)] == [
        ["甲标题", "甲一", "甲二", "乙标题", "乙一"], ["丙标题", "丙一", "丁标题"]]
    assert not Article.objects.filter(pk=third.pk).exists()
    merge_articles(second, "previous", user=editor, expected_version=2)
    (only,) = articles_of(page)
    assert only.pk == first.pk and only.order == 1
    assert len(texts(only)) == 8


def test_merge_moves_flags_and_reports_of_the_absorbed_article(make_page, editor):
    page = make_page(TWO_STORIES)
    first, second = articles_of(page)
    flag = Flag.objects.create(page=page, article=second, code=FlagCode.TRUNCATED)
    report = ProblemReport.objects.create(article=second, message="错字")
    merge_articles(first, "next", user=editor, expected_version=1)
    flag.refresh_from_db()
    report.refresh_from_db()
    assert flag.article_id == first.pk and report.article_id == first.pk


def test_merge_at_the_edge_is_refused(make_page, editor):
    page = make_page(TWO_STORIES)
    first, _second = articles_of(page)
    with pytest.raises(InvalidOperation):
        merge_articles(first, "previous", user=editor, expected_version=1)


def test_move_block_up_and_down(make_page, editor):
    page = make_page(TWO_STORIES)
    move_block(block(page, "甲二"), UP, user=editor, expected_version=1)
    assert texts(articles_of(page)[0])[:3] == ["甲标题", "甲二", "甲一"]
    move_block(block(page, "甲二"), DOWN, user=editor, expected_version=2)
    assert texts(articles_of(page)[0])[:3] == ["甲标题", "甲一", "甲二"]
    with pytest.raises(InvalidOperation):
        move_block(block(page, "甲标题"), UP, user=editor, expected_version=3)


def test_move_block_across_the_boundary(make_page, editor):
    page = make_page(TWO_STORIES)
    move_block(block(page, "乙一"), NEXT_ARTICLE, user=editor, expected_version=1)
    first, second = articles_of(page)
    assert texts(second) == ["乙一", "丙标题", "丙一"]
    move_block(block(page, "乙一"), PREVIOUS_ARTICLE, user=editor, expected_version=2)
    assert texts(articles_of(page)[0])[-1] == "乙一"
    with pytest.raises(InvalidOperation):  # not at the boundary
        move_block(block(page, "甲一"), NEXT_ARTICLE, user=editor, expected_version=3)


def test_moving_the_last_block_out_removes_the_empty_article(make_page, editor):
    page = make_page([[("headline", "甲")], [("body", "孤段")], [("headline", "丙")]])
    lonely = articles_of(page)[1]
    revision = move_block(block(page, "孤段"), PREVIOUS_ARTICLE, user=editor, expected_version=1)
    assert [texts(a) for a in articles_of(page)] == [["甲", "孤段"], ["丙"]]
    assert [a.order for a in articles_of(page)] == [1, 2]
    assert not Article.objects.filter(pk=lonely.pk).exists()
    assert lonely.pk in revision.article_ids  # so the index drops it


def test_move_block_after_any_block_of_the_page(make_page, editor):
    page = make_page(TWO_STORIES)
    move_block_after(block(page, "丙一"), block(page, "甲标题"), user=editor, expected_version=1)
    first, second = articles_of(page)
    assert texts(first)[:2] == ["甲标题", "丙一"]
    assert texts(second) == ["丙标题"]


def test_gather_blocks_from_several_articles_in_the_chosen_order(make_page, editor):
    page = make_page(TWO_STORIES + [[("headline", "丁"), ("body", "丁一")]])
    a, b, c = articles_of(page)
    chosen = [block(page, "乙标题"), block(page, "丙一"), block(page, "乙一"), block(page, "丙标题")]
    revision = gather_blocks(chosen, position=0, user=editor, expected_version=1)
    new, first, last = articles_of(page)
    assert texts(new) == ["乙标题", "丙一", "乙一", "丙标题"]
    assert new.headline == "乙标题 丙标题"
    assert first.pk == a.pk and texts(first) == ["甲标题", "甲一", "甲二"]
    assert last.pk == c.pk
    assert not Article.objects.filter(pk=b.pk).exists()
    assert {new.pk, a.pk, b.pk} <= set(revision.article_ids)


def test_reorder_articles(make_page, editor):
    page = make_page(TWO_STORIES)
    first, second = articles_of(page)
    reorder_articles(page, [second.pk, first.pk], user=editor, expected_version=1)
    assert [a.pk for a in articles_of(page)] == [second.pk, first.pk]
    with pytest.raises(InvalidOperation):
        reorder_articles(page, [first.pk], user=editor, expected_version=2)


def test_no_block_is_ever_deleted(make_page, editor):
    page = make_page(TWO_STORIES)
    before = sorted(Block.objects.filter(page=page).values_list("pk", "text"))
    split_article(block(page, "乙标题"), user=editor, expected_version=1)
    merge_articles(articles_of(page)[0], "next", user=editor, expected_version=2)
    gather_blocks([block(page, "丙一")], user=editor, expected_version=3)
    move_block(block(page, "丙一"), PREVIOUS_ARTICLE, user=editor, expected_version=4)
    assert sorted(Block.objects.filter(page=page).values_list("pk", "text")) == before


def test_a_loose_block_can_be_moved_into_an_article_or_gathered(make_page, editor):
    page = make_page(TWO_STORIES)
    loose = block(page, "丙一")
    Block.objects.filter(pk=loose.pk).update(article=None)  # as the importer leaves a banner
    move_block_after(loose, block(page, "甲标题"), user=editor, expected_version=1)
    assert texts(articles_of(page)[0])[:2] == ["甲标题", "丙一"]
    Block.objects.filter(pk=loose.pk).update(article=None)
    gather_blocks([loose], user=editor, expected_version=2)
    assert texts(articles_of(page)[-1]) == ["丙一"]


def test_move_several_blocks_after_one_block_in_one_step(make_page, editor):
    from articles.editing import move_blocks_after

    page = make_page([[("headline", "甲"), ("body", "甲一"), ("body", "乙二"), ("body", "乙三")],
                      [("headline", "乙"), ("body", "乙一")]])
    first, second = articles_of(page)
    pair = [Block.objects.get(page=page, text=t) for t in ("乙二", "乙三")]
    revision = move_blocks_after(pair, Block.objects.get(page=page, text="乙一"), user=editor, expected_version=1)
    assert texts(first) == ["甲", "甲一"] and texts(second) == ["乙", "乙一", "乙二", "乙三"]
    assert revision.action == "move_block" and "乙二" in revision.summary and "乙三" in revision.summary
