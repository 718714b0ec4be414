"""The search pages in a real browser (Debian's chromium through Playwright), served by gunicorn
from their own data folder with a real index: search from the header box, narrow with a facet,
remove it with its chip, sort, and read it all on a phone without sideways scrolling."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """migrate, import_pages, enrich and build_index into a fresh data folder, then gunicorn."""
    data_dir = tmp_path_factory.mktemp("search_site")
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "unionarchive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_INDEX_PATH", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["import_pages", str(ROOT / "seeds"), "-v0"],
                    ["enrich", "-v0"], ["build_index", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "unionarchive.wsgi"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/opensearch.xml", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _count(page) -> int:
    return page.locator("li.result").count()


def test_search_narrow_with_a_facet_and_remove_it_with_its_chip(served_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(served_site + "/")
            page.fill("#site-q", "劳模工匠")
            page.press("#site-q", "Enter")
            page.wait_for_url("**/search/?q=*")
            assert page.locator("h1.search-title").inner_text().endswith("劳模工匠")
            found = _count(page)
            assert found > 1
            assert page.locator(".result-snippets mark", has_text="劳模工匠").count() >= found

            # Narrow with the first city of the sidebar: a chip appears and fewer results remain.
            city = page.locator(".facet-city > ul > li > a").first
            city_name = city.locator(".facet-label").inner_text().strip()
            city.click()
            page.wait_for_selector(".chip")
            assert city_name in page.locator(".chips").inner_text()
            assert _count(page) < found
            assert all(city_name in text for text in page.locator(".result-cities").all_inner_texts())

            # Sort by date: the dates shown go down.
            page.get_by_role("link", name="最新").click()
            page.wait_for_url("**sort=newest*")
            dates = page.locator(".result-meta time").evaluate_all("els => els.map(e => e.dateTime)")
            assert dates == sorted(dates, reverse=True)

            # The chip removes the filter and keeps the query and the sort.
            page.locator(".chip").first.click()
            page.wait_for_load_state()
            assert page.locator(".chip").count() == 0
            assert _count(page) == found
            assert "sort=newest" in page.url and "q=" in page.url
        finally:
            browser.close()


def test_results_fit_a_phone_with_the_facets_after_the_results(served_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            # (A 5,000-character query is tested through the Django client: in a URL it is longer than
            # gunicorn's 4,094-byte request line, which gunicorn itself answers with 414.)
            for query in ("?q=工会&year=2024", "?q=没有这样的词语xyz", "", "?q=" + "劳模" * 100):
                response = page.goto(served_site + "/search/" + query)
                assert response.status == 200
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{query[:20]} is {overflow}px wider than a phone"
            page.goto(served_site + "/search/?q=工会")
            results_top = page.locator(".search-results").bounding_box()["y"]
            facets_top = page.locator("#facets").bounding_box()["y"]
            assert facets_top > results_top
            page.get_by_role("link", name="筛选结果 ↓").click()
            assert page.evaluate("location.hash") == "#facets"
        finally:
            browser.close()
