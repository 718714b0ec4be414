"""Ranking: BM25F over jieba words gives whoosh's own scores, and articles that have the words (or
the string in the title) come before those that contain the string only across word boundaries.

(Before the exact-string layer, these tests compared the matching *set* with whoosh's; plain terms
now also match their characters inside other words, so the set is checked against the database.)
"""

import pytest
from whoosh import query as wq

from articles.search.query import parse_query
from articles.search.service import TITLE_BOOST, search
from articles.search.store import get_searcher

from .helpers import containing

pytestmark = pytest.mark.django_db


def whoosh_word_query(q: str) -> wq.Query:
    """What whoosh would score for the words of ``q`` (AND of words, title words boosted)."""
    parsed = parse_query(q)
    groups = []
    for group in parsed.must:
        alternatives = [wq.And([wq.Term("text", w) for w in c.words]) for c in group]
        groups.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    main = wq.And(groups) if len(groups) > 1 else groups[0]
    title_words = [wq.Term("title", w, boost=TITLE_BOOST) for c in parsed.positive_clauses() for w in c.words]
    main = wq.AndMaybe(main, wq.Or(title_words))
    if parsed.must_not:
        main = wq.AndNot(main, wq.Or([wq.Term("text", w) for c in parsed.must_not for w in c.words]))
    return main


@pytest.mark.parametrize("q", ["劳模", "新就业形态 劳动者", "快递 技能", "工会 -劳模"])
def test_scores_equal_whoosh_bm25f(search_index, q):
    searcher = get_searcher()
    whoosh_scores = {int(hit["django_id"]): hit.score for hit in searcher.search(whoosh_word_query(q), limit=None)}
    ours = search(q, per_page=100, facets=False, highlight=False)
    assert whoosh_scores and set(whoosh_scores) <= {hit.article_id for hit in ours.hits}
    for hit in ours.hits:
        if hit.article_id in whoosh_scores:
            assert hit.score == pytest.approx(whoosh_scores[hit.article_id], rel=1e-3)
    worded = [hit.article_id in whoosh_scores for hit in ours.hits]
    assert worded == sorted(worded, reverse=True)  # articles with the words first
    scores = [hit.score for hit in ours.hits if hit.article_id in whoosh_scores]
    assert scores == sorted(scores, reverse=True)


def test_scores_after_updates_still_equal_whoosh(private_index):
    from articles.models import Article
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="劳模").first()
    article.headline += " 劳模"
    article.save()
    apply_reindex([article.pk])  # the old document is deleted from its segment, a new one added
    searcher = get_searcher()
    whoosh_scores = {int(hit["django_id"]): hit.score for hit in searcher.search(whoosh_word_query("劳模"), limit=None)}
    ours = search("劳模", per_page=100, facets=False, highlight=False)
    assert {h.article_id: pytest.approx(h.score, rel=1e-3) for h in ours.hits
            if h.article_id in whoosh_scores} == whoosh_scores
    assert ours.hits[0].article_id == article.pk


@pytest.fixture
def index_with_a_deletion(private_index):
    """The private index after one update: its first segment now holds a deleted document."""
    from articles.models import Article
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="工匠").first()
    article.save()
    apply_reindex([article.pk])
    return private_index


def _titled(needle: str) -> set[int]:
    from articles.models import Article

    from .helpers import compact

    return {pk for pk, *lines in Article.objects.values_list("pk", "kicker", "headline", "subtitle")
            if any(needle in compact(line) for line in lines if line)}


def test_matching_sets_equal_the_database_after_a_deletion(index_with_a_deletion):
    from articles.models import Credit, CreditStatus

    expected = {
        "劳模": containing("劳模"),
        "劳模 工匠": containing("劳模", "工匠"),
        "快递小哥 OR 工资集体协商": containing("快递小哥") | containing("工资集体协商"),
        "标题:工匠 技能": _titled("工匠") & containing("技能"),
        '"劳模工匠" 技能': containing("劳模工匠", "技能"),
    }
    credit = Credit.objects.filter(status=CreditStatus.PUBLISHED).select_related("person").first()
    credited = set(Credit.objects.filter(person=credit.person, status=CreditStatus.PUBLISHED)
                   .values_list("article_id", flat=True))
    for q, ids in expected.items():
        assert {h.article_id for h in search(q, per_page=100, facets=False, highlight=False).hits} == ids, q
        with_person = {h.article_id for h in search(f"{q} person:{credit.person.name}", per_page=100).hits}
        assert with_person == ids & credited or (not ids & credited), q


def test_exclusion_is_exact(index_with_a_deletion):
    from articles.models import Credit, CreditStatus

    for credit in Credit.objects.filter(status=CreditStatus.PUBLISHED).select_related("person")[:5]:
        credited = set(Credit.objects.filter(person=credit.person, status=CreditStatus.PUBLISHED)
                       .values_list("article_id", flat=True))
        expected = (containing("工会") - containing("劳模")) & credited
        results = search(f"工会 -劳模 person:{credit.person.name}", per_page=100)
        if expected:
            assert {h.article_id for h in results.hits} == expected and results.relaxed is None
        else:  # nothing matches exactly: the search is relaxed, and says so
            assert results.relaxed == "any"
