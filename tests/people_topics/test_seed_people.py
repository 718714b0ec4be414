"""Byline people and OCR merges on the five seed pages (imported and enriched by tests/conftest.py)."""

import pytest

from articles.enrich.people_gold import evaluate_bylines, find_article
from articles.models import Credit, Person, PersonAlias
from articles.models.choices import CreditStatus

pytestmark = pytest.mark.django_db


def _roles(file_prefix: str, title: str) -> dict[str, set[str]]:
    article = find_article({"file": file_prefix, "title": title})
    assert article is not None, f"no article {title!r} on {file_prefix}"
    roles: dict[str, set[str]] = {}
    for role, printed in Credit.objects.filter(article=article, status=CreditStatus.PUBLISHED).exclude(
        role="mentioned"
    ).values_list("role", "printed_name"):
        roles.setdefault(role, set()).add(printed)
    return roles


@pytest.mark.parametrize(
    ("page", "title", "expected"),
    [
        ("000_b5643cc4bf363cac.txt", "技能阶梯", {"reporter": {"吴晓静"}, "correspondent": {"张晶秋"}}),
        ("000_b5643cc4bf363cac.txt", "让技术工人遇见美好未来", {"reporter": {"羊荣江"}, "correspondent": {"方旭", "傅立华"}}),
        ("000_b5643cc4bf363cac.txt", "法护权益", {"reporter": {"金钧胤"}}),
        ("001_6b7b81ac05678b0b.txt", "松阳茶王争霸", {"reporter": {"金钩胤"}, "correspondent": {"潘思林"}}),
        ("003_4ed376b52a461a53.txt", "国防", {"reporter": {"胡冲"}, "correspondent": {"朱琳"}}),
        ("004_1a9500bb645225f7.txt", "班组长创新赋能培训班", {"reporter": {"潘仙德"}, "correspondent": {"张小玲"}}),
        ("004_1a9500bb645225f7.txt", "快递行业", {"correspondent": {"平小工"}}),
    ],
)
def test_byline_people_with_roles(page, title, expected):
    assert _roles(page, title) == expected


def test_photographers_are_credited():
    assert "邹伟锋" in _roles("001_6b7b81ac05678b0b.txt", "网约配送员集中入会").get("photographer", set())
    assert "徐剑" in _roles("003_4ed376b52a461a53.txt", "服务送上门").get("photographer", set())


@pytest.mark.parametrize(("kept", "variant"), [("金钩胤", "金钧胤"), ("胡翀", "胡冲")])
def test_ocr_variants_are_one_person_under_the_most_printed_spelling(kept, variant):
    person = Person.objects.get(name=kept)
    assert not Person.objects.filter(name=variant).exists()
    alias = PersonAlias.objects.get(name=variant)
    assert alias.person == person and alias.kind == PersonAlias.Kind.OCR_VARIANT
    printed = set(Credit.objects.filter(person=person).values_list("printed_name", flat=True))
    assert printed == {kept, variant}


def test_pen_name_stays_its_own_person_with_a_note():
    person = Person.objects.get(name="平小工")
    assert "平湖市总工会" in person.note
    assert not person.aliases.exists()


def test_byline_people_match_the_gold():
    result = evaluate_bylines()
    # The only known miss is page 001's misplaced lead (张浩星, 李娟), which the importer attaches to
    # the story printed before it; see SEEDS.md.
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result["differences"]
