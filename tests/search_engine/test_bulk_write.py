"""The full build's writer (``articles.search.bulkwrite``) writes what whoosh's own writer writes,
in any number of segments and processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from whoosh.filedb.filestore import FileStorage

from articles.search import bulkwrite
from articles.models import Article
from articles.search.indexes import ArticleIndex, indexable_articles
from articles.search.service import search
from articles.search.store import get_schema, reset_searcher
from articles.search.writer import build_index, documents

pytestmark = pytest.mark.django_db


def _postings(reader) -> dict:
    """{(field, term): [(document, weight, value), …]} and each term's statistics."""
    found = {}
    for fieldname, text in reader.all_terms():
        matcher = reader.postings(fieldname, text)
        rows = []
        while matcher.is_active():
            rows.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        info = reader.term_info(fieldname, text)
        found[(fieldname, text)] = (rows, info.weight(), info.doc_frequency(), info.min_length(),
                                    info.max_length(), info.max_weight())
    return found


def test_bulk_writer_writes_the_postings_whoosh_writes(private_index, tmp_path):
    stock_path = tmp_path / "stock"
    stock = FileStorage(str(stock_path)).create().create_index(get_schema())
    writer = stock.writer()  # whoosh's own SegmentWriter, posting by posting
    for doc in documents(indexable_articles().order_by("pk")):
        writer.add_document(**doc)
    writer.commit()

    build_index(procs=1)
    with stock.reader() as theirs, FileStorage(str(private_index)).open_index().reader() as ours:
        assert ours.doc_count() == theirs.doc_count() > 0
        for fieldname in ("text", "title", "grams"):
            assert ours.field_length(fieldname) == theirs.field_length(fieldname)
        assert _postings(ours) == _postings(theirs)


def test_field_postings_are_what_whoosh_indexes(search_index):
    """The pool's shortcut for the jieba text fields (and the plain path for the others) gives
    each field's terms, frequencies, weights and values exactly as whoosh's ``field.index``."""
    schema = get_schema()
    checked = set()
    for doc in documents(indexable_articles().order_by("pk")):
        for name, value in doc.items():
            if name in schema.names() and schema[name].indexed and value is not None:
                texts, freqs, weights, values = bulkwrite.field_postings(schema[name], value)
                assert sorted(zip(texts, freqs, weights, values)) == sorted(schema[name].index(value)), name
                checked.add(name)
    assert {"text", "title", "grams"} <= checked


def test_a_lone_article_makes_the_document_a_prefetched_one_makes(search_index):
    """Preparing an article loaded on its own (one reindex) queries what a build prefetches."""
    index = ArticleIndex()
    for pk in Article.objects.order_by("pk").values_list("pk", flat=True)[:5]:
        assert index.full_prepare(Article.objects.get(pk=pk)) == index.full_prepare(indexable_articles().get(pk=pk))


def _results(queries) -> dict:
    reset_searcher()
    return {q: ([h.article_id for h in found.hits], found.total, found.facets)
            for q in queries for found in [search(q, facets=True, per_page=50)]}


def test_many_small_segments_answer_like_one(private_index):
    queries = ["工会", '"体检车"', "劳模 工匠", "职工 -培训", "刻字"]
    build_index(procs=1)
    one = _results(queries)
    report = build_index(procs=1, segment_docs=7)
    segments = len(list(Path(private_index).glob("*.seg")))
    assert segments == len(bulkwrite.chunk_ids(list(range(report.updated)), 1, 7)) > 3
    assert _results(queries) == one
    assert any(total for _, total, _ in one.values())


@pytest.mark.django_db(databases=[])
def test_id_runs_are_a_multiple_of_the_processes_and_bounded():
    ids = list(range(1, 1001))
    for procs, most in ((1, 1000), (2, 300), (2, 1000), (3, 7)):
        runs = bulkwrite.chunk_ids(ids, procs, most)
        assert [i for run in runs for i in run] == ids
        assert max(map(len, runs)) <= most
        assert len(runs) % procs == 0 or len(runs) == len(ids)
    assert bulkwrite.chunk_ids([], 2) == []


@pytest.mark.django_db(databases=[])
def test_fast_writer_internals_are_present():
    assert bulkwrite.internals_problems() == []


SCRIPT = """
import json, sys, django
django.setup()
from pathlib import Path
from django.conf import settings
from django.core.management import call_command
from articles.bench.corpus import build_corpus
from articles.search.service import search
from articles.search.store import reset_searcher
from articles.search.writer import build_index
call_command("migrate", verbosity=0)
build_corpus(120, Path(settings.BASE_DIR) / "seeds")
out = {}
for procs, docs in ((1, 1000), (2, 25)):
    report = build_index(procs=procs, segment_docs=docs)
    reset_searcher()
    out[procs] = [report.updated, len(list(Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]).glob("*.seg")))]
    out[procs] += [[h.article_id for h in search(q, per_page=200).hits] for q in ("工会", '"模工"', "技能 提升")]
print(json.dumps(out))
"""


@pytest.mark.slow
@pytest.mark.django_db(databases=[])
def test_worker_processes_build_the_same_index(tmp_path):
    """Two processes (forked, each with its own database connection), one segment per run of
    25 articles: the same hits in the same order as one process and one segment."""
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(tmp_path), "SEARCH_INDEX_PATH": str(tmp_path / "index"),
           "DJANGO_SETTINGS_MODULE": "unionarchive.settings", "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    one, two = out["1"], out["2"]
    assert one[0] == two[0] == 120
    assert one[1] == 1 and two[1] == len(bulkwrite.chunk_ids(list(range(120)), 2, 25)) == 6
    assert one[2:] == two[2:] and all(one[2:])
