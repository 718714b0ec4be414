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
