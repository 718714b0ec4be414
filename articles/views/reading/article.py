"""An article: title group, byline, text, place and date, neighbours on the page, citation."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import condition

from articles.models import Article, CreditRole

from . import queries
from .body import body_parts
from .citation import article_citation


@lru_cache(maxsize=1)
def _release() -> str:
    """settings.RELEASE, or a digest of the templates: a new release's pages get new ETags."""
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _last_change(pk: int) -> tuple | None:
    """What an article page shows changes when the article or its page does: their versions (an
    editor's correction bumps them) and times of last save."""
    if pk > queries.MAX_ID:
        return None
    return (Article.objects.filter(pk=pk)
            .values_list("version", "updated_at", "page__version", "page__updated_at").first())


def _etag(request, pk: int, slug: str = "") -> str | None:
    change = _last_change(pk)
    return hashlib.sha256(f"{pk}:{change}:{_release()}".encode()).hexdigest()[:24] if change else None


def _last_modified(request, pk: int, slug: str = ""):
    change = _last_change(pk)
    return max(change[1], change[3]) if change else None


# ETag and Last-Modified from the article's last change: a reader's cache (or a proxy) revalidates
# with a cheap query and gets "304 Not Modified" instead of the page.
article_condition = condition(etag_func=_etag, last_modified_func=_last_modified)


@article_condition
def article_detail_short(request, pk: int):
    """``/articles/<pk>/``: the stable short permalink; sends readers on to the slug URL."""
    article = queries.article_with_page(pk)
    if article.slug:
        return redirect(article.get_absolute_url(), permanent=True)
    return _render_article(request, article)


@article_condition
def article_detail(request, pk: int, slug: str):
    article = queries.article_with_page(pk)
    if slug != article.slug:  # an old or mistyped slug: the id decides, the URL is corrected
        return redirect(article.get_absolute_url(), permanent=True)
    return _render_article(request, article)


def _render_article(request, article):
    credits = queries.article_credits(article)
    authors = [c for c in credits if c.role != CreditRole.MENTIONED]
    mentioned = [c for c in credits if c.role == CreditRole.MENTIONED]
    siblings = queries.page_siblings(article)
    index = next(i for i, a in enumerate(siblings) if a.pk == article.pk)
    flags = list(article.flags.filter(resolved_at__isnull=True).order_by("code"))
    parts = body_parts(queries.article_body_blocks(article))
    context = {
        "article": article,
        "page": article.page,
        "issue": article.page.issue,
        "parts": parts,
        "lead": next((part.text for part in parts if part.kind == "paragraph"), ""),
        "byline_credits": authors,
        "mentioned": mentioned,
        "region_tags": queries.article_regions(article),
        "topic_tags": queries.article_topics(article),
        "previous_article": siblings[index - 1] if index > 0 else None,
        "next_article": siblings[index + 1] if index + 1 < len(siblings) else None,
        "open_flags": flags,
        "citation": article_citation(article, authors),
        "permalink": request.build_absolute_uri(reverse("article_detail_short", args=[article.pk])),
    }
    return render(request, "articles/article_detail.html", context)
