"""sitemap.xml (issues, pages, articles, and the places, topics and people that have articles, through
django.contrib.sitemaps) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.models import Article, CreditStatus, Issue, Page, Person, Region, Topic


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


class RegionSitemap(Sitemap):
    """Only places that some article is about: a town page with no articles is not worth a visit."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (Region.objects.filter(article_tags__rejected=False).distinct().order_by("code")
                .only("id", "slug", "code"))


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Topic.objects.order_by("position", "name").only("id", "slug")


class PersonSitemap(Sitemap):
    """People with at least one published credit (suggested ones may still be wrong)."""

    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return (Person.objects.filter(credits__status=CreditStatus.PUBLISHED).distinct().order_by("slug")
                .only("id", "slug"))


SITEMAPS = {
    "issues": IssueSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "topics": TopicSitemap,
    "people": PersonSitemap,
}

# Search result pages are endless combinations of a query and filters: not worth crawling.
ROBOTS_DISALLOW = ["/admin/", "/search/", "/search.json"]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "Allow: /", "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
