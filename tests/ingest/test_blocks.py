"""Blocks: nothing in the source is lost, bylines split from leads, subheads and captions kept."""

import pytest

from articles.models import BlockKind, Page

from .helpers import block_at, page_for

pytestmark = pytest.mark.django_db


def rebuilt_lines(page: Page) -> dict[int, str]:
    """Every source line rebuilt from the blocks' source_text (pieces of a line concatenated)."""
    lines: dict[int, str] = {}
    for block in page.blocks.order_by("seq"):
        for offset, text in enumerate(block.source_text.split("\n")):
            lines[block.line_start + offset] = lines.get(block.line_start + offset, "") + text
    return lines


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_non_blank_source_line_is_rebuilt_from_the_blocks(prefix):
    page = page_for(prefix)
    rebuilt = rebuilt_lines(page)
    for number, line in enumerate(page.source_lines(), start=1):
        if line.strip():
            assert rebuilt.get(number) == line, f"L{number} lost or altered"
    assert page.raw_text == open_seed(page.source_name)  # kept verbatim


def open_seed(name: str) -> str:
    from django.conf import settings

    return (settings.BASE_DIR / "seeds" / name).read_text(encoding="utf-8")


def test_byline_and_lead_share_a_line_as_two_blocks():
    byline = block_at("000", 8, BlockKind.BYLINE)
    lead = block_at("000", 8, BlockKind.BODY)
    assert byline.text == "本报讯 记者吴晓静 通讯员张晶秋报道"
    assert lead.text.startswith("一把刻刀、一个萝卜")
    assert (byline.line_start, byline.line_end) == (lead.line_start, lead.line_end) == (8, 8)
    assert byline.article_id == lead.article_id and byline.position < lead.position
    assert byline.source_text + lead.source_text == page_for("000").source_lines()[7]


def test_a_byline_alone_on_its_line_is_one_block():
    block = block_at("000", 100)
    assert block.kind == BlockKind.BYLINE and block.text == "本报讯 记者胡翀报道"


@pytest.mark.parametrize("prefix, lines", [
    ("003", [11, 21, 33]), ("004", [20, 34, 44]), ("002", [16, 26, 34]), ("000", [34, 46]),
])
def test_inner_subheads_stay_inside_their_article(prefix, lines):
    blocks = [block_at(prefix, line) for line in lines]
    assert all(b.kind == BlockKind.SUBHEAD for b in blocks)
    article_ids = {b.article_id for b in blocks}
    assert len(article_ids) == 1
    body_after = [b.article.blocks.filter(kind=BlockKind.BODY, position__gt=b.position).exists() for b in blocks]
    assert all(body_after)


def test_subhead_text_without_marks():
    assert block_at("002", 16).text == "“金点子”孵化“金果子”"
    assert block_at("000", 46).text == "企业“吃”到了技术红利"


@pytest.mark.parametrize("prefix, line, text", [
    ("000", 120, "活动现场提供免费法律咨询服务。"),
    ("002", 116, "独轮车支前项目比赛场景。"),
    ("003", 29, "新就业形态劳动者代表热烈讨论大会报告。"),
])
def test_captions_after_an_image_gap(prefix, line, text):
    block = block_at(prefix, line)
    assert block.kind == BlockKind.CAPTION and block.text == text and block.after_image_gap
    assert block.article is not None


def test_closing_photo_credit_is_a_credit_block():
    block = block_at("002", 54)
    assert block.kind == BlockKind.CREDIT and block.text == "通讯员杨磊 摄"
    assert block.article.headline == "技能引领新“食”尚"


def test_blocks_are_in_reading_order_and_positions_follow_within_articles():
    page = page_for("003")
    starts = list(page.blocks.order_by("seq").values_list("line_start", flat=True))
    assert starts == sorted(starts)
    for article in page.articles.all():
        positions = list(article.blocks.order_by("position").values_list("position", flat=True))
        assert positions == list(range(len(positions)))
