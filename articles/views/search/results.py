"""One result of a search as the pages show it: the article's title group, date, page, cities and
highlighted snippets. The engine returns article ids; the articles, their pages, issues and places
are loaded here in a fixed number of queries for the whole result page (no query per result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import unescape

from django.db.models import Prefetch
from django.urls import NoReverseMatch
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, ArticleRegion, RegionLevel


@dataclass
class ResultItem:
    article: Article
    url: str
    title_lines: list[tuple[str, str]]
    date: date
    date_is_estimated: bool
    page_label: str
    page_url: str
    cities: list[str]
    snippets_html: list[SafeString] = field(default_factory=list)
    title_lines_html: list[tuple[str, SafeString]] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return self.article.headline or next((text for _, text in self.title_lines), "") or "（无题）"

    @property
    def snippets_text(self) -> list[str]:
        """The snippets without markup, for JSON and feeds that want plain text."""
        return [unescape(strip_tags(html)) for html in self.snippets_html]


def page_label(page) -> str:
    label = f"第{page.number}版"
    return f"{label} {page.name}" if page.name else label


def safe_page_url(page) -> str:
    """The page's URL, or "" while the reading pages are not there (never fail a search for it)."""
    try:
        return page.get_absolute_url()
    except NoReverseMatch:
        return ""


def safe_article_url(article) -> str:
    try:
        return article.get_absolute_url()
    except NoReverseMatch:
        return ""


def _city_names(article: Article) -> list[str]:
    """Cities an article is about: its city tags, and the city above each county or town tag."""
    names: list[str] = []
    for tag in article.search_region_tags:
        region = tag.region
        while region is not None and region.level not in (RegionLevel.CITY, RegionLevel.PROVINCE):
            region = region.parent
        if region is not None and region.level == RegionLevel.CITY and region.name not in names:
            names.append(region.name)
    return names


def load_articles(ids: list[int]) -> dict[int, Article]:
    """Articles by id with everything a result shows, in four queries whatever the count."""
    tags = ArticleRegion.objects.filter(rejected=False).select_related(
        "region__parent__parent"
    ).order_by("-mentions", "region__code")
    articles = (
        Article.objects.filter(pk__in=ids)
        .select_related("page__issue__newspaper")
        .prefetch_related(Prefetch("region_tags", queryset=tags, to_attr="search_region_tags"))
    )
    return {article.pk: article for article in articles}


def build_items(hits, articles: dict[int, Article]) -> list[ResultItem]:
    """Result items in the engine's order; hits whose article is gone (index lag) are skipped.

    The engine's fragments and title lines are escaped text with only ``<mark>`` added (its
    documented contract, tested in tests/search_pages), so they are marked safe here.
    """
    items = []
    for hit in hits:
        article = articles.get(hit.article_id)
        if article is None:
            continue
        page = article.page
        items.append(
            ResultItem(
                article=article,
                url=safe_article_url(article),
                title_lines=article.title_lines,
                date=page.issue.date,
                date_is_estimated=page.issue.date_is_estimated,
                page_label=page_label(page),
                page_url=safe_page_url(page),
                cities=_city_names(article),
                snippets_html=[mark_safe(fragment) for fragment in hit.fragments_html],
                title_lines_html=[(role, mark_safe(html)) for role, html in hit.title_lines_html]
                or [(role, escape(text)) for role, text in article.title_lines],
            )
        )
    return items


def result_items(hits) -> list[ResultItem]:
    """The result items of the engine's hits, articles loaded in one go."""
    return build_items(hits, load_articles([hit.article_id for hit in hits]))
