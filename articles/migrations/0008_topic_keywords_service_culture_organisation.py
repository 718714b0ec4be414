"""Keyword lists of the starting topics, tuned against the topic gold of the segmentation development set.

Measured with ``manage.py evaluate_enrichment --only topics`` on the 24 tuning pages (never the 6
held-out pages): the 0005 lists missed the everyday words of several topics — 送清凉, 托管, 意外伤害保险
(services), 篮球, 合唱, 书屋 (culture and sport), 工会联合会, 会员代表大会 (organisation), 仲裁, 调解,
欠薪 (legal help), 议事会 (democratic management) — while a few short words pulled articles onto
the wrong page (红色管家 is not ideology, 桥吊司机 are not new forms of employment, 慰问 alone is
not hardship relief, 工会组织 mostly reads 总工会组织开展…, a verb phrase). Each change is a general
word of the topic, not a word of one page; the figures are in evaluation/topics/README.md.

Only rows whose keyword list is still exactly the one migration 0005 wrote are changed, so an
editor's own list is never overwritten; reversing restores the 0005 list on rows still as tuned here.
"""

import importlib

from django.db import migrations

TAXONOMY = importlib.import_module("articles.migrations.0005_topic_taxonomy").TAXONOMY

# slug → changed lines, in the keyword-list format (``word weight``); weight 0 removes the word.
CHANGES = {
    "jineng-jingsai": "技能培训 2\n培训班 1.5\n技术能手 2\n技能大师 2\n拜师 2\n徒弟 1.5\n技艺 1.5\n传承 1\n夜校 1.5\n技能等级认定 3\n技术工人 1\n培养 1\n转岗 1.5\n授课 1",
    "fuwu-guanai": "送清凉 3\n防暑 2.5\n清凉 1.5\n慰问品 2\n慰问 1.5\n托管 3\n意外伤害保险 3\n互助保障 3\n服务站 2\n服务点 2\n职工之家 2\n之家 1\n公寓 2\n安居 3\n生活区 2\n建设者之家 3\n娘家人 1.5\n暖心 1.5\n休息 1\n热饭 1.5\n饮水 1\n健康 1.5\n职工子女 1.5",
    "wenhua-tiyu": "篮球 3\n乒乓球 3\n羽毛球 3\n球赛 2\n联赛 2\n龙舟 3\n皮划艇 3\n剪纸 3\n插花 2\n合唱 3\n越剧 2\n摄影展 2\n摄影作品 2\n书画 2\n书屋 2\n读书 2\n阅读 1.5\n图书 1.5\n艺术团 3",
    "zuzhi-jianshe": "工会联合会 1\n工会干部 1\n会员代表大会 3\n加入工会 3\n工会组织 0\n楼宇工会 3\n商圈工会 3\n工会小组 2",
    "falv-weiquan": "仲裁 2.5\n劳动用工 2\n工会法 2\n调解 2\n欠薪 3\n劳动合同 2\n工伤 0.5\n法律 1.5\n权益保障 2\n权益维护 2",
    "minzhu-guanli": "议事会 3\n议事厅 3\n议事 2\n职工代表 2",
    "chuangxin": "技术创新 2.5\n技术难题 2\n揭榜 2\n技术改造 2\n研发 1.5",
    "changai": "晋升 1.5\n上升通道 2\n成长通道 2",
    "sixiang-yinling": "红色 0.5\n宣讲 1\n大会精神 2.5",
    "xinjiuye-xingtai": "司机 0.5\n集卡 2",
    "kunnan-bangfu": "慰问 0.5",
    "nv-zhigong": "妇女 1\n女同志 2",
}


def tuned_keywords(slug: str, text: str) -> str:
    """The 0005 keyword text of a topic with this migration's changes applied, one ``word weight`` a line."""
    weights = {}
    for line in text.splitlines():
        word, _, weight = line.partition(" ")
        weights[word] = weight or "1"
    for change in CHANGES.get(slug, "").splitlines():
        word, weight = change.split(" ")
        if float(weight) == 0:
            weights.pop(word, None)
        else:
            weights[word] = weight
    return "\n".join(f"{word} {weight}" for word, weight in weights.items())


def original_keywords() -> dict[str, str]:
    return {slug: keywords for slug, _name, _description, keywords in TAXONOMY}


def tune(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, keywords in original_keywords().items():
        Topic.objects.filter(slug=slug, keywords=keywords).update(keywords=tuned_keywords(slug, keywords))


def untune(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, keywords in original_keywords().items():
        Topic.objects.filter(slug=slug, keywords=tuned_keywords(slug, keywords)).update(keywords=keywords)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_revision_action_choices"),
    ]

    operations = [migrations.RunPython(tune, untune)]
