"""Browse by topic: /topics/ (every topic with its number of articles) and /topics/<slug>/.

Counts are aggregated by the database over ArticleTopic's (topic, rejected) index: one query for
the whole list, however many articles there are. A topic page costs a fixed handful of queries:
the topic, one page of articles (with page and issue joined), the count, and — cached for a few
minutes — top regions and top people. ``manage.py bench_people_topics`` times them at 100,000
articles.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from articles.models import Article, ArticleRegion, ArticleTopic, Credit, Topic
from articles.models.choices import CreditStatus, RegionLevel

PER_PAGE = 20
TOP = 10
ASIDE_SECONDS = 300


def newest_first(articles):
    """Articles newest issue first, then in print order, with what a list item shows joined in."""
    return (
        articles.select_related("page__issue")
        .only(
            "id", "slug", "kicker", "headline", "subtitle", "column_label", "order",
            "page__id", "page__number", "page__number_is_estimated", "page__name", "page__issue_id",
            "page__issue__id", "page__issue__date", "page__issue__date_is_estimated",
        )
        .order_by("-page__issue__date", "page__number", "order", "pk")
    )


def page_of(request, queryset, per_page: int = PER_PAGE):
    """A page of ``queryset`` from ?page=N; out-of-range or junk numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def tagged_articles(topic: Topic):
    return Article.objects.filter(topic_tags__topic=topic, topic_tags__rejected=False)


def topic_list(request):
    """Every topic with its number of articles: one grouped query over ArticleTopic's
    (topic, rejected) index, then the topics themselves."""
    counts = dict(
        ArticleTopic.objects.filter(rejected=False).values_list("topic_id").annotate(n=Count("*")).order_by()
    )
    topics = list(Topic.objects.order_by("position", "name"))
    for topic in topics:
        topic.article_count = counts.get(topic.pk, 0)
    return render(request, "browse/topic_list.html", {"topics": topics})


def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    articles = page_of(request, newest_first(tagged_articles(topic)))
    top_regions, top_people = cache.get_or_set(
        f"topic-aside:{topic.pk}", lambda: _top_regions_and_people(topic), ASIDE_SECONDS
    )
    return render(request, "browse/topic_detail.html", {
        "topic": topic, "articles": articles, "top_regions": top_regions, "top_people": top_people,
    })


def _top_regions_and_people(topic: Topic) -> tuple[list[dict], list[dict]]:
    """The places and people most often in the topic's articles. These scan every article of the
    topic (thousands in a large archive), so they are cached for a few minutes: a side list may lag
    an edit briefly, the article list itself never does."""
    in_topic = Q(article__topic_tags__topic=topic, article__topic_tags__rejected=False)
    top_regions = (
        ArticleRegion.objects.filter(in_topic, rejected=False, region__level__in=[RegionLevel.CITY, RegionLevel.COUNTY])
        .values("region__name", "region__slug", "region__level")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "region__name")[:TOP]
    )
    top_people = (
        Credit.objects.filter(in_topic, status=CreditStatus.PUBLISHED)
        .values("person__name", "person__slug")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "person__name")[:TOP]
    )
    return list(top_regions), list(top_people)
