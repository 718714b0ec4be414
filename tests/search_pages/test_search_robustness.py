"""Whatever a URL holds, /search/, its feed and its JSON answer with results or the friendly empty
state — never a server error — and nothing from the URL comes back unescaped."""

from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]

SCRIPT = "<script>alert(1)</script>"
BAD_QUERY_STRINGS = {
    "unbalanced quote": "q=" + quote('"劳模工匠'),
    "unbalanced chinese quote": "q=" + quote("“劳模"),
    "lone minus": "q=-",
    "minus only words": "q=" + quote("-劳模 -工匠"),
    "lone OR": "q=OR",
    "5000 characters": "q=" + quote("劳模工匠" * 1250),
    "control characters and NUL": "q=" + quote("劳模\x00\x01\x1b工匠\x7f"),
    "script in query": "q=" + quote(SCRIPT),
    "script in facet": "q=" + quote("劳模") + "&city=" + quote(SCRIPT) + "&topic=" + quote(SCRIPT),
    "bad facet values": "q=" + quote("劳模") + "&year=abc&year=-1&person=%00&pagename=x&county=999999",
    "negative page": "q=" + quote("劳模") + "&page=-1",
    "text page": "q=" + quote("劳模") + "&page=abc",
    "huge page": "q=" + quote("劳模") + "&page=99999999999999999999999",
    "unknown sort": "q=" + quote("劳模") + "&sort=foo",
    "script in sort and page": "q=" + quote("劳模") + "&sort=" + quote(SCRIPT) + "&page=" + quote(SCRIPT),
    "stray colons and field prefixes": "q=" + quote("title: person: date:x..y :::"),
    "parentheses and operators": "q=" + quote("(劳模 OR) AND -(工匠 \"") ,
    "nothing at all": "",
    "empty query with filters": "year=2024",
    "invalid utf-8": "q=%FF%FE%E5%8A",
    "repeated q": "q=a&q=" + quote(SCRIPT),
}

ENDPOINTS = ["search", "search_feed", "search_json"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("query_string", BAD_QUERY_STRINGS.values(), ids=BAD_QUERY_STRINGS.keys())
def test_any_input_gives_a_page_never_an_error(client, endpoint, query_string):
    response = client.get(reverse(endpoint) + "?" + query_string)
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert "<script>alert" not in body
    if endpoint == "search":
        assert 'class="search-page"' in body
        assert "\x00" not in body


def test_script_in_the_query_is_shown_escaped(client):
    body = client.get(reverse("search"), {"q": SCRIPT}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>" not in body


def test_a_huge_page_number_shows_the_last_page(client):
    response = client.get(reverse("search"), {"q": "工会", "page": "99999"})
    assert response.status_code == 200
    pagination = response.context["pagination"]
    assert pagination.page == pagination.num_pages
    assert response.context["items"], "the last page has results"


def test_json_escapes_html_sensitive_characters(client):
    body = client.get(reverse("search_json"), {"q": SCRIPT, "city": SCRIPT}).content.decode()
    assert "<" not in body and ">" not in body
    assert "\\u003cscript\\u003e" in body


@pytest.mark.parametrize("endpoint", ["search", "search_json", "opensearch"])
def test_only_get_and_head_are_accepted(client, endpoint):
    assert client.head(reverse(endpoint), {"q": "劳模"}).status_code == 200
    assert client.post(reverse(endpoint), {"q": "劳模"}).status_code == 405
