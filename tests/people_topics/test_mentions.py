"""People named in the running text: the extractor on hard sentences, and the seeds against the gold."""

import pytest
from django.core.management import call_command

from articles.enrich import enrich_articles
from articles.enrich.mentions import find_mentions
from articles.enrich.people_gold import evaluate_mentions, find_article
from articles.enrich.persons import PUBLISH_THRESHOLD
from articles.models import Credit, Person
from articles.models.choices import CreditRole, CreditStatus, Source


def _names(text, **kwargs):
    return {m.name for m in find_mentions([text], **kwargs) if m.confidence >= PUBLISH_THRESHOLD}


def test_names_in_title_and_speech_contexts():
    text = "车间主任陈志明介绍，今年以来共开展培训20场。职工李小红说：“收获很大。”"
    assert _names(text) == {"陈志明", "李小红"}


def test_captions_and_everyday_roles():
    assert _names("图为张建华在车间调试设备。") == {"张建华"}
    assert _names("获得冠军的王晓东（左）与队友合影。") == {"王晓东"}
    assert _names("社区居民赵桂兰和志愿者孙小梅一起包饺子。") == {"赵桂兰", "孙小梅"}


def test_name_length_follows_the_text():
    # 许静 is two characters although 许静用 could be read as three; 孙强说 is 孙强 + 说.
    text = "市总工会主席许静用一张张照片分享故事。许静说，责任重大。养护员孙强说，很实用。"
    assert _names(text) == {"许静", "孙强"}


@pytest.mark.parametrize(
    "text",
    [
        "来到现场的货车司机王师傅由衷地说：“很贴心。”",  # a form of address, and 由衷 is a word
        "章老师说，希望大家抓住幸福。",
        "市民王先生在赛后连连称赞。",  # not 王先
        "蔡奇代表党中央致词。",  # 党中央 is not a person (蔡奇 is)
        "工会干部在嘉兴市总工会培训。",
    ],
)
def test_forms_of_address_words_and_places_are_not_names(text):
    names = _names(text, places={"嘉兴", "嘉兴市"})
    assert not names - {"蔡奇"}


def test_a_county_inside_a_name_does_not_hide_the_person():
    text = "永康市总工会副主席李永康介绍，新昌县职工陈新昌表示支持。"
    assert _names(text, places={"永康", "永康市", "新昌", "新昌县"}) == {"李永康", "陈新昌"}


def test_byline_names_are_not_mentions():
    text = "记者金钩胤报道 职工张三丰表示，技能提升很重要。"
    assert _names(text, excluded={"张三丰"}) == set()


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["本报讯 记者吴立新 通讯员周建平报道 近日，车间主任陈志明介绍了今年的培训计划。"],
        ["文/图 本报记者 吴立新 车间主任陈志明介绍了今年的培训计划。"],
        ["车间主任陈志明介绍了今年的培训计划。(记者 吴立新 通讯员 周建平)"],
        ["车间主任陈志明介绍了今年的培训计划。（吴立新 周建平）"],
        ["车间主任陈志明介绍了今年的培训计划。", "通讯员周建平 摄"],
    ],
)
def test_bylines_and_credits_inside_paragraphs_are_not_mentions(paragraphs):
    # The byline grammar is the importer's: the authors are not people in the news.
    assert {m.name for m in find_mentions(paragraphs) if m.confidence >= PUBLISH_THRESHOLD} == {"陈志明"}


def test_leader_with_title_after_the_name():
    assert _names("在主席台近距离见到习近平总书记和中央领导。") == {"习近平"}


@pytest.mark.django_db
def test_published_mentions_are_right_nine_times_in_ten_on_the_seeds():
    result = evaluate_mentions()
    assert result["published"] >= 20
    assert result["precision"] >= 0.9, result["differences"]
    assert result["precision_per_page"] >= 0.9


@pytest.mark.django_db
def test_low_confidence_names_wait_as_suggestions():
    suggested = Credit.objects.filter(role=CreditRole.MENTIONED, status=CreditStatus.SUGGESTED)
    assert suggested.exists()
    assert all(c.confidence < PUBLISH_THRESHOLD for c in suggested)


@pytest.mark.django_db
def test_rerunning_is_idempotent():
    before = sorted(Credit.objects.values_list("article_id", "person__name", "role", "status"))
    people = Person.objects.count()
    call_command("enrich", only=["persons"], verbosity=0)
    assert sorted(Credit.objects.values_list("article_id", "person__name", "role", "status")) == before
    assert Person.objects.count() == people


@pytest.mark.django_db
def test_editor_choices_survive_a_rerun():
    article = find_article({"file": "003_4ed376b52a461a53.txt", "title": "照片背后的履职故事"})
    rejected = Credit.objects.get(article=article, role=CreditRole.MENTIONED, person__name="蔡奇")
    rejected.status, rejected.source = CreditStatus.REJECTED, Source.EDITOR
    rejected.save()
    added_person = Person.objects.create(name="测试人", slug="ce-shi-ren")
    Credit.objects.create(article=article, person=added_person, role=CreditRole.MENTIONED,
                          status=CreditStatus.PUBLISHED, source=Source.EDITOR)

    enrich_articles([article.pk], only=["persons"])

    rejected.refresh_from_db()
    assert (rejected.status, rejected.source) == (CreditStatus.REJECTED, Source.EDITOR)
    assert Credit.objects.filter(article=article, person=added_person, source=Source.EDITOR).exists()
    assert Credit.objects.filter(article=article, person__name="蔡奇", role=CreditRole.MENTIONED).count() == 1
