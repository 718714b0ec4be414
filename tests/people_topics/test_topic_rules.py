"""The topic tagger's rules, each on small self-written examples: where a keyword stands (lead, list
item, inside a longer word, inside quotes), brief lists read item by item, context phrases, and
when a further topic is more than a passing mention. Plus: an editor's correction re-runs them."""

import importlib
import re

import pytest
from django.apps import apps

from articles.editing import correct_text
from articles.enrich import enrich_articles
from articles.enrich.topic_evidence import brief_items, enumeration_items, split_lead, unquote
from articles.enrich.topics import TopicMatcher, rank_topics, word_boundaries
from articles.models import ArticleTopic, BlockKind, Topic
from articles.models.choices import Source

from editing_ops.helpers import build_page  # tests/ is on sys.path: each test folder is a package

CONTEXT_MIGRATION = importlib.import_module("articles.migrations.0014_topic_keywords_context_phrases")


def matcher(topic_id: int, keywords: str) -> TopicMatcher:
    return TopicMatcher.for_topic(Topic(pk=topic_id, keywords=keywords))


def test_the_lead_is_the_first_sentence_of_the_body():
    lead, rest = split_lead("本报讯 日前，县总工会举办技能比武。比武分两轮进行。\n第二段。")
    assert lead == "本报讯 日前，县总工会举办技能比武。"
    assert rest == "比武分两轮进行。\n第二段。"
    assert split_lead("只有一句没有句号") == ("只有一句没有句号", "")


def test_a_keyword_in_the_lead_weighs_more_than_the_same_keyword_later():
    skills = matcher(1, "比武 2")
    in_lead = skills.evidence("", "县总工会举办比武。职工踊跃参加。其他内容。")
    later = skills.evidence("", "县总工会开展活动。职工踊跃参加。也有比武。")
    assert in_lead.score > later.score and in_lead.prominent and not later.prominent


def test_an_item_of_a_mixed_list_counts_little_a_list_of_one_topics_services_in_full():
    sentence = "夜市设有法律咨询、健康义诊、技能报名、婚恋交友等摊位。"
    start = sentence.index("法律咨询")
    assert enumeration_items(sentence, start, start + 4) == ["夜市设有法律咨询", "健康义诊", "技能报名", "婚恋交友等摊位"]
    assert enumeration_items("法律咨询和健康义诊", 0, 4) == []  # two items joined by 和: not a list
    legal = matcher(1, "法律咨询 3")
    care = matcher(2, "义诊 2\n体检 3\n保险 2")
    assert legal.weight_in(sentence) == pytest.approx(0.75)  # one item of four, three of other topics
    own = "入会职工可享受免费体检、意外伤害保险、义诊等服务。"
    assert care.weight_in(own) == 7.0  # the list is the services topic's own


@pytest.mark.parametrize("keywords, text, weight", [
    ("调解 2", "工会协调解决了职工的实际困难", 0),  # 协调|解决: straddles two words
    ("调解 2", "工会调解了一起劳动争议", 2),
    ("女工 2.5", "她是厂里第一位女工程师", 0),  # 女|工程师
    ("女工 2.5", "车间里的女工都来了", 2.5),
    ("快递 2", "快递员们下班后来到这里", 2),  # inside the one word 快递员: still the keyword
    ("之家 1", "新建司机之家三处", 1),  # inside 司机之家
])
def test_a_short_keyword_counts_unless_it_straddles_two_words(keywords, text, weight):
    assert matcher(1, keywords).weight_in(text, word_boundaries()) == weight


def test_quotation_marks_do_not_split_a_context_phrase():
    assert unquote("劳动用工“体检”") == "劳动用工体检"
    care = matcher(1, "体检 3\n用工体检 0")
    legal = matcher(2, "劳动合同 2")
    ranked = dict(rank_topics("象山工会开展劳动用工“体检”", "检查劳动合同签订情况。督促企业签订劳动合同。", [care, legal]))
    assert set(ranked) == {2}


def test_a_context_phrase_of_weight_zero_claims_its_span():
    care = matcher(1, "体检 3\n法律体检 0")
    assert care.weight_in("工会为职工免费体检") == 3
    assert care.weight_in("工会律师为小微企业做法律体检") == 0


def test_a_brief_list_is_read_item_by_item():
    body = "●甲县总工会近日为环卫工人送去防暑降温用品。\n●乙区总工会举办职工羽毛球比赛。\n●丙市总工会为全县劳模开展健康体检。"
    assert brief_items(body)[1] == "乙区总工会举办职工羽毛球比赛。"
    assert brief_items("第一段。\n第二段。") == []
    care = matcher(1, "防暑 2.5\n体检 3\n健康 1.5")
    sport = matcher(2, "羽毛球 3")
    models = matcher(3, "劳模 1.5")
    as_one_text = dict(rank_topics("工作报告", body.replace("●", ""), [care, sport, models]))
    as_items = dict(rank_topics("简讯", body, [care, sport, models]))
    assert set(as_items) == {1, 2, 3}
    assert set(as_one_text) < set(as_items)


def test_a_further_topic_needs_more_than_one_passing_mention():
    skills = matcher(1, "技能比武 3\n比武 2")
    women = matcher(2, "女职工 3")
    body = "县总工会举办技能比武。来自全县的选手参加比武。比武内容包括实操等，女职工也参加了。"
    assert set(dict(rank_topics("县里举办技能比武", body, [skills, women]))) == {1}
    twice = body + "女职工组成三支代表队。"
    assert set(dict(rank_topics("县里举办技能比武", twice, [skills, women]))) == {1, 2}
    in_title = dict(rank_topics("女职工技能比武", body, [skills, women]))
    assert set(in_title) == {1, 2}


@pytest.mark.django_db
def test_context_phrase_migration_leaves_an_editors_own_list_alone_and_reverses():
    training = Topic.objects.get(slug="jineng-jingsai")
    care = Topic.objects.get(slug="fuwu-guanai")
    assert "安全培训 0" in training.keywords and "法律体检 0" in care.keywords
    assert "爱心妈咪小屋" not in care.keywords
    care.keywords = "编辑自己的词 3"
    care.save()
    CONTEXT_MIGRATION.unchange(apps, None)
    after_0008 = CONTEXT_MIGRATION.lists_after_0008()
    assert Topic.objects.get(pk=training.pk).keywords == after_0008["jineng-jingsai"]
    assert Topic.objects.get(pk=care.pk).keywords == "编辑自己的词 3"
    CONTEXT_MIGRATION.change(apps, None)
    assert Topic.objects.get(pk=training.pk).keywords == training.keywords
    assert Topic.objects.get(pk=care.pk).keywords == "编辑自己的词 3"


@pytest.mark.django_db
def test_an_editors_text_correction_re_runs_the_topic_rules(django_user_model):
    from articles.editing.permissions import ensure_editors_group

    editor = django_user_model.objects.create_user("topic-editor", is_staff=True)
    editor.groups.add(ensure_editors_group())
    page = build_page([[
        (BlockKind.HEADLINE, "县总工会开展一项活动"),
        (BlockKind.BODY, "日前，县总工会组织律师为职工提供法律援助。律师解答了劳动争议问题。"),
    ]])
    article = page.articles.get()
    enrich_articles([article.pk], only=["topics"])
    slugs = lambda: set(ArticleTopic.objects.filter(article=article, rejected=False).values_list("topic__slug", flat=True))  # noqa: E731
    assert slugs() == {"falv-weiquan"}
    women = Topic.objects.get(slug="nv-zhigong")
    ArticleTopic.objects.create(article=article, topic=women, source=Source.EDITOR)

    body = article.blocks.get(kind=BlockKind.BODY)
    correct_text(body, "日前，县总工会举办职工篮球赛和乒乓球赛。篮球赛共有十支球队参赛。", user=editor, expected_version=1)

    assert slugs() == {"wenhua-tiyu", "nv-zhigong"}  # the text's topic follows; the editor's stays
    assert re.fullmatch(r"\d+(\.\d+)?", str(ArticleTopic.objects.get(article=article, topic__slug="wenhua-tiyu").score))
