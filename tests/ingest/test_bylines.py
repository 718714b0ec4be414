"""Bylines become Persons with roles; every variant the paper prints is read."""

import pytest
from django.core.management import call_command

from articles.ingest.bylines import parse_closing_credit, split_byline
from articles.models import BlockKind, CreditRole, Person, PersonAlias
from articles.text.slugs import person_slug

from .helpers import articles_of
from .seed_expectations import SEED_ARTICLES

R, C, P = CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER
BYLINE_ROLES = (R, C, P)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", sorted(SEED_ARTICLES))
def test_every_byline_name_with_its_role(prefix):
    for article, expected in zip(articles_of(prefix), SEED_ARTICLES[prefix]):
        credits = [(c.printed_name, c.role) for c in
                   article.credits.filter(role__in=BYLINE_ROLES).order_by("order")]
        assert credits == expected[4], article.headline


@pytest.mark.parametrize("line, byline, rest, credits", [
    ("本报讯 记者吴晓静 通讯员张晶秋报道 一把刻刀", "本报讯 记者吴晓静 通讯员张晶秋报道", "一把刻刀",
     [("吴晓静", R), ("张晶秋", C)]),
    ("记者寿慧桢报道 去年以来", "记者寿慧桢报道", "去年以来", [("寿慧桢", R)]),
    ("本报讯 通讯员张小玲 记者潘仙德报道 台州市", "本报讯 通讯员张小玲 记者潘仙德报道", "台州市",
     [("张小玲", C), ("潘仙德", R)]),
    ("记者羊荣江 通讯员方旭、傅立华报道 “工资", "记者羊荣江 通讯员方旭、傅立华报道", "“工资",
     [("羊荣江", R), ("方旭", C), ("傅立华", C)]),
    ("本报讯 记者邹伟锋摄影 报道 近日", "本报讯 记者邹伟锋摄影 报道", "近日", [("邹伟锋", R), ("邹伟锋", P)]),
    ("本报讯 记者李凡 通讯员徐剑摄影报道 近日", "本报讯 记者李凡 通讯员徐剑摄影报道", "近日",
     [("李凡", R), ("李凡", P), ("徐剑", C), ("徐剑", P)]),
    ("(记者 王小明 通讯员 李四)近日,", "(记者 王小明 通讯员 李四)", "近日,", [("王小明", R), ("李四", C)]),
    ("（记者 王小明）近日,", "（记者 王小明）", "近日,", [("王小明", R)]),
    ("见习记者赵五报道 近日", "见习记者赵五报道", "近日", [("赵五", R)]),
    ("文/图 记者钱六 近日", "文/图 记者钱六", "近日", [("钱六", R), ("钱六", P)]),
    ("本报讯 通讯员平小工报道 为加快", "本报讯 通讯员平小工报道", "为加快", [("平小工", C)]),
    ("本报讯 近日,某地", "本报讯", "近日,某地", []),
])
def test_byline_variants(line, byline, rest, credits):
    parsed = split_byline(line)
    assert parsed is not None
    assert (parsed.text, parsed.rest, parsed.credits) == (byline, rest, credits)
    assert parsed.source + parsed.rest == line  # lossless


@pytest.mark.parametrize("line", ["记者从省总工会了解到,今年", "近日,记者走进车间", "通讯员们纷纷表示"])
def test_body_text_mentioning_reporters_is_not_a_byline(line):
    assert split_byline(line) is None


def test_closing_photo_credit():
    assert parse_closing_credit("通讯员杨磊 摄") == [("杨磊", C), ("杨磊", P)]
    assert parse_closing_credit("记者张三、李四 摄") == [("张三", R), ("张三", P), ("李四", R), ("李四", P)]
    assert parse_closing_credit("杨磊 摄") == [("杨磊", P)]
    assert parse_closing_credit("活动现场提供免费法律咨询服务。") is None


@pytest.mark.django_db
def test_ocr_variants_are_separate_persons_with_printed_spelling():
    # Merging 金钩胤 into 金钧胤 is enrichment's job (with an alias), never the importer's.
    credit = articles_of("001")[8].credits.get(role=R)
    assert credit.printed_name == "金钩胤"
    assert articles_of("000")[3].credits.get(role=R).printed_name == "金钧胤"


@pytest.mark.django_db
def test_person_reused_by_name_or_alias_and_slugs_are_unique(tmp_path):
    keep = Person.objects.create(name="测试甲", slug="ce-shijia-test")
    PersonAlias.objects.create(person=keep, name="测试乙")
    Person.objects.create(name="别人", slug=person_slug("测试丙"))  # slug taken by someone else
    page = tmp_path / "901_bylines.txt"
    page.write_text("测试标题一\n\n本报讯 记者测试甲 通讯员测试乙报道 今天很好。\n\n"
                    "测试标题二\n\n本报讯 记者测试丙报道 明天也好。\n", encoding="utf-8")
    call_command("import_pages", str(page), verbosity=0)
    article_one = Person.objects.filter(credits__printed_name__in=["测试甲", "测试乙"]).distinct()
    assert list(article_one) == [keep]
    new = Person.objects.get(name="测试丙")
    assert new.slug == person_slug("测试丙") + "-2"


def test_byline_in_brackets_closing_the_last_paragraph():
    from articles.ingest.pipeline import parse_page

    text = "某县总工会送清凉\n\n近日,某县总工会为户外劳动者送去清凉物品。(记者 张三 通讯员 李四)\n"
    draft = parse_page(text)
    body, byline = [p for p in draft.pieces if p.kind in (BlockKind.BODY, BlockKind.BYLINE)]
    assert (body.kind, body.text) == (BlockKind.BODY, "近日,某县总工会为户外劳动者送去清凉物品。")
    assert (byline.kind, byline.text) == (BlockKind.BYLINE, "(记者 张三 通讯员 李四)")
    assert body.source_text + byline.source_text == text.splitlines()[2]
    assert [(c.printed_name, c.role) for c in draft.articles[0].credits] == [("张三", R), ("李四", C)]
