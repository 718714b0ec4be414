"""One person, one page: merge_persons and the OCR-variant rule for staff bylines."""

import pytest

from articles.enrich.aliases import is_ocr_variant, merge_persons
from articles.models import Article, Credit, Person, PersonAlias
from articles.models.choices import CreditRole, CreditStatus, Source


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("金钧胤", "金钩胤", True),  # 钧/钩: in the committed confusables table
        ("胡翀", "胡冲", True),  # same reading, chong
        ("张晶秋", "张晶秋", False),  # identical names are not variants
        ("张晶秋", "李晶秋", False),  # a different surname is a different person
        ("吴晓静", "吴晓明", False),  # 静/明: neither look-alike nor homophone
        ("吴晓静", "吴小敬", False),  # two characters differ
        ("胡翀", "胡翀翀", False),  # lengths differ
        ("婺华", "婺花", False),  # 婺 is not a common surname: no rule applies
    ],
)
def test_ocr_variant_rule(first, second, expected):
    assert is_ocr_variant(first, second) is expected
    assert is_ocr_variant(second, first) is expected


def _person(name, slug):
    return Person.objects.create(name=name, slug=slug)


@pytest.mark.django_db
def test_merge_persons_moves_credits_merges_duplicates_and_keeps_the_old_spelling():
    first, second = Article.objects.order_by("pk")[:2]
    keep = _person("测试甲", "ce-shi-jia")
    drop = _person("测试乙", "ce-shi-yi")
    PersonAlias.objects.create(person=drop, name="测试丙", kind=PersonAlias.Kind.PEN_NAME, source=Source.EDITOR)
    Credit.objects.create(article=first, person=keep, role=CreditRole.REPORTER, printed_name="测试甲")
    # Same article and role on both rows: after the merge, one credit; the editor's row wins.
    Credit.objects.create(article=first, person=drop, role=CreditRole.REPORTER, printed_name="测试乙",
                          source=Source.EDITOR)
    Credit.objects.create(article=second, person=drop, role=CreditRole.CORRESPONDENT, printed_name="测试乙")

    merge_persons(keep, drop)

    assert not Person.objects.filter(pk=drop.pk).exists()
    credits = Credit.objects.filter(person=keep).order_by("article_id")
    assert [(c.article_id, c.role) for c in credits] == [(first.pk, "reporter"), (second.pk, "correspondent")]
    assert credits[0].source == Source.EDITOR
    assert credits[1].printed_name == "测试乙"  # the page's spelling is kept on the credit
    aliases = {a.name: a for a in PersonAlias.objects.filter(person=keep)}
    assert set(aliases) == {"测试乙", "测试丙"}
    assert aliases["测试乙"].kind == PersonAlias.Kind.OCR_VARIANT
    assert aliases["测试乙"].slug == "ce-shi-yi"  # the old URL can redirect
    assert aliases["测试丙"].kind == PersonAlias.Kind.PEN_NAME  # moved as it was


@pytest.mark.django_db
def test_merge_persons_refuses_to_merge_a_person_into_itself():
    person = _person("测试甲", "ce-shi-jia")
    with pytest.raises(ValueError):
        merge_persons(person, person)


@pytest.mark.django_db
def test_rejected_credit_survives_a_merge():
    article = Article.objects.order_by("pk").first()
    keep, drop = _person("测试甲", "ce-shi-jia"), _person("测试乙", "ce-shi-yi")
    Credit.objects.create(article=article, person=keep, role=CreditRole.MENTIONED, source=Source.AUTOMATIC,
                          status=CreditStatus.PUBLISHED)
    Credit.objects.create(article=article, person=drop, role=CreditRole.MENTIONED, source=Source.EDITOR,
                          status=CreditStatus.REJECTED)
    merge_persons(keep, drop, kind=PersonAlias.Kind.OTHER, source=Source.EDITOR)
    credit = Credit.objects.get(article=article, person=keep, role=CreditRole.MENTIONED)
    assert (credit.status, credit.source) == (CreditStatus.REJECTED, Source.EDITOR)


@pytest.mark.django_db
@pytest.mark.parametrize("editor_touched", [False, True])
def test_automatic_merge_leaves_persons_an_editor_has_worked_on(editor_touched):
    from articles.enrich.aliases import merge_ocr_variants

    first, second, third = Article.objects.order_by("pk")[:3]
    one, other = _person("金试钧", "jin-shi-jun"), _person("金试钩", "jin-shi-gou")
    Credit.objects.create(article=first, person=one, role=CreditRole.REPORTER)
    Credit.objects.create(article=third, person=one, role=CreditRole.REPORTER)
    Credit.objects.create(article=second, person=other, role=CreditRole.REPORTER,
                          source=Source.EDITOR if editor_touched else Source.IMPORTER)
    merged = merge_ocr_variants()
    if editor_touched:
        assert Person.objects.filter(pk__in=[one.pk, other.pk]).count() == 2
    else:
        assert ("金试钧", "金试钩") in merged  # the control: without the editor, they are merged
        assert PersonAlias.objects.get(name="金试钩").person == one
