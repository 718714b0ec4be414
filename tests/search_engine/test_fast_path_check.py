"""The numpy fast path reads Whoosh 2.7.4's posting blocks: the system check articles.search.E003
fails loudly when those private internals are not there, instead of search silently slowing down."""

import pytest
import whoosh
from whoosh.codec import whoosh3

from articles.search import postings
from articles.search.checks import check_search

pytestmark = pytest.mark.django_db


def ids(problems):
    return {problem.id for problem in problems}


def test_installed_whoosh_passes():
    assert postings.fast_path_problems() == []
    assert "articles.search.E003" not in ids(check_search())


def test_a_missing_private_method_is_an_error(monkeypatch):
    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_read_data")
    assert "articles.search.E003" in ids(check_search())


def test_a_missing_writer_internal_is_an_error(monkeypatch):
    monkeypatch.delattr(whoosh3.W3PostingsWriter, "_write_block")
    problems = [p for p in check_search() if p.id == "articles.search.E003"]
    assert problems and "_write_block" in problems[0].msg


def test_another_whoosh_version_is_an_error(monkeypatch):
    monkeypatch.setattr(whoosh, "__version__", (2, 7, 5))
    problems = [p for p in check_search() if p.id == "articles.search.E003"]
    assert problems and "2.7.5" in problems[0].msg


def test_common_words_are_read_a_block_at_a_time(search_index):
    """On the real index the postings of a common word and bigram come from W3LeafMatcher blocks."""
    from articles.search.store import get_searcher, leaves

    searcher = get_searcher()
    for fieldname, term in (("text", "工会"), ("grams", "工会")):
        segreader, _ = leaves(searcher)[0]
        matcher = postings._leaf_matcher(segreader, fieldname, term)
        assert type(matcher).__name__ == "W3LeafMatcher"
        ids_, weights = postings.postings(searcher, fieldname, term)
        assert len(ids_) == len(weights) > 1 and (ids_[1:] > ids_[:-1]).all()


def test_an_index_built_before_the_grams_field_is_a_warning(settings, tmp_path):
    """An index whose fields differ from ArticleIndex (built by an older version) asks for a rebuild."""
    from whoosh.fields import ID, Schema
    from whoosh.filedb.filestore import FileStorage

    storage = FileStorage(str(tmp_path / "old"))
    storage.create()
    storage.create_index(Schema(id=ID(stored=True, unique=True), text=ID()))
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"],
                                                 "PATH": str(tmp_path / "old")}}
    problems = [p for p in check_search() if p.id == "articles.search.W003"]
    assert problems and "grams" in problems[0].msg
