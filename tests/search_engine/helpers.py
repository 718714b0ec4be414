"""Expected answers computed from the database, independently of the index."""

from collections import Counter

from articles.models import Article, ArticleRegion, ArticleTopic, Block, BlockKind, Credit, CreditStatus, RegionLevel
from articles.text.fold import fold

NOT_BODY = (BlockKind.KICKER, BlockKind.HEADLINE, BlockKind.SUBTITLE, BlockKind.BANNER, BlockKind.COLUMN_LABEL)


def folded_texts() -> dict[int, str]:
    """{article id: its searchable text — title lines, column label, the page's banner, visible
    body blocks — each part folded, lower-cased and without spaces, one part per line (a string
    never runs from one part into the next)}."""
    texts = {a.pk: [a.kicker, a.headline, a.subtitle, a.column_label, a.page.banner]
             for a in Article.objects.select_related("page")}
    for article_id, text in (Block.objects.filter(article__isnull=False, hidden=False).exclude(kind__in=NOT_BODY)
                             .order_by("position").values_list("article_id", "text")):
        texts[article_id].append(text)
    return {pk: "\n".join(compact(part) for part in parts if part) for pk, parts in texts.items()}


def compact(text: str) -> str:
    """Folded (width, traditional → simplified), lower-cased, without whitespace."""
    return "".join(fold(text).lower().split())


def containing(*needles: str) -> set[int]:
    return {pk for pk, text in folded_texts().items() if all(n in text for n in needles)}


def tagged_with_city(code: str) -> set[int]:
    """Articles with a place tag (not rejected) in that city: the city itself, a county or a town."""
    from django.db.models import Q

    return set(ArticleRegion.objects.filter(rejected=False).filter(
        Q(region__code=code) | Q(region__parent__code=code) | Q(region__parent__parent__code=code))
        .values_list("article_id", flat=True))


def headlines(ids) -> set[str]:
    """Every title line (kicker, headline, subtitle) of these articles."""
    rows = Article.objects.filter(pk__in=ids).values_list("kicker", "headline", "subtitle")
    return {line for row in rows for line in row if line}


def db_facets(ids) -> dict[str, Counter]:
    """Facet counts over these articles, as the index should give them."""
    ids = set(ids)
    counts = {name: Counter() for name in ("city", "county", "topic", "year", "person", "pagename")}
    for article in Article.objects.filter(pk__in=ids).select_related("page__issue"):
        counts["year"][article.page.issue.date.year] += 1
        if article.page.name:
            counts["pagename"][article.page.name] += 1
    places: dict[str, dict[int, set[str]]] = {"city": {}, "county": {}}
    for tag in ArticleRegion.objects.filter(article_id__in=ids, rejected=False).select_related("region__parent__parent"):
        region = tag.region
        while region is not None:
            if region.level == RegionLevel.CITY:
                places["city"].setdefault(tag.article_id, set()).add(region.code)
            elif region.level == RegionLevel.COUNTY:
                places["county"].setdefault(tag.article_id, set()).add(region.code)
            region = region.parent
    for name, by_article in places.items():
        for codes in by_article.values():
            counts[name].update(codes)
    for article_id, slug in set(ArticleTopic.objects.filter(article_id__in=ids, rejected=False)
                                .values_list("article_id", "topic__slug")):
        counts["topic"][slug] += 1
    for article_id, slug in set(Credit.objects.filter(article_id__in=ids, status=CreditStatus.PUBLISHED)
                                .values_list("article_id", "person__slug")):
        counts["person"][slug] += 1
    return counts
