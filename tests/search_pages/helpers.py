"""Counting from the database what the search pages should show, independently of the index."""

from collections import Counter

from articles.models import Article, ArticleTopic, Credit, CreditStatus, Region, RegionLevel


def _ancestors(region: Region):
    while region is not None:
        yield region
        region = region.parent


def db_facet_counts(article_ids) -> dict[str, Counter]:
    """Per facet, value → number of the given articles that have it, straight from the tables:
    city/county codes of not-rejected place tags (a county counts for its city, a town for its
    county and city), topic slugs of not-rejected topic tags, years of the issue dates, slugs of
    persons with a published credit."""
    ids = list(article_ids)
    counts = {name: Counter() for name in ("city", "county", "topic", "year", "person")}
    articles = Article.objects.filter(pk__in=ids).select_related("page__issue")
    for article in articles:
        counts["year"][str(article.page.issue.date.year)] += 1
        regions = Region.objects.filter(article_tags__article=article, article_tags__rejected=False)
        found = {r.code: r.level for region in regions for r in _ancestors(region)}
        for code, level in found.items():
            if level == RegionLevel.CITY:
                counts["city"][code] += 1
            elif level == RegionLevel.COUNTY:
                counts["county"][code] += 1
        for slug in set(ArticleTopic.objects.filter(article=article, rejected=False).values_list("topic__slug", flat=True)):
            counts["topic"][slug] += 1
        published = Credit.objects.filter(article=article, status=CreditStatus.PUBLISHED)
        for slug in set(published.values_list("person__slug", flat=True)):
            counts["person"][slug] += 1
    return counts


def sidebar_counts(facet_groups) -> dict[str, Counter]:
    """The counts the sidebar shows, per facet, with counties taken from under their cities."""
    counts: dict[str, Counter] = {}
    for group in facet_groups:
        for option in group.visible + group.more:
            counts.setdefault(group.param, Counter())[option.value] = option.count
            for child in option.children:
                counts.setdefault(child.param, Counter())[child.value] = child.count
    return counts
