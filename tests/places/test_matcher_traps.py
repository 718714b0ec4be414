"""Sentences that look like places but are not, and places written the ways the paper writes them."""

import pytest

from articles.enrich.places_matcher import BODY, TITLE
from articles.enrich.regions import get_matcher

pytestmark = pytest.mark.django_db


def names(*sections):
    matcher = get_matcher()
    result = matcher.match(list(sections))
    return {matcher.gaz.places[i].name for i in result.region_ids}, result


@pytest.mark.parametrize("sentence", [
    "鼓励有条件的单位为职工购买西湖益联保等。",  # an insurance product, not 西湖区
    "做菜时放一点海盐，味道更鲜。",  # sea salt
    "这学期学校开了三门课程。",  # three courses, not 三门县
    "李永康在会上作了发言。",  # a person, not 永康市
    "陈新昌说，今年的活动很成功。",  # a person, not 新昌县
    "李永康、陈新昌等代表参加。",
    "南京江北新区工会开展了送清凉活动。",  # 江北 of Nanjing, not 宁波市江北区
    "重庆市江北区和上海普陀区的代表也来了。",
    "来自北京和上海的职工代表参加了会议。",
    "江山如此多娇。",
    "金华市场价格平稳，蔬菜供应充足。",  # a market, not 金华市
])
def test_traps_give_no_place(sentence):
    found, _ = names((sentence, BODY))
    assert found == set()


def test_trap_words_do_not_hide_real_places_in_the_same_text():
    found, result = names(("杭州临安高虹镇节能灯行业集体协商", TITLE), ("鼓励单位为职工购买西湖益联保。", BODY))
    assert found == {"杭州市", "临安区", "高虹镇"}


def test_short_names_roll_up_to_county_and_city():
    found, result = names(("德清工会推动审计服务“零距离”", TITLE))
    assert found == {"德清县", "湖州市"}
    matcher = get_matcher()
    assert matcher.gaz.places[result.main_city].name == "湖州市"
    assert matcher.gaz.places[result.main_county].name == "德清县"


def test_ambiguous_short_name_needs_the_full_name_in_the_text():
    found, _ = names(("海盐工匠月启动", TITLE))
    assert found == set()
    found, _ = names(("海盐工匠月启动", TITLE), ("海盐县总工会举行启动仪式。", BODY))
    assert found == {"海盐县", "嘉兴市"}


def test_town_short_name_counts_only_with_its_county():
    found, _ = names(("司机之家设在杭坪公路治超检查站。", BODY))
    assert "杭坪镇" not in found
    found, _ = names(("浦江县总工会在杭坪公路治超检查站建成司机之家。", BODY))
    assert found == {"浦江县", "金华市", "杭坪镇"}


def test_duplicate_town_name_needs_its_county():
    found, _ = names(("城南街道开展活动。", BODY))
    assert found == set()  # 城南街道 exists in several counties
    found, _ = names(("越城区城南街道开展活动。", BODY))
    assert found == {"越城区", "绍兴市", "城南街道"}


def test_traditional_and_full_width_text_is_folded():
    found, _ = names(("臨平區總工會舉辦活動", TITLE))
    assert found == {"临平区", "杭州市"}


def test_province_level_text_gets_the_province_and_no_city():
    found, result = names(("省国防工会学习宣传贯彻中国工会十八大精神", TITLE), ("日前,省国防工业工会组织召开专题会议。", BODY))
    assert found == {"浙江省"}
    assert result.main_city is None


def test_a_county_mentioned_in_passing_is_not_the_main_one():
    _, result = names(
        ("温州如何探索实践?", TITLE),
        ("温州召开会议,温州市总工会提出方案。", BODY), ("温州职工成长型社会建设。", BODY),
        ("其中,瑞安作为省级试点。", BODY),
    )
    matcher = get_matcher()
    assert matcher.gaz.places[result.main_city].name == "温州市"
    assert result.main_county is None
    assert "瑞安市" in {matcher.gaz.places[i].name for i in result.region_ids}


@pytest.mark.parametrize("sentence, expected", [
    ("活动于义乌举行。", {"义乌市", "金华市"}),  # 于 is a surname too, but here a preposition
    ("代表们向德清学习经验。", {"德清县", "湖州市"}),
    ("嘉兴南湖畔的红船。", {"嘉兴市"}),  # 南湖 alone is a lake as often as the district
    ("舟山市普陀区总工会", {"舟山市", "普陀区"}),
])
def test_places_after_prepositions_and_lakes(sentence, expected):
    found, _ = names((sentence, BODY))
    assert found == expected


def test_bylines_and_photo_credits_are_not_read_for_places():
    from articles.enrich.regions import enrich_regions
    from articles.models import Article, ArticleRegion, Block, BlockKind, Page

    page = Page.objects.first()
    article = Article.objects.create(page=page, order=999, headline="职工书屋开放")
    seq = (Block.objects.filter(page=page).order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    for offset, (kind, text) in enumerate([
        (BlockKind.BYLINE, "本报讯 记者金华 通讯员吴兴报道"),
        (BlockKind.BODY, "近日,德清县总工会职工书屋开放。"),
        (BlockKind.CREDIT, "通讯员永康 摄"),
    ]):
        Block.objects.create(page=page, seq=seq + offset, article=article, position=offset, kind=kind,
                             text=text, source_text=text, line_start=1, line_end=1)
    enrich_regions(Article.objects.filter(pk=article.pk))
    tagged = set(ArticleRegion.objects.filter(article=article).values_list("region__name", flat=True))
    assert tagged == {"德清县", "湖州市"}


def test_city_union_names_count_for_the_city():
    """The search dictionary's 宁波市总工会 is one word; for places it is split so 宁波市 counts."""
    found, result = names(("宁波市总工会启动劳动法律法规宣传教育活动", TITLE))
    assert found == {"宁波市"}


def test_a_county_named_in_one_paragraph_of_a_city_story_is_not_its_main_county():
    _, result = names(
        ("宁波市总工会启动普法活动", TITLE),
        ("日前,宁波市普法活动在镇海启动,镇海区三家驿站获授牌。", 2),
        ("宁波市总工会将在全市举行10场活动。", BODY),
    )
    matcher = get_matcher()
    assert matcher.gaz.places[result.main_city].name == "宁波市" and result.main_county is None
