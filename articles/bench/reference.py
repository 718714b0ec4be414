"""The compiled reference of the search benchmark: tantivy (Rust, via PyPI ``tantivy``, the
``bench`` extra) over the same documents, the same jieba tokens and the same facets.

Why tantivy: it is the compiled engine nearest to ours in model (BM25 over an inverted index with
positions, a terms aggregation for facets), usable in-process from Python, so one run prints how
far our engine is from a compiled one on the same machine under the same load.

Same input, as far as the two engines allow:

- Documents: our own writer's documents (``articles.search.writer.documents``), so every field
  our index gets, tantivy gets too.
- Tokens: our analyzer's index tokens (``articles.search.analysis.segment(..., for_index=True)``:
  jieba words with their word-ordinal positions and dictionary sub-words at the same position),
  handed over pre-tokenized, so tantivy neither re-segments nor lower-cases anything. Queries use
  the analyzer's query words, as ours does.
- Scoring: BM25 on ``text``, plus the title's words boosted like ours (``TITLE_BOOST``); top 20.
- Facets: city, county, topic, year, person, page_name counted over all matches (a terms
  aggregation with room for every value), filters as non-scoring clauses. The Python binding runs
  an aggregation as a second pass of the query (it exposes no combined collector): that is the
  cost a Python site using tantivy pays, so it is what is timed.
- Per query, ours also reads the 20 hits' stored fields and highlights them; tantivy reads only
  their article ids (it has no highlighter for pre-tokenized text). The view rows show what the
  whole page costs.

What it cannot do: an exact string across word boundaries. Those queries become a phrase of the
query's own jieba words, which misses articles where jieba cut the text differently; the report
prints tantivy's hit count beside ours. Building includes reading the database and jieba (the same
Python work as ours); the report shows that share separately.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from .measure import Stopwatch, build_figures, time_plan
from .queries import WORDS, BenchQuery

FACET_FIELDS = ("city", "county", "topic", "year", "person", "page_name")
# Our documents' field for each facet (the stored names of articles.search.indexes.ArticleIndex).
SOURCE_FIELD = {"city": "city", "county": "county", "topic": "topics", "year": "year", "person": "persons",
                "page_name": "page_name"}
FACET_ROOM = 100_000  # terms per facet: more than any facet has distinct values, so all are counted
TOP = 20
INSTALL_HINT = "tantivy is not installed: pip install -e '.[bench]' (scripts/bootstrap.sh does), or pass --no-tantivy"


def available() -> bool:
    return importlib.util.find_spec("tantivy") is not None


def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    # "raw": the field's tokens arrive pre-tokenized; queries are built term by term.
    builder.add_text_field("text", tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name="raw")
    for name in FACET_FIELDS:
        if name == "year":
            builder.add_integer_field(name, indexed=True, fast=True)
        else:
            builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_unsigned_field("article_id", fast=True)
    return builder.build()


def _pretokenized(value: str):
    import tantivy

    from articles.search.analysis import segment

    tokens = [tantivy.Token(w.text, w.pos, w.start, w.end) for w in segment(value, for_index=True)]
    return tantivy.PreTokenizedString(value, tokens)


def _document(prepared: dict):
    import tantivy

    doc = tantivy.Document()
    for name in ("text", "title"):
        doc.add_pre_tokenized_text(name, _pretokenized(prepared.get(name) or ""))
    for name in FACET_FIELDS:
        value = prepared.get(SOURCE_FIELD[name])
        if name == "year":
            if value is not None:
                doc.add_integer(name, int(value))
            continue
        for item in str(value or "").split(","):
            if item:
                doc.add_text(name, item)
    doc.add_unsigned("article_id", int(prepared["django_id"]))
    return doc


class TantivyReference:
    """A tantivy index in ``path`` (created by :meth:`build`, or opened if it exists)."""

    def __init__(self, path: Path):
        import tantivy

        self.tantivy = tantivy
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, str(self.path), reuse=True)
        self.searcher = self.index.searcher()
        self.aggregations = {name: {"terms": {"field": name, "size": FACET_ROOM}} for name in FACET_FIELDS}

    def build(self, batch: int = 500) -> dict:
        """Index every article (as our writer prepares it); the build's figures."""
        from articles.search.indexes import indexable_articles
        from articles.search.writer import documents

        watch = Stopwatch().start()
        prepare_seconds = 0.0
        writer = self.index.writer()
        writer.delete_all_documents()
        ids = list(indexable_articles().order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), batch):
            started = time.perf_counter()
            docs = [_document(d) for d in documents(indexable_articles().filter(pk__in=ids[start:start + batch])
                                                    .order_by("pk"))]
            prepare_seconds += time.perf_counter() - started
            for doc in docs:
                writer.add_document(doc)
            count += len(docs)
        writer.commit()
        writer.garbage_collect_files()  # a rebuild in a reused folder leaves the old segments
        writer.wait_merging_threads()
        watch.stop()
        self.index.reload()
        self.searcher = self.index.searcher()
        return build_figures(count, watch, self.path, prepare_s=round(prepare_seconds, 1))

    # -- queries --------------------------------------------------------------------------------
    def _words(self, text: str) -> list[str]:
        from articles.search.analysis import segment

        return [w.text for w in segment(text)]

    def query(self, query: BenchQuery, filters: dict):
        """The tantivy query for one benchmark query: words ANDed, or the query's words as one
        phrase (phrases and exact strings); title words add a boosted score; filters do not score."""
        from articles.search.service import TITLE_BOOST

        Q, Occur, schema = self.tantivy.Query, self.tantivy.Occur, self.schema
        if query.kind == WORDS:
            words = [w for part in query.text.split() for w in self._words(part)]
            clauses = [(Occur.Must, Q.term_query(schema, "text", w)) for w in words]
        else:
            words = self._words(query.text)
            main = Q.phrase_query(schema, "text", words) if len(words) > 1 else Q.term_query(schema, "text", words[0])
            clauses = [(Occur.Must, main)]
        clauses += [(Occur.Should, Q.boost_query(Q.term_query(schema, "title", w), TITLE_BOOST)) for w in words]
        for key, values in filters.items():
            alternatives = [Q.term_query(schema, key, int(v) if key == "year" else v) for v in values]
            either = Q.boolean_query([(Occur.Should, a) for a in alternatives])
            clauses.append((Occur.Must, Q.const_score_query(either, 0.0)))
        return Q.boolean_query(clauses)

    def search(self, query: BenchQuery, filters: dict, facets: bool) -> int:
        """Matching articles, the top 20 by score (their article ids read), and the facet counts
        when asked: what our search returns, less highlighting. Returns the number of matches."""
        tantivy_query = self.query(query, filters)
        result = self.searcher.search(tantivy_query, TOP, count=True)
        self.searcher.fast_field_values("article_id", [address for _score, address in result.hits])
        if facets:
            self.searcher.aggregate(tantivy_query, self.aggregations)
        return result.count

    def bench_engine(self, plan, repeat: int) -> dict:
        return time_plan(plan, repeat, self.search)

    def facet_counts(self, query: BenchQuery, filters: dict) -> dict[str, dict[object, int]]:
        """{facet: {value: count}} of one query (for checking against ours)."""
        found = self.searcher.aggregate(self.query(query, filters), self.aggregations)
        return {name: {b["key"]: b["doc_count"] for b in found[name]["buckets"]} for name in FACET_FIELDS}
