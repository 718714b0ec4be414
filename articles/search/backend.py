"""Our haystack engine: haystack's Whoosh backend with Chinese analysis, typed facet columns and
CJK highlighting. Only what differs from the stock backend is overridden.

- Full-text fields use :class:`~articles.search.analysis.ChineseTokenizer` instead of the hard-coded
  ``StemmingAnalyzer`` (which makes a whole run of Chinese characters one token), and are not
  sortable (the stock backend stores a sort column holding each article's whole text). They keep
  word frequencies, not positions: exact strings and quotes are answered by the ``grams`` field
  (``ExactTextField`` → :class:`~articles.search.grams.GramField`). haystack's phrases and exact
  filters (``SearchQuerySet().filter(content=Exact("流动体检车"))``, ``auto_query('"体检车"')``)
  reach whoosh's query parser as quoted text: :class:`ExactPhrasePlugin` turns a quoted string on
  such a field into an :class:`ExactString` query, answered from ``grams`` with the site search's
  semantics (any string, across jieba's word boundaries), where whoosh's ``Phrase`` would need
  positions the field does not have.
- Facet fields (haystack ``Facet*Field``) become exact, *sortable* whoosh fields — ``ID`` for
  single values, comma-separated ``KEYWORD`` for lists, ``NUMERIC`` for integers — so that facet
  counts are read from columns instead of from the analysed text.
- Highlighting uses :mod:`articles.search.highlight` (the stock backend uses ``StemmingAnalyzer``
  and returns '' for Chinese).

Settings: ``HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "articles.search.backend.ChineseWhooshEngine",
"PATH": …}}``. The site's own search (``articles.search.service``) reads the same index directly,
without haystack's per-request overhead; haystack's SearchQuerySet, ``rebuild_index`` and
``update_index`` keep working on it.
"""

from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.fields import FacetField
from whoosh import matching
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.qparser import PhrasePlugin
from whoosh.qparser.syntax import attach

from . import grams
from .analysis import ChineseAnalyzer
from .grams import GramField

# Word fields whose quoted strings are answered from ``grams``: the text, and the title lines.
EXACT_FIELDS = {"text": False, "title": True}  # field → only in the title lines


class ExactString(wq.Query):
    """The documents whose ``grams`` contain a string (folded, whitespace removed), as the site's
    own search finds a quoted string; ``title_only``: in the title lines."""

    def __init__(self, string: str, title_only: bool = False, boost: float = 1.0):
        self.string, self.title_only, self.boost = grams.compact(string), title_only, boost
        self.fieldname = grams.FIELD

    def __eq__(self, other):
        return (other.__class__ is self.__class__ and other.string == self.string
                and other.title_only == self.title_only and other.boost == self.boost)

    def __hash__(self):
        return hash((self.__class__.__name__, self.string, self.title_only, self.boost))

    def __repr__(self):
        return f"{self.__class__.__name__}({self.string!r}, title_only={self.title_only})"

    def estimate_size(self, ixreader):
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        docs = [int(d) for d in grams.string_docs(searcher, self.string, title_only=self.title_only)
                if not reader.is_deleted(int(d))]
        return matching.ListMatcher(docs, all_weights=self.boost) if docs else matching.NullMatcher()


class ExactPhrasePlugin(PhrasePlugin):
    """Whoosh's quoted-phrase syntax, with a quoted string on a word field that has no positions
    (``EXACT_FIELDS``) parsed as an :class:`ExactString` instead of a ``Phrase``."""

    class PhraseNode(PhrasePlugin.PhraseNode):
        def query(self, parser):
            fieldname = self.fieldname or parser.fieldname
            if fieldname in EXACT_FIELDS:
                return attach(ExactString(self.text, EXACT_FIELDS[fieldname], self.boost), self)
            return super().query(parser)

    class PhraseTagger(PhrasePlugin.PhraseTagger):
        def create(self, parser, match):
            node = super().create(parser, match)
            return ExactPhrasePlugin.PhraseNode(node.text, node.textstartchar, node.slop)


class ChineseWhooshBackend(WhooshSearchBackend):
    """Whoosh + jieba. The index files are the stock layout plus typed facet columns."""

    def setup(self):
        super().setup()
        self.parser.remove_plugin_class(PhrasePlugin)
        self.parser.add_plugin(ExactPhrasePlugin())

    def build_schema(self, fields):
        content_field_name, stock = super().build_schema(fields)
        schema_fields = {name: stock[name] for name in stock.names()}
        for field in fields.values():
            name = field.index_fieldname
            if not field.indexed:
                schema_fields[name] = STORED()  # shown with results, never searched
            elif field.field_type == "exact_text":
                schema_fields[name] = GramField()
            elif isinstance(field, FacetField):
                schema_fields[name] = self._facet_field(field)
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=field.stored, sortable=True)
            elif isinstance(schema_fields[name], TEXT):
                schema_fields[name] = TEXT(
                    analyzer=ChineseAnalyzer(),
                    stored=field.stored,
                    phrase=False,
                    field_boost=field.boost,
                )
        return content_field_name, Schema(**schema_fields)

    @staticmethod
    def _facet_field(field):
        if field.is_multivalued:
            return KEYWORD(stored=True, commas=True, sortable=True)
        if field.field_type == "integer":
            return NUMERIC(numtype=int, stored=True, sortable=True, signed=False)
        if field.field_type in ("date", "datetime"):
            return DATETIME(stored=True, sortable=True)
        return ID(stored=True, sortable=True)

    def _process_results(self, raw_page, highlight=False, query_string="", spelling_query=None,
                          result_class=None, facet_types=None):
        results = super()._process_results(
            raw_page, highlight=False, query_string=query_string, spelling_query=spelling_query,
            result_class=result_class, facet_types=facet_types,
        )
        if highlight:
            from .highlight import highlight_fragments
            from .query import parse_query

            parsed = parse_query(query_string)
            for result in results["results"]:
                # The document field is not stored; the body is (see ArticleIndex).
                text = getattr(result, "body", "") or getattr(result, self.content_field_name, "") or ""
                result.highlighted = {self.content_field_name: highlight_fragments(text, parsed)}
        return results

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None,
                       models=None, limit_to_registered_models=None, result_class=None, **kwargs):
        """The stock version asks whoosh for key terms of the stored document field, which we do
        not store (the body is stored separately): use the service's version instead."""
        from haystack.models import SearchResult

        from .service import more_like_this_hits

        limit = (end_offset or 20) - (start_offset or 0)
        hits = more_like_this_hits(model_instance.pk, limit=max(1, limit))
        result_class = result_class or SearchResult
        ct = model_instance._meta
        results = [result_class(ct.app_label, ct.model_name, hit.article_id, hit.score) for hit in hits]
        return {"results": results, "hits": len(results)}

    def create_spelling_suggestion(self, query_string):
        # The stock suggester splits on spaces, which is useless for Chinese; suggest nothing.
        return None


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshBackend
    query = WhooshSearchQuery
