"""Short news without 本报讯 or a byline, one or two paragraphs each: every item is found with its
headline, not merged into the item before it as an inner subhead (made-up page)."""

import pytest

from articles.models import BlockKind

from .helpers import read_page

pytestmark = pytest.mark.django_db

PAGE = """海宁市总工会开展送法进企业活动

日前，海宁市总工会组织律师志愿者走进经济开发区，为200余名职工提供劳动合同、工伤认定等方面的法律咨询，现场解答问题60余个。

活动现场还发放了普法手册500余册，职工们纷纷表示受益匪浅。

城西街道建成首家户外劳动者驿站

这个月，丽水市莲都区城西街道在商业广场旁建成首家户外劳动者驿站，驿站配备饮水机、微波炉和充电设施，供环卫工人、快递小哥歇脚。

家门口的职工书屋开放了

位于新湖社区的职工书屋正式对外开放，书屋藏书3000余册，每周开放六天，职工凭工会会员卡就能借阅图书、参加读书沙龙。

送技能进山区

义乌市总工会组织20名技术能手来到大陈镇，为当地种植户讲解果树修剪、病虫害防治技术，并现场示范操作。
"""


def test_every_short_item_is_an_article():
    draft = read_page(PAGE)
    assert [a.headline for a in draft.articles] == [
        "海宁市总工会开展送法进企业活动", "城西街道建成首家户外劳动者驿站", "家门口的职工书屋开放了", "送技能进山区"]
    assert not [p for p in draft.pieces if p.kind == BlockKind.SUBHEAD]


def test_each_decision_says_why_without_a_byline():
    draft = read_page(PAGE)
    for headline in ("城西街道建成首家户外劳动者驿站", "家门口的职工书屋开放了", "送技能进山区"):
        piece = next(p for p in draft.pieces if p.text == headline)
        assert piece.decision["boundary"] == "new_article"
        assert "与上文词汇重合" in piece.decision["summary"] or "上文未有" in piece.decision["summary"]
