"""Fuzzed requests to every public view and parameter, in-process (Django's test client, seeded,
bounded): never a 500, every feed and XML document well-formed, every JSON answer parseable,
and nothing a request sent is echoed into HTML unescaped."""

import json
import random
import xml.dom.minidom
from urllib.parse import quote

import pytest
from django.test import Client

from articles.models import Article, Issue, Page, Person, Region, Topic

pytestmark = pytest.mark.django_db
REQUESTS = 700
SEED = 20261130

# Markers that must never come back raw in HTML (autoescaping turns < > " ' into entities).
INJECTIONS = ['<script>fz()</script>', '"><b>fz</b>', "' onmouseover=fz '", "</textarea><b>fz</b>"]
RAW_MARKERS = ("<script>fz", "<b>fz</b>", "' onmouseover=fz")
# Percent-encoded pieces, some of them not UTF-8 at all (a lone surrogate, a stray byte).
RAW_PIECES = ["%EF%BF%BE", "%EF%BF%BF", "%EF%B7%90", "%00", "%01", "%1B", "%0B", "%ED%A0%80", "%FF", "%C3",
              "%E2%80%8B", "%F0%9F%BF%BE", "%25", "%26", "%3D", "+", "%2F..%2F"]
WORDS = ["工会", "劳模", "湖州", "宁波市", "工资集体协商", "快递小哥", '"劳模工匠"', "-工会", "OR", "AND",
         "city:湖州", "*", "?", "(", ")", "~", "^2", "\\", "2024", "-1", "0", "99999999999999999999", ""]


def fuzz_value(rng: random.Random) -> str:
    """A percent-encoded value: words, injections and raw bytes, sometimes very long."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.4:
            parts.append(quote(rng.choice(WORDS)))
        elif kind < 0.6:
            parts.append(quote(rng.choice(INJECTIONS)))
        elif kind < 0.9:
            parts.append(rng.choice(RAW_PIECES))
        else:
            parts.append(quote(rng.choice(WORDS) or "字") * rng.randint(50, 400))
    return "".join(parts)


def endpoints():
    """(path, parameters it reads) for every public view, with real and made-up objects."""
    article = Article.objects.exclude(slug="").select_related("page__issue").first()
    issue, page = Issue.objects.first(), Page.objects.select_related("issue").first()
    y, m, d = issue.date.year, issue.date.month, issue.date.day
    search = ["q", "city", "county", "topic", "year", "person", "pagename", "sort", "page"]
    paths = [
        ("/", []), ("/issues/", []), (f"/issues/{y}/", []), (f"/issues/{y}/{m:02d}/", []),
        (f"/issues/{y}/{m:02d}/{d:02d}/", []),
        (f"/issues/{page.issue.date:%Y/%m/%d}/pages/{page.number}/", []),
        (f"/articles/{article.pk}/", []), (article.get_absolute_url(), []),
        (f"/articles/{article.pk}/report/", ["sent"]),
        ("/search/", search), ("/search/feed/", search), ("/search.json", search), ("/opensearch.xml", []),
        ("/regions/", []), ("/topics/", ["page"]), ("/people/", ["q", "role"]),
        ("/sitemap.xml", ["p"]), ("/robots.txt", []), ("/healthz", []), ("/readyz", []),
    ]
    for model, prefix in ((Region, "/regions/"), (Topic, "/topics/"), (Person, "/people/")):
        obj = model.objects.exclude(slug="").first()
        if obj:
            paths.append((f"{prefix}{obj.slug}/", ["page", "role", "q"]))
    return paths


def fuzzed_path(rng: random.Random) -> str:
    """Made-up objects: huge and odd ids, dates, slugs."""
    n = rng.choice(["0", "1", "99999999999999999999999", "2147483648", "9223372036854775808", "007"])
    return rng.choice([
        f"/articles/{n}/", f"/articles/{n}/{fuzz_value(rng)}/", f"/articles/{n}/report/",
        f"/issues/{n}/", f"/issues/2024/{n}/", f"/issues/2024/02/{rng.choice(['30', '31', '00', '99'])}/",
        f"/issues/1900/01/01/pages/{n}/", f"/regions/{fuzz_value(rng)}/", f"/topics/{fuzz_value(rng)}/",
        f"/people/{fuzz_value(rng)}/",
    ])


def check(response, url: str) -> None:
    assert response.status_code < 500, url
    body = response.content
    kind = response.get("Content-Type", "")
    if "xml" in kind:
        xml.dom.minidom.parseString(body)  # raises on anything not well-formed
        assert b"<script" not in body, url
    elif "json" in kind:
        json.loads(body)
        assert b"<" not in body, url  # written as \\u003c
    elif "html" in kind:
        text = body.decode()
        assert not any(marker in text for marker in RAW_MARKERS), url


def test_fuzzed_requests_never_fail_and_never_echo_raw(search_index):
    rng = random.Random(SEED)
    client = Client(HTTP_HOST="localhost")
    targets = endpoints()
    feeds = 0
    for i in range(REQUESTS):
        if rng.random() < 0.15:
            url = fuzzed_path(rng)
        else:
            path, params = rng.choice(targets)
            chosen = [rng.choice(params) for _ in range(rng.randint(0, 4))] if params else []
            if rng.random() < 0.1:
                chosen.append(fuzz_value(rng))  # a parameter no view reads
            query = "&".join(f"{name}={fuzz_value(rng)}" for name in chosen)
            url = path + ("?" + query if query else "")
        if "/report/" in url and rng.random() < 0.5:
            data = {"message": rng.choice(INJECTIONS + WORDS), "contact": rng.choice(INJECTIONS + [""]),
                    "website": rng.choice(["", "x"])}
            response = client.post(url.split("?")[0], data, REMOTE_ADDR=f"198.51.100.{i % 250}")
        else:
            response = client.get(url)
        feeds += "/feed/" in url
        check(response, url)
    assert feeds > 20  # the feed was exercised with many fuzzed parameters
