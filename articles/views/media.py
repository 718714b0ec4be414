"""Page images from MEDIA_ROOT, when Django serves them (``SERVE_MEDIA``, on by default).

Files are named by their sha256 (articles/ingest/page_images.py) and never change in place, so
browsers and caches may keep them for a year. A missing file is a 404 and a path outside
MEDIA_ROOT a 400 (django.views.static.serve checks both), never a 500. In production the web
server in front serves MEDIA_ROOT itself (deploy/README.md) and this view is not routed.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

YEAR = 365 * 24 * 3600


def media_file(request, path: str):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response
