"""Fetch the home page, an issue page and an article page of a served site and check them.

The expected headline is read from the database the server uses, so this checks what a reader sees
against what was imported, not against a hard-coded string.
"""

import os
import sys
import urllib.request

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")
sys.path.insert(0, os.getcwd())
django.setup()

from articles.models import Article  # noqa: E402


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200:
            raise SystemExit(f"FAIL {url}: HTTP {response.status}")
        return response.read().decode("utf-8")


def main(base: str) -> None:
    article = Article.objects.select_related("page__issue").filter(headline__contains="德清").first()
    if article is None:
        raise SystemExit("FAIL: no seed article about 德清 was imported")
    checks = [
        (base + "/", "工报档案"),
        (base + article.page.issue.get_absolute_url(), article.headline),
        (base + article.get_absolute_url(), article.headline),
    ]
    for url, expected in checks:
        body = fetch(url)
        if expected not in body:
            raise SystemExit(f"FAIL {url}: {expected!r} not on the page")
        print(f"ok 200 {url} shows {expected!r}")


if __name__ == "__main__":
    main(sys.argv[1])
