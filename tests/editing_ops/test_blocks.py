"""A block's kind, text and duplicate mark; the article's title/byline follow its blocks."""

import pytest

from articles.editing import (
    InvalidOperation,
    correct_text,
    join_with_previous,
    mark_duplicate,
    set_block_kind,
    set_title_lines,
    undo,
    unmark_duplicate,
)
from articles.models import Block, Flag, FlagCode

from .helpers import articles_of, texts

PAGE = [[("body", "短线一"), ("body", "短线二"), ("body", "正文甲。"), ("body", "正文甲。")]]


def block(page, text, nth=0) -> Block:
    return Block.objects.filter(page=page, text=text).order_by("seq")[nth]


def test_changing_a_kind_re_derives_the_title(make_page, editor):
    page = make_page(PAGE)
    set_block_kind(block(page, "短线二"), "headline", user=editor, expected_version=1)
    article = articles_of(page)[0]
    assert article.headline == "短线二" and article.slug == "duan-xian-er"
    set_block_kind(block(page, "短线一"), "column_label", user=editor, expected_version=2)
    assert articles_of(page)[0].column_label == "短线一"
    with pytest.raises(InvalidOperation):
        set_block_kind(block(page, "短线一"), "column_label", user=editor, expected_version=3)
    with pytest.raises(InvalidOperation):
        set_block_kind(block(page, "短线一"), "poem", user=editor, expected_version=3)


def test_set_title_lines(make_page, editor):
    page = make_page([[("headline", "引题候选"), ("body", "主题候选"), ("subtitle", "多余"), ("body", "正文")]])
    article = articles_of(page)[0]
    set_title_lines(article, kicker=block(page, "引题候选"), headline=block(page, "主题候选"),
                    user=editor, expected_version=1)
    article.refresh_from_db()
    assert (article.kicker, article.headline, article.subtitle) == ("引题候选", "主题候选", "")
    assert block(page, "多余").kind == "subhead"
    assert texts(article) == ["引题候选", "主题候选", "多余", "正文"]  # print order kept
    with pytest.raises(InvalidOperation):
        set_title_lines(article, kicker=block(page, "正文"), user=editor, expected_version=2)


def test_a_byline_block_sets_the_byline_and_its_credits(make_page, editor):
    page = make_page([[("headline", "标题"), ("body", "本报讯 记者王小明 通讯员李四报道"), ("body", "正文")]])
    set_block_kind(block(page, "本报讯 记者王小明 通讯员李四报道"), "byline", user=editor, expected_version=1)
    article = articles_of(page)[0]
    assert article.byline == "本报讯 记者王小明 通讯员李四报道"
    assert sorted((c.person.name, c.role) for c in article.credits.all()) == [
        ("李四", "correspondent"), ("王小明", "reporter")]


def test_correcting_text_keeps_the_importers_text(make_page, editor):
    page = make_page(PAGE)
    b = block(page, "正文甲。")
    first = correct_text(b, "正文甲，改一。", user=editor, expected_version=1)
    second = correct_text(b, "正文甲，改二。", user=editor, expected_version=2)
    b.refresh_from_db()
    assert (b.text, b.original_text, b.source_text) == ("正文甲，改二。", "正文甲。", "正文甲。")
    assert {r["id"]: r for r in second.before["blocks"]}[b.pk]["text"] == "正文甲，改一。"
    with pytest.raises(InvalidOperation):
        correct_text(b, "   ", user=editor, expected_version=3)
    undo(second, user=editor, expected_version=3)
    undo(first, user=editor, expected_version=4)
    b.refresh_from_db()
    assert (b.text, b.original_text) == ("正文甲。", "")


def test_mark_and_unmark_a_duplicate(make_page, editor):
    page = make_page(PAGE)
    original, copy = block(page, "正文甲。"), block(page, "正文甲。", 1)
    flag = Flag.objects.create(page=page, block=copy, article=copy.article, code=FlagCode.DUPLICATE)
    mark_duplicate(copy, of=original, user=editor, expected_version=1)
    copy.refresh_from_db()
    flag.refresh_from_db()
    assert copy.hidden and copy.duplicate_of_id == original.pk and flag.resolved_by == editor
    assert texts(articles_of(page)[0]) == ["短线一", "短线二", "正文甲。"]  # shown once, kept twice
    assert Block.objects.filter(page=page).count() == 4
    with pytest.raises(InvalidOperation):  # the shown copy cannot be hidden as a repeat of the hidden one
        mark_duplicate(original, of=copy, user=editor, expected_version=2)
    unmark_duplicate(copy, user=editor, expected_version=2)
    copy.refresh_from_db()
    assert not copy.hidden and copy.duplicate_of_id is None


def test_join_with_previous_repairs_a_paragraph_split_by_a_column_break(make_page, editor):
    page = make_page([[("headline", "标题"), ("body", "构筑起“新型带徒制”工作的"), ("body", "“四梁八柱”。")]])
    head, orphan = block(page, "构筑起“新型带徒制”工作的"), block(page, "“四梁八柱”。")
    orphan_flag = Flag.objects.create(page=page, block=orphan, article=orphan.article, code=FlagCode.ORPHAN)
    revision = join_with_previous(orphan, user=editor, expected_version=1)
    head.refresh_from_db()
    orphan.refresh_from_db()
    orphan_flag.refresh_from_db()
    assert head.text == "构筑起“新型带徒制”工作的“四梁八柱”。" and head.original_text == "构筑起“新型带徒制”工作的"
    assert orphan.hidden and orphan.duplicate_of_id == head.pk and orphan.text == "“四梁八柱”。"
    assert orphan_flag.resolved_at is not None
    assert texts(articles_of(page)[0]) == ["标题", "构筑起“新型带徒制”工作的“四梁八柱”。"]
    with pytest.raises(InvalidOperation):
        join_with_previous(block(page, "标题"), user=editor, expected_version=2)
    undo(revision, user=editor, expected_version=2)
    head.refresh_from_db()
    assert head.text == "构筑起“新型带徒制”工作的" and not Block.objects.get(pk=orphan.pk).hidden


def test_set_column_label_from_a_loose_block(make_page, editor):
    from articles.editing import set_column_label

    page = make_page([[("headline", "标题"), ("body", "正文")], [("body", "工会“小灵通”")]])
    label = block(page, "工会“小灵通”")
    Block.objects.filter(pk=label.pk).update(article=None)  # the importer left it outside
    first = articles_of(page)[0]
    set_column_label(first, label, user=editor, expected_version=1)
    first.refresh_from_db()
    assert first.column_label == "工会“小灵通”" and texts(first) == ["工会“小灵通”", "标题", "正文"]
