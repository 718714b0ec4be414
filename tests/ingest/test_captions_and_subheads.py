"""Captions (图为…) after an image gap and inner subheads of a long report stay inside their
article; the next story after the report is still found (made-up page)."""

import pytest

from articles.models import BlockKind

from .helpers import read_page

pytestmark = pytest.mark.django_db

PAGE = """一座小镇的“工匠梦”

——绍兴市柯桥区钱清街道培育产业工人队伍见闻

本报讯 记者孔令宇 通讯员褚佳琪报道 走进钱清街道的纺织企业，机器轰鸣声中，一批年轻的挡车工正在练习接头技术。钱清街道总工会负责人介绍，近年来街道把培育产业工人作为“一号工程”来抓。

师徒结对传技艺

在钱清街道，纺织企业的老师傅与新职工结成师徒对子，老师傅手把手传授接头、巡回、换筒等技术。钱清街道总工会每年评选“金牌师徒”，对表现突出的师徒给予奖励。

今年以来，钱清街道已有200余对师徒结对，一批年轻挡车工成长为生产骨干。



图为钱清街道一家纺织企业的师徒在车间切磋技艺。

技能竞赛搭舞台

钱清街道总工会每年举办纺织挡车工技能竞赛，获奖选手可直接晋升技能等级。街道还把竞赛成绩与企业的薪酬分配挂钩，让技能好的职工多拿工资。

“参加竞赛后，我的工资每月多了800元。”一名挡车工说，钱清街道的竞赛让年轻人看到了奔头。

平阳县举办职工篮球赛

本报讯 记者孔令宇报道 近日，平阳县第十届职工篮球赛落下帷幕，来自全县的16支代表队参赛。
"""


def test_report_keeps_its_subheads_and_caption():
    draft = read_page(PAGE)
    assert [a.headline for a in draft.articles] == ["一座小镇的“工匠梦”", "平阳县举办职工篮球赛"]
    kinds = {p.text: (p.kind, p.article) for p in draft.pieces}
    assert kinds["师徒结对传技艺"] == (BlockKind.SUBHEAD, 0)
    assert kinds["技能竞赛搭舞台"] == (BlockKind.SUBHEAD, 0)
    assert kinds["图为钱清街道一家纺织企业的师徒在车间切磋技艺。"] == (BlockKind.CAPTION, 0)


def test_subhead_decision_records_the_cohesion():
    draft = read_page(PAGE)
    subhead = next(p for p in draft.pieces if p.text == "技能竞赛搭舞台")
    assert subhead.decision["boundary"] == "subhead"
    assert subhead.decision["signals"]["cohesion"] is not None
    assert "与上文词汇重合" in subhead.decision["summary"]
