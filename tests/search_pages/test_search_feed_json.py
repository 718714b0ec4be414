"""The Atom feed and the JSON of a search, and the OpenSearch description."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def test_atom_feed_lists_the_newest_matching_articles(client):
    response = client.get(reverse("search_feed"), {"q": "劳模工匠"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert "劳模工匠" in feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text and feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    total = client.get(reverse("search_json"), {"q": "劳模工匠"}).json()["total"]
    assert len(entries) == min(total, 20) > 0
    published = [entry.find(f"{ATOM}published").text for entry in entries]
    assert published == sorted(published, reverse=True)
    first = entries[0]
    link = first.find(f"{ATOM}link").get("href")
    article_id = int(link.split("/articles/")[1].split("/")[0])
    assert Article.objects.get(pk=article_id).headline in first.find(f"{ATOM}title").text
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "html" and "<mark>" in summary.text  # HTML, escaped into the XML


def test_feed_of_a_search_with_filters_says_so_in_its_title(client):
    response = client.get(reverse("search_feed"), {"q": "工会", "year": "2022"})
    feed = ET.fromstring(response.content)
    assert "年份：2022" in feed.find(f"{ATOM}title").text
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}published").text.startswith("2022-")


def test_json_has_results_with_snippets_and_facets(client):
    response = client.get(reverse("search_json"), {"q": "快递小哥"})
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["query"] == "快递小哥" and data["page"] == 1
    assert data["total"] == len(data["results"]) > 0
    result = data["results"][0]
    article = Article.objects.select_related("page__issue").get(pk=result["id"])
    assert result["url"] == "http://testserver" + article.get_absolute_url()
    assert result["headline"] == article.headline
    assert [line["text"] for line in result["title_lines"]] == [text for _, text in article.title_lines]
    assert result["date"] == article.page.issue.date.isoformat()
    assert result["page"]["number"] == article.page.number
    assert any("<mark>快递小哥</mark>" in html for html in result["snippet"]["html"])
    assert any("快递小哥" in text and "<" not in text for text in result["snippet"]["text"])
    assert {"city", "county", "topic", "year", "person"} <= set(data["facets"])
    assert all({"value", "label", "count"} == set(row) for row in data["facets"]["city"])


def test_json_pages_link_to_each_other(client):
    data = client.get(reverse("search_json"), {"q": "工会", "page": "2"}).json()
    assert data["page"] == 2 and data["links"]["previous"].endswith("/search.json?q=%E5%B7%A5%E4%BC%9A")
    assert data["links"]["html"].endswith("/search/?q=%E5%B7%A5%E4%BC%9A&page=2")


def test_opensearch_description_is_valid_and_points_at_the_search(client):
    response = client.get(reverse("opensearch"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    description = ET.fromstring(response.content)
    assert description.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert len(description.find(f"{OPENSEARCH}ShortName").text) <= 16
    urls = {url.get("type"): url.get("template") for url in description.findall(f"{OPENSEARCH}Url")}
    assert urls["text/html"].startswith("http://testserver/search/?q={searchTerms}")
    assert urls["application/atom+xml"] == "http://testserver/search/feed/?q={searchTerms}"
    assert urls["application/json"].startswith("http://testserver/search.json?q={searchTerms}")
    html = urls["text/html"].replace("{searchTerms}", "劳模工匠").replace("{startPage?}", "1")
    assert client.get(html).context["total"] > 0


def test_every_page_links_the_opensearch_description(client):
    body = client.get(reverse("search")).content.decode()
    assert 'rel="search" type="application/opensearchdescription+xml"' in body
    assert reverse("opensearch") == "/opensearch.xml"


def test_feed_and_json_without_a_query_list_the_newest_articles(client):
    feed = ET.fromstring(client.get(reverse("search_feed")).content)
    published = [entry.find(f"{ATOM}published").text for entry in feed.findall(f"{ATOM}entry")]
    assert len(published) == min(Article.objects.count(), 20)
    assert published == sorted(published, reverse=True)
    data = client.get(reverse("search_json")).json()
    assert data["total"] == Article.objects.count()
