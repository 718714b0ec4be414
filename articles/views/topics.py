"""Browse by topic: /topics/ (every topic with its number of articles) and /topics/<slug>/.

Counts are aggregated by the database over ArticleTopic's (topic, rejected) index: one query for
the whole list, however many articles there are. A topic page costs a fixed handful of queries:
the topic, one page of articles (with page and issue joined), the count, top regions, top people.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from articles.models import Article, ArticleRegion, Credit, Topic
from articles.models.choices import CreditStatus, RegionLevel

PER_PAGE = 20
TOP = 10


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
    topics = Topic.objects.annotate(
        article_count=Count("article_tags", filter=Q(article_tags__rejected=False)),
        primary_count=Count("article_tags", filter=Q(article_tags__rejected=False, article_tags__is_primary=True)),
    ).order_by("position", "name")
    return render(request, "browse/topic_list.html", {"topics": topics})


def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    articles = page_of(request, newest_first(tagged_articles(topic)))
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
    return render(request, "browse/topic_detail.html", {
        "topic": topic, "articles": articles, "top_regions": top_regions, "top_people": top_people,
    })
