"""The seed pages are cut into the right articles with the right title groups."""

import pytest

from articles.models import ArticleStatus, BlockKind
from articles.text.slugs import pinyin_slug

from .helpers import articles_of, page_for
from .seed_expectations import SEED_ARTICLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix, count", [("000", 7), ("001", 9), ("002", 7), ("003", 8), ("004", 7)])
def test_article_count_per_page(prefix, count):
    assert len(articles_of(prefix)) == count


@pytest.mark.parametrize("prefix", sorted(SEED_ARTICLES))
def test_title_groups_and_column_labels(prefix):
    found = [(a.kicker, a.headline, a.subtitle, a.column_label) for a in articles_of(prefix)]
    expected = [row[:4] for row in SEED_ARTICLES[prefix]]
    assert found == expected


def test_column_label_is_not_part_of_the_headline():
    for prefix in ("000", "002"):
        for article in articles_of(prefix):
            assert "小灵通" not in article.headline and "法润工心" not in article.headline
    label_blocks = [b for a in articles_of("002") for b in a.blocks.filter(kind=BlockKind.COLUMN_LABEL)]
    assert [b.text for b in label_blocks] == ["法润工心", "工会“小灵通”"]


def test_title_blocks_keep_print_order_and_roles():
    article = articles_of("001")[1]
    titles = list(article.blocks.filter(kind__in=BlockKind.title_kinds()).order_by("position"))
    assert [(b.kind, b.line_start) for b in titles] == [(BlockKind.HEADLINE, 33), (BlockKind.SUBTITLE, 35)]
    assert article.title_lines == [("headline", "更好地激励产业工人以技提薪"),
                                   ("subtitle", "杭州临安高虹镇节能灯行业新增能级工资薪酬激励机制")]


def test_a_title_printed_over_two_lines_is_one_title_line():
    ningbo, linping = articles_of("001")[6], articles_of("001")[7]
    headline = ningbo.blocks.get(kind=BlockKind.SUBTITLE)
    assert (headline.line_start, headline.line_end) == (115, 116)
    assert headline.text == "宁波海建工会“新型带徒制”搭建成才“快车道”"
    assert linping.blocks.get(kind=BlockKind.SUBTITLE).line_start == 136
    subtitle = articles_of("002")[2].blocks.get(kind=BlockKind.SUBTITLE)
    assert subtitle.text == "杭州市西湖区举办首届政务服务办事员职业技能竞赛"  # trailing "  " line break gone


def test_the_banner_belongs_to_no_article():
    for prefix, banner in [("000", "贯彻落实省委“新春第一会”精神 推动打造高素质劳动者队伍"),
                           ("001", "助力高质量·建功共富路 浙工在行动"),
                           ("003", "学习贯彻中国工会十八大精神"),
                           ("004", "贯彻落实省委“新春第一会”精神 推动打造高素质劳动者队伍")]:
        page = page_for(prefix)
        assert page.banner == banner
        block = page.blocks.get(kind=BlockKind.BANNER)
        assert block.article is None and block.text == banner


def test_articles_are_automatic_with_pinyin_slugs_and_bylines():
    article = articles_of("000")[0]
    assert article.status == ArticleStatus.AUTOMATIC
    assert article.slug == pinyin_slug(article.headline)
    assert article.slug.startswith("hang-zhou-shi-xi-hu-qu")
    assert article.byline == "本报讯 记者吴晓静 通讯员张晶秋报道"
    assert articles_of("000")[2].byline == "通讯员薛梁 摄"
    assert [a.order for a in articles_of("003")] == list(range(1, 9))


def test_markdown_marks_are_stripped_from_text_but_kept_in_source():
    article = articles_of("000")[1]
    headline = article.blocks.get(kind=BlockKind.HEADLINE)
    assert headline.text == "让技术工人遇见美好未来" and headline.source_text == "## 让技术工人遇见美好未来"
    bold = article.blocks.get(line_start=34)
    assert bold.kind == BlockKind.SUBHEAD
    assert bold.text == "技高者多得,创新者重奖" and bold.source_text == "**技高者多得,创新者重奖**"


def test_known_column_label_is_recognised_on_a_plain_page():
    from articles.ingest.pipeline import parse_page

    text = "工会“小灵通”\n\n某县总工会开展活动\n\n本报讯 记者甲某报道 近日,活动举行。\n"
    draft = parse_page(text, known_labels={"工会“小灵通”"})
    assert (draft.articles[0].column_label, draft.articles[0].headline) == ("工会“小灵通”", "某县总工会开展活动")
    without = parse_page(text)
    assert without.articles[0].column_label == ""  # unknown: read as a title line, print order kept


def test_photo_story_on_a_plain_page_is_its_own_article():
    from articles.ingest.pipeline import parse_page

    text = ("某市总工会开展技能比武\n\n本报讯 记者甲某报道 近日,比武举行。\n\n比武分为三个项目。\n\n"
            "通讯员乙某 摄\n\n尽享运动好时光\n\n选手们在赛场上奋力拼搏,现场气氛热烈。\n\n"
            "清凉一夏\n\n日前,某区总工会送清凉到工地。\n")
    draft = parse_page(text)
    assert [a.headline for a in draft.articles] == ["某市总工会开展技能比武", "尽享运动好时光", "清凉一夏"]
    assert draft.articles[0].byline == "本报讯 记者甲某报道 通讯员乙某 摄"


def test_a_one_line_title_followed_by_running_text_is_a_subhead():
    from articles.ingest.pipeline import parse_page

    text = ("某市总工会开展技能比武\n\n本报讯 记者甲某报道 近日,比武举行。\n\n"
            "以赛促学\n\n比赛分为三个项目,选手们各显身手。\n")
    draft = parse_page(text)
    assert len(draft.articles) == 1
    assert [p.kind for p in draft.pieces if p.text == "以赛促学"] == [BlockKind.SUBHEAD]


@pytest.mark.django_db
def test_labels_learnt_from_one_page_of_a_batch_help_read_another(tmp_path):
    from django.core.management import call_command

    from articles.models import Page

    first = "某市总工会开展技能比武\n\n本报讯 记者甲某报道 近日,比武举行。\n\n"
    (tmp_path / "940_markdown.txt").write_text(
        f"# {first}工友之声\n\n# 某区总工会开展读书会\n\n本报讯 记者丙某报道 近日,读书会举行。\n", encoding="utf-8")
    (tmp_path / "941_plain.txt").write_text(
        f"{first}工友之声\n\n某县总工会送清凉\n\n本报讯 记者乙某报道 近日,送清凉。\n", encoding="utf-8")
    call_command("import_pages", str(tmp_path), verbosity=0)
    plain = Page.objects.get(source_name="941_plain.txt").articles.get(order=2)
    assert (plain.column_label, plain.kicker, plain.headline) == ("工友之声", "", "某县总工会送清凉")
