"""“相关文章” on the article page: related articles from the index, never the article itself,
and nothing at all (but the page still served) when the index cannot answer."""

import re

import pytest
from django.template import Context, Template

from articles.models import Article

from .conftest import point_index_at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def related_links(html: str) -> list[str]:
    section = re.search(r'<section class="related".*?</section>', html, re.S)
    return re.findall(r'<li><a href="([^"]+)"', section.group(0)) if section else []


def render_tag(article) -> str:
    return Template("{% load search_tags %}{% more_like_this article %}").render(Context({"article": article}))


def test_article_page_shows_related_articles_but_never_itself(client):
    for article in Article.objects.filter(headline__contains="劳模工匠")[:3]:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        links = related_links(response.content.decode())
        assert 1 <= len(links) <= 5
        assert article.get_absolute_url() not in links
        assert len(set(links)) == len(links)
        for link in links:
            other = Article.objects.get(pk=int(link.split("/")[2]))
            assert other.get_absolute_url() == link


def test_related_articles_share_the_subject(client):
    article = Article.objects.get(headline__contains="工资集体协商") if Article.objects.filter(
        headline__contains="工资集体协商").count() == 1 else Article.objects.filter(headline__contains="劳模工匠").first()
    html = render_tag(article)
    headlines = re.findall(r'<li><a href="[^"]+">(.*?)</a>', html)
    assert headlines, "some related article"
    assert article.headline not in headlines


def test_tag_renders_nothing_for_an_article_not_in_the_index(db):
    assert render_tag(Article(pk=999_999, headline="未入库")).strip() == ""


@pytest.mark.parametrize("search_engine", ["whoosh"], indirect=True)  # about the Whoosh index folder
@pytest.mark.parametrize("broken", ["empty folder", "a file instead of a folder"])
def test_article_page_works_without_a_usable_index(client, search_index, tmp_path, broken):
    article = Article.objects.first()
    path = tmp_path / "index"
    if broken == "a file instead of a folder":
        path.write_text("not an index")
    else:
        path.mkdir()
    point_index_at(path)
    try:
        response = client.get(article.get_absolute_url())
    finally:
        point_index_at(search_index)
    assert response.status_code == 200
    assert related_links(response.content.decode()) == []
    assert article.headline in response.content.decode()
