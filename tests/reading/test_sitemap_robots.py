"""sitemap.xml lists every issue, page and article; robots.txt points to it and keeps crawlers out
of the admin and of search results."""

from articles.models import Article, ArticleRegion, Credit, Issue, Page, Region, Topic


def test_sitemap_lists_issues_pages_and_articles(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # a count and a page of items per section, never per URL
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    for obj in [*Issue.objects.all(), *Page.objects.select_related("issue"), *Article.objects.all()]:
        assert f"<loc>http://testserver{obj.get_absolute_url()}</loc>" in xml
    assert "<lastmod>" in xml
    tagged = ArticleRegion.objects.filter(rejected=False).select_related("region").first()
    if tagged is not None:
        assert f"<loc>http://testserver{tagged.region.get_absolute_url()}</loc>" in xml
    untagged = Region.objects.filter(article_tags__isnull=True).first()
    assert untagged is None or f"<loc>http://testserver{untagged.get_absolute_url()}</loc>" not in xml
    for topic in Topic.objects.all():
        assert f"<loc>http://testserver{topic.get_absolute_url()}</loc>" in xml
    published = Credit.objects.filter(status="published").select_related("person").first()
    assert published is not None
    assert f"<loc>http://testserver{published.person.get_absolute_url()}</loc>" in xml


def test_robots_allows_all_but_admin_and_search(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # everything else may be crawled
