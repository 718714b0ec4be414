"""What a reader wants to know about a person at a glance, beyond the list of articles.

For a reporter: the years they wrote for the paper and how much each year, who they wrote with,
which places and topics they covered. For a person in the news: when and where they appeared.
Each part is one grouped query over the person's published credits, so the page costs the same
for a reporter with five articles and one with five thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear

from articles.models import ArticleRegion, ArticleTopic, Credit, Person, Region, Topic
from articles.models.choices import CreditRole, CreditStatus, RegionLevel

AUTHOR_ROLES = [CreditRole.REPORTER, CreditRole.CORRESPONDENT, CreditRole.PHOTOGRAPHER]
TOP_CO_AUTHORS = 10
TOP_PLACES = 8
TOP_TOPICS = 6


@dataclass
class Profile:
    first_date: object = None
    last_date: object = None
    years: list[tuple[int, int]] = field(default_factory=list)  # (year, articles), oldest first
    co_authors: list[tuple[Person, int]] = field(default_factory=list)
    places: list[tuple[Region, int]] = field(default_factory=list)
    topics: list[tuple[Topic, int]] = field(default_factory=list)

    @property
    def span(self) -> str:
        """“2022—2024” or “2024”."""
        if not self.first_date:
            return ""
        first, last = self.first_date.year, self.last_date.year
        return str(first) if first == last else f"{first}—{last}"


def _top(rows, model, prefix: str, fields: tuple[str, ...]) -> list[tuple]:
    """(instance, count) pairs from grouped rows that carry the related row's fields, so the names
    come with the counts in the same query (an instance built from them has its pk and slug, which
    is all its URL needs)."""
    return [(model(pk=row[f"{prefix}_id"], **{f: row[f"{prefix}__{f}"] for f in fields}), row["n"])
            for row in rows]


def person_profile(person: Person) -> Profile:
    """Four grouped queries, whatever the number of the person's articles."""
    credits = Credit.objects.filter(person=person, status=CreditStatus.PUBLISHED)
    article_ids = credits.values("article_id")
    years = list(
        credits.annotate(year=ExtractYear("article__page__issue__date")).values("year")
        .annotate(n=Count("article_id", distinct=True), first=Min("article__page__issue__date"),
                  last=Max("article__page__issue__date"))
        .order_by("year")
    )
    co_authors = (
        Credit.objects.filter(article_id__in=article_ids, status=CreditStatus.PUBLISHED, role__in=AUTHOR_ROLES)
        .exclude(person=person).values("person_id", "person__name", "person__slug")
        .annotate(n=Count("article_id", distinct=True)).order_by("-n", "person__slug")[:TOP_CO_AUTHORS]
    )
    places = (
        ArticleRegion.objects.filter(article_id__in=article_ids, rejected=False,
                                     region__level__in=[RegionLevel.CITY, RegionLevel.COUNTY])
        .values("region_id", "region__name", "region__slug")
        .annotate(n=Count("article_id", distinct=True)).order_by("-n", "region__code")[:TOP_PLACES]
    )
    topics = (
        ArticleTopic.objects.filter(article_id__in=article_ids, rejected=False)
        .values("topic_id", "topic__name", "topic__slug")
        .annotate(n=Count("article_id", distinct=True)).order_by("-n", "topic__position")[:TOP_TOPICS]
    )
    return Profile(
        first_date=years[0]["first"] if years else None,
        last_date=years[-1]["last"] if years else None,
        years=[(row["year"], row["n"]) for row in years],
        co_authors=_top(co_authors, Person, "person", ("name", "slug")),
        places=_top(places, Region, "region", ("name", "slug")),
        topics=_top(topics, Topic, "topic", ("name", "slug")),
    )
