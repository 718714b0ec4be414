from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from articles.views.media import media_file
from articles.views.reading import SITEMAPS, robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Feed readers and old browsers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("", include("articles.urls")),
]
if settings.SERVE_MEDIA:  # page images; off where nginx serves MEDIA_ROOT (deploy/README.md)
    urlpatterns.insert(0, path(settings.MEDIA_URL.strip("/") + "/<path:path>", media_file, name="media"))
