"""Response middleware for an archive that shared caches may hold.

``PublicCacheMiddleware``: a page that is the same for every reader — no cookie set, no
``Vary: Cookie`` (nothing read from the session), no Cache-Control of its own — gets
``Cache-Control: public, max-age=0, s-maxage=PUBLIC_CACHE_SECONDS`` (``SEARCH_CACHE_SECONDS``
for search results, which follow the index within seconds of an edit), so a CDN or proxy can serve the
archive's most-read pages. Anything personal stays as Django made it (the admin is never cached).

``BreachSafeGZipMiddleware``: Django's GZipMiddleware, except for responses that carry a secret
an attacker could guess byte by byte through the compressed length (BREACH): a response that used
the CSRF token (its form holds it) or that depends on the session (``Vary: Cookie``: the admin,
an editor's pages). The public pages carry no secret, so they are compressed; Django's own
mitigations (a masked token per response, random bytes in the gzip header) remain as well.
Page images (PNG, JPEG…) are compressed already and pass through untouched.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import has_vary_header, patch_cache_control


def carries_secret(request, response) -> bool:
    """Did this response use the CSRF token, or read the reader's session?"""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or has_vary_header(response, "Cookie")


class BreachSafeGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if carries_secret(request, response) or _compressed_image(response):
            return response
        return super().process_response(request, response)


def _compressed_image(response) -> bool:
    kind = response.get("Content-Type", "")
    return kind.startswith("image/") and not kind.startswith("image/svg")


class PublicCacheMiddleware:
    """Place it above SessionMiddleware and CsrfViewMiddleware: it must see the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method in ("GET", "HEAD") and response.status_code == 200
                and not response.has_header("Cache-Control") and not response.cookies
                and not carries_secret(request, response)):
            searching = request.path.startswith(("/search", "/search.json"))  # results follow the index
            max_age = settings.SEARCH_CACHE_SECONDS if searching else settings.PUBLIC_CACHE_SECONDS
            # Browsers revalidate every time (an editor sees a correction at once; article pages
            # answer 304 to a matching ETag); shared caches may serve the page for ``max_age``.
            patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
        return response
