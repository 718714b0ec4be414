"""Column-break repair joins paragraphs cut by a column break, and records what it joined."""

import pytest

from articles.ingest.pipeline import parse_page
from articles.models import BlockKind, FlagCode

from .helpers import block_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix, first, joined, fragment", [
    ("000", 14, [16], "选树、表彰、教育活动"),
    ("001", 37, [39], "不仅李德顺，该镇业内"),
    ("003", 83, [85, 87], "第十八次全国代表大会报告?了解今后五年的主要工作么?”早上8点,浙江英特集团股份有限公司"),
])
def test_split_words_and_names_are_joined(prefix, first, joined, fragment):
    block = block_at(prefix, joined[-1])
    assert block.kind == BlockKind.BODY
    assert block.line_start == first and block.joined_lines == joined
    assert fragment in block.text
    assert block.flags.filter(code=FlagCode.JOINED_ACROSS_BREAK).count() == len(joined)


def test_joined_block_source_keeps_the_blank_lines():
    block = block_at("000", 16)
    assert block.source_text.split("\n")[1] == ""
    assert block.line_end == 16


def test_no_join_across_title_or_image_gap():
    # 001 L89 ends mid-sentence but a new article's titles follow: not joined.
    assert block_at("001", 89).line_end == 89
    assert block_at("001", 91).kind == BlockKind.HEADLINE
    page = "标题一\n\n记者甲某报道 第一段没有写完,后面\n\n\n\n第二段在图片之后。还有第二句。\n"
    draft = parse_page(page)
    texts = [p.text for p in draft.pieces if p.kind == BlockKind.BODY]
    assert texts == ["第一段没有写完,后面", "第二段在图片之后。还有第二句。"]


def test_finished_paragraphs_are_not_joined():
    draft = parse_page("标题\n\n记者甲某报道 第一段写完了。\n\n第二段也写完了,真好!”\n\n第三段")
    assert [p.text for p in draft.pieces if p.kind == BlockKind.BODY] == [
        "第一段写完了。", "第二段也写完了,真好!”", "第三段"]


def test_continuation_that_closes_a_foreign_quote_is_not_joined():
    # 001 L128 + L130: "…工作的" + "会”平台…" would be nonsense.
    assert block_at("001", 128).line_end == 128
    assert block_at("001", 130).line_start == 130


def test_about_sixty_breaks_repaired_on_the_seeds():
    from articles.models import Flag

    assert 55 <= Flag.objects.filter(code=FlagCode.JOINED_ACROSS_BREAK).count() <= 65
