"""Damage the importer cannot repair is flagged for editors, and nothing is dropped."""

import pytest

from articles.ingest.pipeline import parse_page
from articles.models import BlockKind, Flag, FlagCode

from .helpers import articles_of, block_at, page_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("first, second", [(126, 141), (128, 143), (130, 145), (132, 147)])
def test_duplicates_are_flagged_and_both_kept(first, second):
    original, duplicate = block_at("001", first), block_at("001", second)
    assert duplicate.duplicate_of_id == original.pk
    assert duplicate.text == original.text
    assert duplicate.flags.filter(code=FlagCode.DUPLICATE).exists()
    assert duplicate.hidden and not original.hidden  # kept, but readers see it once


def test_orphan_fragment_is_flagged_and_kept():
    orphan = block_at("001", 118)
    assert orphan.text == "“四梁八柱”。"
    assert orphan.flags.filter(code=FlagCode.ORPHAN).exists()
    assert orphan.article.subtitle == "宁波海建工会“新型带徒制”搭建成才“快车道”"


@pytest.mark.parametrize("prefix, line", [("001", 89), ("001", 153), ("002", 77), ("003", 117), ("004", 66)])
def test_truncated_articles_are_flagged(prefix, line):
    block = block_at(prefix, line)
    flag = block.flags.get(code=FlagCode.TRUNCATED)
    assert flag.article_id == block.article_id
    assert block == block.article.blocks.filter(kind=BlockKind.BODY, hidden=False).order_by("position").last()


@pytest.mark.parametrize("prefix, line", [("002", 134), ("004", 134)])
def test_lost_text_at_a_break_is_flagged(prefix, line):
    assert block_at(prefix, line).flags.filter(code=FlagCode.LOST_TEXT).exists()


def test_lost_text_is_not_flagged_on_good_short_joins():
    # 工|作。 (000 L82/84) and 可推|广的好经验好做法。 (003 L59/61) are clean splits of one word.
    assert not block_at("000", 84).flags.filter(code=FlagCode.LOST_TEXT).exists()
    assert not block_at("003", 61).flags.filter(code=FlagCode.LOST_TEXT).exists()
    assert Flag.objects.filter(code=FlagCode.LOST_TEXT).count() == 2


def test_misplaced_text_in_the_scrambled_stories():
    ningbo, linping = articles_of("001")[6], articles_of("001")[7]
    flagged = {f.block.line_start: f for f in Flag.objects.filter(code=FlagCode.MISPLACED).select_related("block")}
    assert sorted(flagged) == [132, 139]
    # The 宁波 lead printed under the 临平 titles, and 临平 text inside the 宁波 story.
    assert flagged[139].article_id == linping.pk and "宁波港铁路" in flagged[139].block.text
    assert flagged[132].article_id == ningbo.pk and ningbo.headline not in flagged[132].message
    assert linping.headline in flagged[132].message


def test_missing_byline_and_ambiguous_title_flags():
    assert [f.article.subtitle for f in Flag.objects.filter(code=FlagCode.MISSING_BYLINE)] == [
        "宁波海建工会“新型带徒制”搭建成才“快车道”"]
    ambiguous = Flag.objects.filter(code=FlagCode.AMBIGUOUS_TITLE)
    assert list(ambiguous) == []  # two- and three-line groups follow the paper's convention


def test_flag_counts_per_page_are_modest():
    # No page is drowned in flags: editors should see what matters.
    for prefix in ("000", "002", "003", "004"):
        codes = set(page_for(prefix).flags.values_list("code", flat=True))
        assert codes <= {FlagCode.JOINED_ACROSS_BREAK, FlagCode.TRUNCATED, FlagCode.LOST_TEXT,
                         FlagCode.ESTIMATED_DATE, FlagCode.AMBIGUOUS_TITLE}, prefix
    assert page_for("000").flags.exclude(code__in=[FlagCode.JOINED_ACROSS_BREAK, FlagCode.ESTIMATED_DATE]).count() == 0


def test_general_rules_on_a_made_up_page():
    page = ("通栏标题甲\n\n某县总工会举办活动\n\n本报讯 记者甲某报道 近日,某县总工会举办活动。\n\n"
            "第二段的内容完整而且足够长。\n\n第二段的内容完整而且足够长。\n\n最后一段没写完就")
    draft = parse_page(page)
    bodies = [p for p in draft.pieces if p.kind == BlockKind.BODY]
    codes = [[code for code, _ in p.flags] for p in bodies]
    assert codes == [[], [], [FlagCode.DUPLICATE], [FlagCode.TRUNCATED]]
