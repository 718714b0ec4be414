"""The query language beyond words: ``|`` / ``｜`` for OR, person aliases, relaxed search when a
query finds nothing. Expected articles come from the database."""

import pytest

from articles.search.service import search

from .helpers import containing

pytestmark = pytest.mark.django_db


def ids(results) -> set[int]:
    return {hit.article_id for hit in results.hits}


@pytest.mark.parametrize("q", ["湖州|嘉兴", "湖州｜嘉兴", "湖州 | 嘉兴", "湖州 OR 嘉兴"])
def test_bars_mean_or(search_engine, q):
    results = search(q, per_page=100)
    assert ids(results) == containing("湖州") | containing("嘉兴")
    assert containing("湖州") - containing("嘉兴") and containing("嘉兴") - containing("湖州")


@pytest.mark.parametrize("q", ["工会 OR 劳模", "工会劳模不存在的词组"])
def test_articles_with_more_of_the_alternatives_come_first(search_engine, q):
    """Coordination: ORed terms (typed, or a relaxed "any term" search) rank the articles holding
    more of them first, however often a single term occurs in another or stands in its title."""
    results = search(q, per_page=100)
    both = containing("工会", "劳模")
    assert both and containing("工会") - both and containing("劳模") - both  # the seeds have each kind
    assert ids(results) == containing("工会") | containing("劳模")
    assert {hit.article_id for hit in results.hits[: len(both)]} == both


def test_alias_finds_the_articles_of_every_spelling(search_engine):
    from articles.models import Credit, CreditStatus, PersonAlias

    alias = PersonAlias.objects.select_related("person").filter(name="胡冲").first() or \
        PersonAlias.objects.select_related("person").first()
    assert alias is not None, "enrichment records the OCR variants of the seeds as aliases"
    person = alias.person
    credited = set(Credit.objects.filter(person=person, status=CreditStatus.PUBLISHED).values_list("article_id", flat=True))
    expected = containing(alias.name) | containing(person.name) | credited
    results = search(alias.name, per_page=100)
    assert ids(results) == expected
    assert person.name in results.aliases
    # And the other way round: the person's own name finds the articles printed with the alias.
    assert ids(search(person.name, per_page=100)) >= containing(alias.name)


def test_zero_hits_relaxes_quotes_then_terms(search_engine):
    # Two words that occur in the seeds, but never next to each other in this order.
    q_any = "快递小哥 松阳茶王争霸不存在的词"
    results = search(q_any, per_page=100)
    assert results.relaxed == "any"
    assert ids(results) >= containing("快递小哥")

    q_quoted = '"工会 快递小哥"'  # both words are there, not as one string
    assert not containing("工会快递小哥")
    quoted = search(q_quoted, per_page=100)
    assert quoted.relaxed == "unquoted"
    assert ids(quoted) == containing("工会", "快递小哥")


def test_a_query_that_finds_something_is_not_relaxed(search_engine):
    assert search("快递小哥", per_page=5).relaxed is None
