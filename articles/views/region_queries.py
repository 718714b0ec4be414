"""The region pages' queries, written for an archive of 100,000 articles and more.

A large city has tens of thousands of tagged articles. Joining all of them to their page and
issue just to sort by date and show 20 costs over a second on SQLite, so:
  * the number of articles is counted on ArticleRegion's (region, rejected) index alone;
  * for a large region the newest articles are found by walking issues newest first (covering
    indexes on issue date, page, article and ArticleRegion(article, region)) and stopping after
    the page wanted; a small region simply joins its few articles and sorts them;
  * topics and people are counted over the region's newest SAMPLE articles (all of them for
    most regions; the page says so when it is a sample).
Django's ORM cannot ask SQLite for that join order, hence the one raw query below, which SQLite and
PostgreSQL both run. SQLite keeps the tables of a ``CROSS JOIN`` in the written order (its documented
way to pin a join order): without it SQLite 3.40 scans every article and sorts them (measured: the
largest city page at 100,000 articles 700 ms instead of 100–150 ms). ``CROSS JOIN … ON`` is a syntax
error on PostgreSQL, so the join conditions are in the WHERE clause: standard SQL, which PostgreSQL
plans like any inner join, from its statistics (hence ANALYZE after bulk loads, database_checks.py).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL

from articles.models import Article, ArticleRegion, ArticleTopic, Credit, Issue, Region
from articles.models.choices import CreditStatus

BIG_REGION = 1000  # tagged articles from which walking issues by date is cheaper than a join
SAMPLE = 500

_NEWEST_BY_DATE = """
SELECT a.id FROM articles_issue i
CROSS JOIN articles_page p
CROSS JOIN articles_article a
WHERE p.issue_id = i.id AND a.page_id = p.id
  AND EXISTS (SELECT 1 FROM articles_articleregion ar
              WHERE ar.article_id = a.id AND ar.region_id = %s AND NOT ar.rejected)
ORDER BY i.date DESC, p.number, a."order", a.id
LIMIT %s OFFSET %s
"""


def tagged(region: Region):
    return ArticleRegion.objects.filter(region=region, rejected=False)


def newest_article_ids(region: Region, total: int, limit: int, offset: int = 0) -> list[int]:
    """Ids of the region's articles, newest issue first, then in print order."""
    if total >= BIG_REGION:
        with connection.cursor() as cursor:
            cursor.execute(_NEWEST_BY_DATE, [region.id, limit, offset])
            return [row[0] for row in cursor.fetchall()]
    return list(
        Article.objects.filter(region_tags__region=region, region_tags__rejected=False)
        .order_by("-page__issue__date", "page__number", "order", "pk")
        .values_list("pk", flat=True)[offset:offset + limit]
    )


class RegionArticles:
    """What Django's Paginator needs (count and slicing) for a region's articles, newest first."""

    def __init__(self, region: Region, articles_for_ids):
        self.region = region
        self.total = tagged(region).count()
        self._load = articles_for_ids

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Article]:
        start = window.start or 0
        ids = newest_article_ids(self.region, self.total, window.stop - start, start)
        found = {article.pk: article for article in self._load(ids)}
        return [found[pk] for pk in ids if pk in found]


def top_topics_and_people(region: Region, total: int, top: int) -> tuple[list[dict], list[dict], bool]:
    """Topics and people of the region's newest SAMPLE articles; the bool says if it is a sample."""
    sampled = total > SAMPLE
    if sampled:  # a subquery, not a list of 500 ids: the database runs it, Python never sees the ids
        scope = {"article_id__in": RawSQL(_NEWEST_BY_DATE, [region.id, SAMPLE, 0])}
    else:
        scope = {"article__region_tags__region": region, "article__region_tags__rejected": False}
    # ArticleTopic is unique per (article, topic): counting rows counts articles.
    topics = list(ArticleTopic.objects.filter(rejected=False, **scope)
                  .values("topic__name", "topic__slug").annotate(count=Count("*"))
                  .order_by("-count", "topic__name")[:top])
    people = list(Credit.objects.filter(status=CreditStatus.PUBLISHED, **scope)
                  .values("person__name", "person__slug").annotate(count=Count("article", distinct=True))
                  .order_by("-count", "person__name")[:top])
    return topics, people, sampled


def articles_per_year(region: Region) -> list[dict]:
    """[{year, count, percent}] oldest first. Counted per issue in SQL (one join fewer than per
    date) and summed by year here with the issues' dates; Django's year extraction on SQLite would
    be a Python function called once per row."""
    per_issue = tagged(region).values_list("article__page__issue_id").annotate(n=Count("*"))
    rows = list(per_issue)
    dates = dict(Issue.objects.filter(pk__in=[issue for issue, _ in rows]).values_list("pk", "date")) if len(rows) < 500 \
        else dict(Issue.objects.values_list("pk", "date"))
    totals: dict[int, int] = {}
    for issue, count in rows:
        year = dates[issue].year
        totals[year] = totals.get(year, 0) + count
    highest = max(totals.values(), default=0)
    return [{"year": year, "count": count, "percent": round(100 * count / highest)}
            for year, count in sorted(totals.items())]
