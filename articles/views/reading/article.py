"""An article: title group, byline, text, place and date, neighbours on the page, citation."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse

from articles.models import CreditRole

from . import navigation, queries
from .body import body_parts
from .citation import article_citation


def article_detail_short(request, pk: int):
    """``/articles/<pk>/``: the stable short permalink; sends readers on to the slug URL."""
    article = queries.article_with_page(pk)
    if article.slug:
        return redirect(article.get_absolute_url(), permanent=True)
    return _render_article(request, article)


def article_detail(request, pk: int, slug: str):
    article = queries.article_with_page(pk)
    if slug != article.slug:  # an old or mistyped slug: the id decides, the URL is corrected
        return redirect(article.get_absolute_url(), permanent=True)
    return _render_article(request, article)


def _render_article(request, article):
    credits = queries.article_credits(article)
    authors = [c for c in credits if c.role != CreditRole.MENTIONED]
    mentioned = [c for c in credits if c.role == CreditRole.MENTIONED]
    sequence = navigation.article_sequence(article, queries.page_siblings(article))
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
        "sequence": sequence,
        "trail": navigation.trail(article=article),
        "open_flags": flags,
        "citation": article_citation(article, authors),
        "permalink": request.build_absolute_uri(reverse("article_detail_short", args=[article.pk])),
    }
    return render(request, "articles/article_detail.html", context)
