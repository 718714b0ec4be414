"""An article: title group, byline, text, place and date, neighbours on the page, citation."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import condition

from articles.models import Article, CreditRole

from . import navigation, queries
from .body import body_parts
from .citation import citation_source, gbt7714_newspaper
from .citation_formats import EXPORTS, full_title
from .moved import follows_merges, merged_into, with_merged_notice

# URL file extension → export format (articles/<pk>/cite.ris …)
EXPORT_BY_EXTENSION = {extension: name for name, (_, _, extension) in EXPORTS.items()}


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


def _merged_article_url(new_id: int, *, old_id: int, slug: str = "") -> str:
    """Where an article page of a merged-away id sends the reader: the slug URL of the article its
    text went to (no second redirect through the short URL), with the notice parameter."""
    return with_merged_notice(queries.article_with_page(new_id).get_absolute_url(), old_id)


def _merged_cite_url(new_id: int, *, old_id: int, extension: str) -> str:
    return reverse("article_cite", args=[new_id, extension])


@follows_merges(_merged_article_url)
@article_condition
def article_detail_short(request, pk: int):
    """``/articles/<pk>/``: the stable short permalink; sends readers on to the slug URL."""
    article = queries.article_with_page(pk)
    if article.slug:
        return redirect(article.get_absolute_url(), permanent=True)
    return _render_article(request, article)


@follows_merges(_merged_article_url)
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
    sequence = navigation.article_sequence(article, queries.page_siblings(article))
    flags = list(article.flags.filter(resolved_at__isnull=True).order_by("code"))
    parts = body_parts(queries.article_body_blocks(article))
    permalink = request.build_absolute_uri(reverse("article_detail_short", args=[article.pk]))
    source = citation_source(article, authors, permalink)
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
        "citation": gbt7714_newspaper(source),
        "citation_source": source,
        "citation_exports": [(name, reverse("article_cite", args=[article.pk, extension]))
                             for name, (_, _, extension) in EXPORTS.items()],
        "news_article_json_ld": _news_article_json_ld(source, article),
        "permalink": permalink,
        "merged_into": merged_into(request, article),
    }
    return render(request, "articles/article_detail.html", context)


def _news_article_json_ld(source, article) -> str:
    """schema.org NewsArticle, for search engines and reference managers that read JSON-LD.

    Escaped like Django's ``json_script`` (``<``, ``>``, ``&`` as \\u escapes) so that no title can
    close the script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": full_title(source),
        "datePublished": source.issue_date.isoformat(),
        "inLanguage": "zh-CN",
        "url": source.url,
        "author": [{"@type": "Person", "name": name} for name in source.authors],
        "isPartOf": {"@type": "PublicationIssue", "datePublished": source.issue_date.isoformat(),
                     "isPartOf": {"@type": "Periodical", "name": source.newspaper}},
        "pageStart": str(source.page_number),
    }
    if article.column_label:
        data["articleSection"] = article.column_label
    text = json.dumps(data, ensure_ascii=False)
    return text.translate({ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"})


@follows_merges(_merged_cite_url)
def article_cite(request, pk: int, extension: str):
    """``/articles/<pk>/cite.ris`` (also ``.bib``, ``.json``): the reference as a download."""
    name = EXPORT_BY_EXTENSION.get(extension)
    if name is None:
        raise Http404("没有这种引用格式")
    article = queries.article_with_page(pk)
    credits = [c for c in queries.article_credits(article) if c.role != CreditRole.MENTIONED]
    permalink = request.build_absolute_uri(reverse("article_detail_short", args=[article.pk]))
    write, content_type, _ = EXPORTS[name]
    response = HttpResponse(write(citation_source(article, credits, permalink)),
                            content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gongbao-{article.pk}.{extension}"'
    return response
