"""Merging two persons that are OCR variants of one name, with a revision and undo."""

import pytest

from articles.editing import CannotUndo, add_credit, can_undo, merge_persons, undo
from articles.editing.snapshots import persons_snapshot
from articles.models import Credit, Person, PersonAlias, Revision

from .helpers import articles_of, build_page

PAGE = [[("headline", "标题"), ("body", "正文")]]


def test_merge_persons_moves_credits_keeps_the_old_spelling_and_can_be_undone(make_page, editor):
    first = articles_of(make_page(PAGE))[0]
    second = articles_of(build_page(PAGE))[0]
    add_credit(first, "孙钧明", "reporter", user=editor, expected_version=1)
    add_credit(second, "孙钩明", "reporter", user=editor, expected_version=1)
    add_credit(second, "孙钧明", "correspondent", user=editor, expected_version=2)
    keep, drop = Person.objects.get(name="孙钧明"), Person.objects.get(name="孙钩明")
    before = persons_snapshot([keep.pk, drop.pk])

    revision = merge_persons(keep, drop, user=editor)

    assert not Person.objects.filter(pk=drop.pk).exists()
    assert set(Credit.objects.filter(person=keep).values_list("article_id", "role")) == {
        (first.pk, "reporter"), (second.pk, "reporter"), (second.pk, "correspondent")}
    assert PersonAlias.objects.get(name="孙钩明").person_id == keep.pk
    assert revision.page is None and set(revision.article_ids) == {first.pk, second.pk}

    undone = undo(revision, user=editor)
    assert undone.undoes_id == revision.pk
    assert persons_snapshot([keep.pk, drop.pk]) == before
    assert Person.objects.get(pk=drop.pk).name == "孙钩明"
    assert not PersonAlias.objects.filter(name="孙钩明").exists()
    with pytest.raises(CannotUndo):
        undo(revision, user=editor)


def test_undo_of_a_merge_waits_for_later_merges_of_the_same_person(make_page, editor):
    article = articles_of(make_page(PAGE))[0]
    for name in ("周一鸣", "周一呜", "周一鳴"):
        add_credit(article, name, "mentioned", user=editor,
                   expected_version=article.page.__class__.objects.get(pk=article.page_id).version)
    keep, drop, third = (Person.objects.get(name=n) for n in ("周一鸣", "周一呜", "周一鳴"))
    first = merge_persons(keep, drop, user=editor)
    second = merge_persons(keep, third, user=editor)
    assert not can_undo(first) and can_undo(second)
    with pytest.raises(CannotUndo):
        undo(first, user=editor)
    undo(second, user=editor)
    undo(first, user=editor)
    assert Person.objects.filter(name__in=["周一鸣", "周一呜", "周一鳴"]).count() == 3
    assert Revision.objects.filter(action="undo", page=None).count() == 2


def test_an_old_page_edit_can_be_undone_after_its_person_was_merged_away(make_page, editor):
    page = make_page(PAGE)
    article = articles_of(page)[0]
    add_credit(article, "吴钧", "reporter", user=editor, expected_version=1)
    other = articles_of(build_page(PAGE))[0]
    add_credit(other, "吴钩", "reporter", user=editor, expected_version=1)
    keep, drop = Person.objects.get(name="吴钧"), Person.objects.get(name="吴钩")
    Credit.objects.filter(article=article).update(person=drop, printed_name="吴钩")  # as printed on this page
    from articles.editing import remove_credit

    removal = remove_credit(Credit.objects.get(article=article), user=editor, expected_version=2)
    merge_persons(keep, drop, user=editor)
    undo(removal, user=editor, expected_version=3)  # its snapshot names the merged-away person
    assert Credit.objects.get(article=article).person_id == keep.pk
