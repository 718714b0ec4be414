"""Two- and three-line title groups in their forms: 主题+副题 (the paper's usual), 引题+主题 when a
cue says so, a —— subtitle, 引题+主题+副题, and a title printed over two lines (made-up pages)."""

import pytest

from articles.models import BlockKind

from .helpers import read_page, titles_of

pytestmark = pytest.mark.django_db

BYLINE = "本报讯 记者何晓东报道 近日，{}举行，来自各行业的职工代表参加。\n\n活动持续一整天，现场气氛热烈。\n\n"


def page(*groups):
    return "".join("\n\n".join(lines) + "\n\n" + BYLINE.format(lines[-1][:6]) for lines in groups)


def test_two_lines_are_headline_and_subtitle_by_default():
    draft = read_page(page(["礼赞劳动 致敬匠心", "衢州市举办第三届职工技能大赛"]))
    assert titles_of(draft) == [("", "礼赞劳动 致敬匠心", "衢州市举办第三届职工技能大赛")]
    headline = next(p for p in draft.pieces if p.kind == BlockKind.HEADLINE)
    assert "主题+副题" in headline.decision["title_reason"]


def test_a_dash_line_is_the_subtitle():
    draft = read_page(page(["薪火相传育匠才", "——某机械集团工会“名师带徒”工作侧记"]))
    assert titles_of(draft) == [("", "薪火相传育匠才", "——某机械集团工会“名师带徒”工作侧记")]


def test_long_context_line_over_a_short_actor_line_is_a_kicker():
    draft = read_page(page(["深入推进新时代产业工人队伍建设改革 打造高素质技能人才队伍", "嘉善县总工会启动技能提升年"]))
    assert titles_of(draft) == [("深入推进新时代产业工人队伍建设改革 打造高素质技能人才队伍", "嘉善县总工会启动技能提升年", "")]
    kicker = next(p for p in draft.pieces if p.kind == BlockKind.KICKER)
    assert "引题+主题" in kicker.decision["title_reason"]


def test_three_lines_are_kicker_headline_subtitle():
    # Not at the top of the page: there, three lines may be a page banner over a two-line group.
    draft = read_page(page(["稳岗位 暖人心", "余杭区总工会为困难职工送温暖"],
                           ["聚焦产业工人队伍建设改革", "技能等级与工资挂钩", "某市两千余家企业签订专项集体合同"]))
    assert titles_of(draft) == [("", "稳岗位 暖人心", "余杭区总工会为困难职工送温暖"),
                                ("聚焦产业工人队伍建设改革", "技能等级与工资挂钩", "某市两千余家企业签订专项集体合同")]


def test_a_title_printed_over_two_lines_is_one_line():
    draft = read_page("开化县总工会为新就业形态劳动者\n送上“暖心包”\n\n" + BYLINE.format("暖心包发放仪式"))
    assert titles_of(draft) == [("", "开化县总工会为新就业形态劳动者送上“暖心包”", "")]
