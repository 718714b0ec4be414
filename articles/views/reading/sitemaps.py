"""sitemap.xml (issues, pages, articles through django.contrib.sitemaps) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.models import Article, Issue, Page


class IssueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Issue.objects.order_by("date", "pk").only("id", "date")


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        # get_absolute_url reads the issue's date: load it with the page (no query per URL).
        return Page.objects.select_related("issue").order_by("issue__date", "number").only(
            "id", "number", "updated_at", "issue__date")

    def lastmod(self, page):
        return page.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.order_by("pk").only("id", "slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"issues": IssueSitemap, "pages": PageSitemap, "articles": ArticleSitemap}

# Search result pages are endless combinations of a query and filters: not worth crawling.
ROBOTS_DISALLOW = ["/admin/", "/search/", "/search.json"]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "Allow: /", "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
