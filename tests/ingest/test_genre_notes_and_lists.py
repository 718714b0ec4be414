"""编者按, 相关链接, numbered points and 简讯 lists: an editor's note and numbered points stay in
their article; a 相关链接 sidebar is an item of its own; titled items under 简讯 are articles with
简讯 as their column label, untitled items (★… / 1. …) one list article headed 简讯 (made-up page)."""

import pytest

from articles.models import BlockKind

from .helpers import read_page, titles_of

pytestmark = pytest.mark.django_db

PAGE = """劳模工匠说

编者按：劳模工匠是产业工人的优秀代表。本报今起推出“劳模工匠说”栏目，请他们讲讲自己的成长故事，敬请关注。

本报讯 记者杜若溪报道 “干一行就要钻一行。”说起三十年的焊工生涯，省劳动模范汪建国这样总结。

从学徒到高级技师，汪建国先后完成技术革新40余项，带出徒弟60多名。

平台骑手权益保障有了新规

本报讯 记者杜若溪报道 近日，温州市出台新就业形态劳动者权益保障办法，对骑手的劳动报酬、休息时间和职业伤害保障作出规定。

办法明确，平台企业应当合理确定订单分配、计件单价和抽成比例，并向骑手公示。

相关链接

什么是新就业形态劳动者？新就业形态劳动者是指依托互联网平台实现就业的劳动者，包括快递员、外卖送餐员、网约车驾驶员等。

职工疗休养有了新规范

本报讯 记者杜若溪报道 日前，省总工会印发通知，对职工疗休养工作提出三项要求。

一、严格执行标准

疗休养活动要严格执行经费标准，不得变相发放福利，不得安排高消费项目。

二、优化线路设计

各地要结合本地资源，设计一批主题鲜明、特色突出的疗休养线路，让职工乐享其中。

简讯

德清县总工会举办职工书法展

近日，德清县总工会举办“翰墨颂劳动”职工书法展，展出作品120余幅。（王乾鹏）

南湖区女职工委员会开展健康讲座

日前，南湖区女职工委员会邀请医院专家走进企业，为300余名女职工讲解健康知识。（凌婷 周晓）
"""


def test_articles_and_their_headlines():
    draft = read_page(PAGE)
    assert [a.headline for a in draft.articles] == [
        "劳模工匠说", "平台骑手权益保障有了新规", "相关链接", "职工疗休养有了新规范", "德清县总工会举办职工书法展",
        "南湖区女职工委员会开展健康讲座"]
    assert draft.articles[4].column_label == "简讯"


def test_notes_and_numbered_points_stay_inside():
    draft = read_page(PAGE)
    kinds = {p.text: (p.kind, p.article) for p in draft.pieces}
    assert kinds["一、严格执行标准"] == (BlockKind.SUBHEAD, 3)
    assert kinds["二、优化线路设计"] == (BlockKind.SUBHEAD, 3)
    link = next(p for p in draft.pieces if p.text == "相关链接")
    assert "边栏" in link.decision["summary"]
    note = next(p for p in draft.pieces if p.text.startswith("编者按"))
    assert (note.kind, note.article) == (BlockKind.BODY, 0)
    assert titles_of(draft)[0] == ("", "劳模工匠说", "")


UNTITLED_ITEMS = """德清县总工会举办职工书法展

本报讯 记者杜若溪报道 近日，德清县总工会举办“翰墨颂劳动”职工书法展，展出作品120余幅。

工会动态

★近日，新昌县总工会为全县32家企业的“爱心妈咪小屋”添置了冰箱、消毒柜等设施。

★日前，上虞区总工会举办职工心理健康讲座，邀请心理咨询师为200余名职工答疑解惑。

★柯桥区总工会近日开展困难职工子女助学活动，为86名困难职工子女发放助学金。
"""


def test_untitled_items_form_one_list_article():
    draft = read_page(UNTITLED_ITEMS)
    assert [a.headline for a in draft.articles] == ["德清县总工会举办职工书法展", "工会动态"]
    items = [p for p in draft.pieces if p.text.startswith("★")]
    assert len(items) == 3 and {p.kind for p in items} == {BlockKind.BODY} and {p.article for p in items} == {1}
