"""Links to an article an editor merged away: a 301 to the article its text went to.

``follows_merges`` wraps a view that takes an article ``pk``: when the view finds no such article
(Http404) and the id was merged away (``ArticleRedirect``, chains followed), the reader is sent
on permanently to the same kind of URL of the living article; an id that never existed stays the
site's own 404. The lookup runs only on that 404 path, so an article page costs no extra query.

The target page says “您访问的文章已被编辑合并到本文” when the URL carries ``?merged_from=<old id>``
(and only if that id really leads here): the notice lives in the URL, not in a session or cookie,
so the plain article URL — the one shared caches keep — never shows it.

The 301 is cached like a public page (``max-age=0``, ``s-maxage``): browsers ask again each time,
so when an editor undoes the merge the old URL serves the original article again at once, where a
browser would otherwise keep a bare 301 for ever.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from articles.models import ArticleRedirect

from .queries import MAX_ID

MERGED_FROM = "merged_from"


def follows_merges(url_for):
    """Decorator: ``url_for(new_id, **view_kwargs)`` is the URL to send a merged-away id to."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, pk: int, **kwargs):
            try:
                return view(request, pk, **kwargs)
            except Http404:
                new_id = ArticleRedirect.objects.final_target(pk) if pk <= MAX_ID else None
                if new_id is None:
                    raise
                response = HttpResponsePermanentRedirect(url_for(new_id, old_id=pk, **kwargs))
                patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS)
                return response
        return wrapper
    return decorate


def with_merged_notice(url: str, old_id: int) -> str:
    """``url`` with the query parameter that makes the target page say where the reader came from."""
    return f"{url}?{urlencode({MERGED_FROM: old_id})}"


def merged_into(request, article) -> bool:
    """Did the reader arrive at ``article`` from an id that was merged into it?"""
    value = request.GET.get(MERGED_FROM, "")
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        return False
    return ArticleRedirect.objects.final_target(int(value)) == article.pk
