"""The querysets the reading views share, each loading what its template shows in a fixed number
of queries (no N+1): a page of articles costs the same few queries whether it holds 3 or 30."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Length
from django.http import Http404

from articles.models.places import ARTICLE_PLACES_ORDER
from articles.models import Article, ArticleRegion, ArticleTopic, Block, BlockKind, Credit, CreditRole
from articles.models import CreditStatus, Flag, Issue, Page


def open_flags() -> Prefetch:
    """Unresolved flags, as ``article.open_flags`` (shown as a discreet “待校对” badge)."""
    return Prefetch("flags", queryset=Flag.objects.filter(resolved_at__isnull=True).order_by("code"),
                    to_attr="open_flags")


def byline_credits(lookup: str = "credits") -> Prefetch:
    """Published credits of the people who made the article (not the people in the news)."""
    queryset = (Credit.objects.filter(status=CreditStatus.PUBLISHED)
                .exclude(role=CreditRole.MENTIONED).select_related("person").order_by("order", "pk"))
    return Prefetch(lookup, queryset=queryset, to_attr="byline_credits")


def lead_blocks() -> Prefetch:
    """Visible body and byline blocks, for the first lines of each article in a list."""
    queryset = (Block.objects.filter(hidden=False, kind__in=[BlockKind.BODY, BlockKind.BYLINE])
                .only("id", "article_id", "kind", "text", "position", "seq").order_by("position", "seq"))
    return Prefetch("blocks", queryset=queryset, to_attr="lead_blocks")


def articles_in_order() -> QuerySet:
    return Article.objects.order_by("order", "pk").only(
        "id", "page_id", "order", "kicker", "headline", "subtitle", "column_label", "byline", "slug"
    )


def issue_on(day: date) -> Issue:
    """The issue of a day with its pages and their articles' titles (3 queries), or 404.

    One newspaper per day is assumed (the archive holds one paper); with several, the first
    newspaper's issue is shown."""
    pages = Page.objects.order_by("number").defer("raw_text").prefetch_related(
        Prefetch("articles", queryset=articles_in_order().prefetch_related(open_flags()))
    )
    issue = (Issue.objects.filter(date=day).select_related("newspaper").order_by("newspaper_id")
             .prefetch_related(Prefetch("pages", queryset=pages)).first())
    if issue is None:
        raise Http404("这一天没有收录的报纸")
    return issue


# Larger numbers in a URL cannot be a row id or page number; SQLite would overflow on them.
MAX_ID = 2**63 - 1


def page_on(day: date, number: int) -> Page:
    """A page with its articles, their first lines, bylines and open flags, or 404."""
    if number > MAX_ID:
        raise Http404("没有这一版")
    # text_length: the article's visible text, for the page schematic (summed in the same query).
    articles = (articles_in_order()
                .annotate(text_length=Sum(Length("blocks__text"), filter=Q(blocks__hidden=False)))
                .prefetch_related(lead_blocks(), byline_credits(), open_flags()))
    page = (Page.objects.filter(issue__date=day, number=number)
            .select_related("issue__newspaper").defer("raw_text").order_by("issue__newspaper_id")
            .prefetch_related(Prefetch("articles", queryset=articles)).first())
    if page is None:
        raise Http404("没有这一版")
    return page


def article_with_page(pk: int) -> Article:
    if pk > MAX_ID:
        raise Http404("没有这篇文章")
    article = Article.objects.select_related("page__issue__newspaper").filter(pk=pk).first()
    if article is None:
        raise Http404("没有这篇文章")
    return article


def article_body_blocks(article: Article) -> QuerySet:
    return article.blocks.filter(hidden=False).order_by("position", "seq")


def article_credits(article: Article) -> list[Credit]:
    """All published credits (authors and people in the news), in print order."""
    return list(article.credits.filter(status=CreditStatus.PUBLISHED).select_related("person")
                .order_by("order", "pk"))


def article_regions(article: Article) -> list[ArticleRegion]:
    return list(ArticleRegion.objects.filter(article=article, rejected=False)
                .select_related("region").order_by(*ARTICLE_PLACES_ORDER))


def article_topics(article: Article) -> list[ArticleTopic]:
    return list(ArticleTopic.objects.filter(article=article, rejected=False)
                .select_related("topic").order_by("-is_primary", "-score", "topic__position"))


def page_siblings(article: Article) -> list[Article]:
    """The articles on the same page, for previous/next links."""
    return list(Article.objects.filter(page_id=article.page_id).order_by("order", "pk")
                .only("id", "slug", "headline", "order"))
