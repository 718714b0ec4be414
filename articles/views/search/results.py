"""One result line of a search as the pages show it: the engine's hit (``service.Hit``: highlighted
title lines and snippets, codes of its cities) joined with its article, page and issue from the
database (loaded here in one query for the whole result page), and the cities' names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from articles.ingest import bylines
from articles.models import Article
from articles.templatetags.reading import page_label as reading_page_label


@dataclass
class ResultItem:
    """What the templates, the feed and the JSON read: never built without a database article."""

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
    def byline_short(self) -> str:
        """The byline as a result line shows it: “记者吴晓静 通讯员张晶秋” (本报讯 and 报道 left out)."""
        return bylines.short_byline(self.article.byline)

    @property
    def snippets_text(self) -> list[str]:
        """The snippets without markup, for JSON and feeds that want plain text."""
        return [unescape(strip_tags(html)) for html in self.snippets_html]


def page_label(page) -> str:
    """“第3版 工会”, without the estimate mark: a result line marks an estimated date itself."""
    return reading_page_label(page, mark_estimate=False)


def load_articles(ids: list[int]) -> dict[int, Article]:
    """Articles by id with their page, issue and newspaper, in one query whatever the count."""
    return {article.pk: article for article in
            Article.objects.filter(pk__in=ids).select_related("page__issue__newspaper")}


def build_items(hits, articles: dict[int, Article], labels) -> list[ResultItem]:
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
                url=article.get_absolute_url(),
                title_lines=article.title_lines,
                date=page.issue.date,
                date_is_estimated=page.issue.date_is_estimated,
                page_label=page_label(page),
                page_url=page.get_absolute_url(),
                cities=[labels.regions[code].name for code in hit.city if code in labels.regions],
                snippets_html=[mark_safe(fragment) for fragment in hit.fragments],
                title_lines_html=[(role, mark_safe(html)) for role, html in hit.title_lines_html]
                or [(role, escape(text)) for role, text in article.title_lines],
            )
        )
    return items


def result_items(hits, labels) -> list[ResultItem]:
    """The result items of the engine's hits, articles loaded in one go; ``labels``
    (articles.views.search.facets.Labels) names their cities."""
    return build_items(hits, load_articles([hit.article_id for hit in hits]), labels)
