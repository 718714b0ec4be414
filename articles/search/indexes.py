"""The one search index: Article, prepared with haystack's hooks and no query per article.

``index_queryset`` loads everything an article's document needs in a fixed number of queries
(select_related for page/issue/newspaper, filtered prefetches for blocks, places, topics and
credits); each ``prepare_*`` reads only those prefetched lists. Preparing a lone article that was
not loaded through ``index_queryset`` still works (the helpers fall back to a query).

Field values (see ``articles.search.vocabulary.FACETS`` for the facet names):
- ``text`` (document field, not stored): title group + column label + visible body blocks
  (subheads, byline, body, captions, photo credits), as jieba words for matching and BM25F.
- ``title`` (boosted at query time): kicker + headline + subtitle. ``body``: stored for snippets.
- ``grams``: every searchable part — title lines, column label, the page's banner, the body
  blocks — as folded character grams for exact strings (see ``articles.search.grams``). The
  banner is only here: it is found by its characters and, having no words in ``text``, ranks low.
- ``city``/``county``: Region.code of every not-rejected place tag, rolled up the tree: a county
  adds its city, a town its county and city.
- ``topics``: Topic.slug (not rejected). ``persons``: Person.slug of published credits, all roles;
  ``person_names``: their names and the printed spellings, for ``person:`` queries.
- ``updated``/``version``: what ``check_index`` compares with the database to find stale entries.
"""

from __future__ import annotations

from django.db.models import Prefetch
from haystack import fields as facets, indexes

from articles.search import grams

from articles.models import Article, ArticleRegion, ArticleTopic, Block, BlockKind, Credit, CreditStatus, RegionLevel
from articles.models.places import ARTICLE_PLACES_ORDER

# Blocks whose text is the article's body as readers see it (titles are indexed from the Article).
BODY_KINDS = (BlockKind.SUBHEAD, BlockKind.BYLINE, BlockKind.BODY, BlockKind.CAPTION, BlockKind.CREDIT)


def place_tags():
    """An article's place tags with their county and city, main city first (the search results'
    first city), in the same order on every database."""
    return (ArticleRegion.objects.filter(rejected=False).select_related("region__parent__parent")
            .order_by(*ARTICLE_PLACES_ORDER))


def body_blocks():
    """The blocks an article's searchable body is made of, in reading order."""
    return (Block.objects.filter(hidden=False, kind__in=BODY_KINDS).only("id", "article_id", "position", "seq", "text")
            .order_by("position", "seq"))


def topic_tags():
    """An article's topics, primary first, in the same order on every database and every build."""
    return (ArticleTopic.objects.filter(rejected=False).select_related("topic")
            .order_by("-is_primary", "-score", "topic__slug"))


def published_credits():
    return Credit.objects.filter(status=CreditStatus.PUBLISHED).select_related("person")


# (the related name on Article, the attribute its prefetched list is kept in, the rows)
INDEX_PREFETCHES = (("blocks", "index_blocks", body_blocks), ("region_tags", "index_regions", place_tags),
                    ("topic_tags", "index_topics", topic_tags), ("credits", "index_credits", published_credits))


def index_prefetches() -> list[Prefetch]:
    return [Prefetch(related, queryset=rows(), to_attr=attr) for related, attr, rows in INDEX_PREFETCHES]


def indexable_articles():
    """Articles with everything their search document needs, in a fixed number of queries."""
    return Article.objects.select_related("page__issue__newspaper").prefetch_related(*index_prefetches())


def _loaded(obj: Article, attr: str, rows):
    """The prefetched list, or (for an article loaded elsewhere) the same ``rows()`` by a query.
    ``rows`` is called only then: building a queryset costs ~50 µs, about ten per article, which
    was ~0.4 ms of every article's indexing when the querysets were built for nothing."""
    value = getattr(obj, attr, None)
    if value is not None:
        return value
    return list(rows().filter(article=obj))


class ExactTextField(indexes.CharField):
    """A haystack field the backend indexes as ``grams.GramField`` (exact strings)."""

    field_type = "exact_text"


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, stored=False)
    grams = ExactTextField(stored=False)
    title = indexes.CharField(boost=2.0)
    body = indexes.CharField(indexed=False)
    kicker = indexes.CharField(model_attr="kicker", indexed=False)
    headline = indexes.CharField(model_attr="headline", indexed=False)
    subtitle = indexes.CharField(model_attr="subtitle", indexed=False)
    slug = indexes.CharField(model_attr="slug", indexed=False)
    page_number = indexes.IntegerField(indexed=False)
    date = indexes.DateField()
    updated = indexes.CharField(indexed=False)
    version = indexes.IntegerField(model_attr="version", indexed=False)

    year = facets.FacetIntegerField()
    city = facets.FacetMultiValueField()
    county = facets.FacetMultiValueField()
    topics = facets.FacetMultiValueField()
    persons = facets.FacetMultiValueField()
    page_name = facets.FacetCharField()
    newspaper = facets.FacetCharField()
    person_names = indexes.MultiValueField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return indexable_articles()

    def get_updated_field(self):
        return "updated_at"

    # -- text -----------------------------------------------------------------------------------
    def _body(self, obj: Article) -> str:
        blocks = _loaded(obj, "index_blocks", body_blocks)
        return "\n".join(block.text for block in blocks if block.text)

    def prepare_title(self, obj: Article) -> str:
        return " ".join(t for t in (obj.kicker, obj.headline, obj.subtitle) if t)

    def prepare_body(self, obj: Article) -> str:
        return self._body(obj)

    def prepare_grams(self, obj: Article) -> str:
        blocks = _loaded(obj, "index_blocks", body_blocks)
        others = [obj.column_label, obj.page.banner] + [block.text for block in blocks]
        return grams.field_value((obj.kicker, obj.headline, obj.subtitle), others)

    def prepare_text(self, obj: Article) -> str:
        return "\n".join(t for t in self.word_texts(obj) if t)

    def word_texts(self, obj: Article) -> tuple[str, str]:
        """(the title group, the other text searched by words: column label and body): ``text``
        is both; the PostgreSQL engine weights the two apart (``articles.search.pg.documents``)."""
        return self.prepare_title(obj), "\n".join(t for t in (obj.column_label, self._body(obj)) if t)

    # -- page and date --------------------------------------------------------------------------
    def prepare_date(self, obj: Article):
        return obj.page.issue.date

    def prepare_year(self, obj: Article) -> int:
        return obj.page.issue.date.year

    def prepare_page_name(self, obj: Article) -> str:
        return obj.page.name

    def prepare_page_number(self, obj: Article) -> int:
        return obj.page.number

    def prepare_newspaper(self, obj: Article) -> str:
        return obj.page.issue.newspaper.name

    def prepare_updated(self, obj: Article) -> str:
        return obj.updated_at.isoformat() if obj.updated_at else ""

    # -- places, topics, people -----------------------------------------------------------------
    def _regions_by_level(self, obj: Article) -> dict[str, list[str]]:
        tags = _loaded(obj, "index_regions", place_tags)
        found: dict[str, dict[str, None]] = {RegionLevel.CITY: {}, RegionLevel.COUNTY: {}}
        for tag in tags:
            region, depth = tag.region, 0
            # town → county → city: all three are select_related, so stop at the city.
            while region is not None and depth < 3:
                if region.level in found:
                    found[region.level][region.code] = None
                if region.level == RegionLevel.CITY:
                    break
                region, depth = region.parent, depth + 1
        return {level: list(codes) for level, codes in found.items()}

    def prepare_city(self, obj: Article) -> list[str]:
        return self._regions_by_level(obj)[RegionLevel.CITY]

    def prepare_county(self, obj: Article) -> list[str]:
        return self._regions_by_level(obj)[RegionLevel.COUNTY]

    def prepare_topics(self, obj: Article) -> list[str]:
        tags = _loaded(obj, "index_topics", topic_tags)
        return list(dict.fromkeys(tag.topic.slug for tag in tags))

    def _credits(self, obj: Article):
        return _loaded(obj, "index_credits", published_credits)

    def prepare_persons(self, obj: Article) -> list[str]:
        return list(dict.fromkeys(credit.person.slug for credit in self._credits(obj)))

    def prepare_person_names(self, obj: Article) -> list[str]:
        names = {}
        for credit in self._credits(obj):
            for name in (credit.person.name, credit.printed_name):
                if name and "," not in name:
                    names[name.lower()] = None
        return list(names)
