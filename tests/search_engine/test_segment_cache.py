"""Arrays derived from index segments are built once per segment: after an index commit the
searcher refreshes and only the new segment's arrays are built (BM25 lengths, facet columns)."""

import pytest

from articles.search.service import search
from articles.search.store import CACHE, get_searcher, leaves

pytestmark = pytest.mark.django_db


def test_refresh_keeps_the_arrays_of_unchanged_segments(private_index):
    from articles.models import Article
    from articles.search.writer import apply_reindex

    search("劳模", per_page=5)  # builds the text/title lengths and the facet columns
    before = {segreader.segment().segment_id(): CACHE.cached(segreader.segment().segment_id(), ("length", "text"))
              for segreader, _ in leaves(get_searcher())}
    assert before and all(array is not None for array in before.values())

    article = Article.objects.filter(headline__contains="劳模").first()
    article.save()
    apply_reindex([article.pk])  # a new segment; the old one only gets a deletion mark
    search("劳模", per_page=5)
    after = {segreader.segment().segment_id() for segreader, _ in leaves(get_searcher())}
    kept = set(before) & after
    assert kept, "the first segment is still live"
    for segment_id in kept:
        assert CACHE.cached(segment_id, ("length", "text")) is before[segment_id]
    assert all(CACHE.cached(segment_id, ("length", "text")) is not None for segment_id in after)
