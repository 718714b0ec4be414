"""Our numpy ranking gives whoosh's own BM25F scores (and so its order), only faster."""

import pytest

from articles.search.query import parse_query
from articles.search.service import build_query, search
from articles.search.store import get_searcher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["劳模", "新就业形态 劳动者", "快递 技能", "工会 -劳模"])
def test_scores_equal_whoosh_bm25f(search_index, q):
    searcher = get_searcher()
    whoosh_scores = {int(hit["django_id"]): hit.score
                     for hit in searcher.search(build_query(parse_query(q)), limit=None)}
    ours = search(q, per_page=100, facets=False, highlight=False)
    assert ours.total == len(whoosh_scores) > 0
    for hit in ours.hits:
        assert hit.score == pytest.approx(whoosh_scores[hit.article_id], rel=1e-3)
    scores = [hit.score for hit in ours.hits]
    assert scores == sorted(scores, reverse=True)


def test_scores_after_updates_still_equal_whoosh(private_index):
    from articles.models import Article
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="劳模").first()
    article.headline += " 劳模"
    article.save()
    apply_reindex([article.pk])  # the old document is deleted from its segment, a new one added
    searcher = get_searcher()
    whoosh_scores = {int(hit["django_id"]): hit.score
                     for hit in searcher.search(build_query(parse_query("劳模")), limit=None)}
    ours = search("劳模", per_page=100, facets=False, highlight=False)
    assert {h.article_id: pytest.approx(h.score, rel=1e-3) for h in ours.hits} == whoosh_scores
    assert ours.hits[0].article_id == article.pk


QUERIES = ["劳模", "劳模 工匠", "快递小哥 OR 工资集体协商", "标题:工匠 技能", '"劳模工匠" 技能']


@pytest.fixture
def index_with_a_deletion(private_index):
    """The private index after one update: its first segment now holds a deleted document."""
    from articles.models import Article
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="工匠").first()
    article.save()
    apply_reindex([article.pk])
    return private_index


@pytest.mark.parametrize("q", QUERIES)
def test_matching_set_equals_whoosh(index_with_a_deletion, q):
    from articles.models import Credit

    credit = Credit.objects.select_related("person").first()
    searcher = get_searcher()
    for text in (q, f"{q} person:{credit.person.name}"):
        expected = {int(hit["django_id"]) for hit in searcher.search(build_query(parse_query(text)), limit=None)}
        assert {h.article_id for h in search(text, per_page=100, facets=False, highlight=False).hits} == expected


def test_exclusion_is_exact_where_whoosh_andnot_is_not(index_with_a_deletion):
    # whoosh 2.7.4's AndNot let an article containing 劳模 through here once the index had a
    # deleted document; the numpy matching is checked against the database instead.
    from articles.models import Credit, CreditStatus

    from .helpers import containing

    for credit in Credit.objects.filter(status=CreditStatus.PUBLISHED).select_related("person")[:5]:
        credited = set(Credit.objects.filter(person=credit.person, status=CreditStatus.PUBLISHED)
                       .values_list("article_id", flat=True))
        expected = (containing("工会") - containing("劳模")) & credited
        found = {h.article_id for h in search(f"工会 -劳模 person:{credit.person.name}", per_page=100).hits}
        assert found == expected
