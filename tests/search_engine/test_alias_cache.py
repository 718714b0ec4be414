"""Person spellings searched are kept per process: a name searched again costs no database query,
and saving or deleting a person or an alias is seen by the next search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Person, PersonAlias
from articles.search.service import search

pytestmark = pytest.mark.django_db


def _queries(q: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        found = search(q, facets=False)
    return len(captured), found


def test_a_name_searched_again_costs_no_query(search_index):
    alias = PersonAlias.objects.select_related("person").first()
    assert alias is not None, "enrichment records the OCR variants of the seeds as aliases"
    first, found = _queries(alias.name)
    again, found_again = _queries(alias.name)
    assert first >= 2 and again == 0
    assert alias.person.name in found.aliases and found_again.aliases == found.aliases
    # A word that is no one's name is remembered as such too.
    assert _queries("职工")[0] >= 1 and _queries("职工")[0] == 0


def test_a_new_alias_is_searched_at_once(search_index):
    person = Person.objects.filter(credits__isnull=False).distinct().first()
    spelling = "甬江月"  # a pen name no seed article prints
    assert _queries(spelling)[1].aliases == []  # cached: not a name
    PersonAlias.objects.create(person=person, name=spelling, kind=PersonAlias.Kind.PEN_NAME)
    count, found = _queries(spelling)
    assert count >= 1 and person.name in found.aliases and found.total > 0
    PersonAlias.objects.filter(name=spelling).get().delete()
    assert _queries(spelling)[1].aliases == []
