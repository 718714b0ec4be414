"""Stable permalinks: the short URL and old slugs lead to the article; missing things are a friendly 404."""

import pytest

from articles.models import Article


def test_short_url_redirects_permanently_to_the_slug_url(client, sample_article):
    response = client.get(f"/articles/{sample_article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/articles/{sample_article.pk}/ce-shi-zhu-ti/"


@pytest.mark.parametrize("slug", ["old-slug", "职工书屋", "%E8%81%8C%E5%B7%A5"])
def test_wrong_slug_redirects_permanently(client, sample_article, slug):
    response = client.get(f"/articles/{sample_article.pk}/{slug}/")
    assert response.status_code == 301
    assert response["Location"] == sample_article.get_absolute_url()


def test_article_without_slug_is_served_at_the_short_url(client, sample_article):
    Article.objects.filter(pk=sample_article.pk).update(slug="")
    assert client.get(f"/articles/{sample_article.pk}/").status_code == 200
    response = client.get(f"/articles/{sample_article.pk}/anything/")
    assert response.status_code == 301 and response["Location"] == f"/articles/{sample_article.pk}/"


@pytest.mark.parametrize("path", ["/articles/999999/", "/articles/999999/some-slug/",
                                  "/articles/99999999999999999999999999/"])
def test_missing_article_is_a_friendly_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到这一页" in html and 'href="/issues/"' in html


def test_500_template_needs_no_context():
    from django.template.loader import get_template
    html = get_template("500.html").render()
    assert "服务器出错了" in html and 'lang="zh-CN"' in html
