"""``{% load search_tags %}{% more_like_this article %}``: up to five related articles, from the
search index, at the foot of an article page.

The box is an extra: if the index is missing, empty, locked or broken, or the article is not in it
yet, the tag renders nothing and the article page is served as usual.
"""

from __future__ import annotations

import logging

from django import template

from articles.views.search.engine import related_article_ids
from articles.views.search.results import load_articles, page_label

register = template.Library()
log = logging.getLogger(__name__)

RELATED_LIMIT = 5


def related_items(article, limit: int = RELATED_LIMIT) -> list[dict]:
    ids = [pk for pk in related_article_ids(article.pk, limit) if pk != article.pk][:limit]
    articles = load_articles(ids)
    items = []
    for pk in ids:
        related = articles.get(pk)
        if related is None:  # deleted since it was indexed
            continue
        items.append(
            {
                "url": related.get_absolute_url(),
                "headline": related.headline or next((t for _, t in related.title_lines), "（无题）"),
                "date": related.page.issue.date,
                "date_is_estimated": related.page.issue.date_is_estimated,
                "page_label": page_label(related.page),
            }
        )
    return items


@register.inclusion_tag("search/_more_like_this.html")
def more_like_this(article, limit: int = RELATED_LIMIT):
    try:
        items = related_items(article, limit) if article is not None and article.pk else []
    except Exception:  # noqa: BLE001 — a side box must never take the article page down with it
        log.exception("More-like-this failed for article %s", getattr(article, "pk", None))
        items = []
    return {"related_items": items}
