"""The region pages in a real browser, served by gunicorn from their own data folder: the map
shows the eleven cities, a tap on a city opens its page without JavaScript, and nothing overflows
a phone screen."""

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
    """migrate + import_pages + enrich --only regions in a fresh data folder, then gunicorn."""
    data_dir = tmp_path_factory.mktemp("regions_site")
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "unionarchive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_INDEX_PATH", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["import_pages", str(ROOT / "seeds"), "-v0"],
                    ["enrich", "--only", "regions", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "unionarchive.wsgi"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/regions/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_map_fits_a_phone_and_links_each_city_without_javascript(served_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
            page = context.new_page()
            for path in ("/regions/", "/regions/hangzhou/", "/regions/deqing/", "/regions/zhejiang/"):
                assert page.goto(served_site + path).status == 200, path
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"

            page.goto(served_site + "/regions/")
            shapes = page.locator(".region-map svg path")
            assert shapes.count() == 11
            box = page.locator(".region-map svg").bounding_box()
            assert box["width"] > 300 and box["height"] > 250  # drawn, at a readable size
            # Darker shades for busier cities: 杭州 (most seed articles) is darker than 舟山 (none).
            fills = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.region-map a')]
                .map(a => [a.getAttribute('href'), a.querySelector('path').getAttribute('fill')]))""")
            assert fills["/regions/hangzhou/"] != fills["/regions/zhoushan/"]

            page.locator('.region-map a[href="/regions/huzhou/"]').click()
            page.wait_for_url("**/regions/huzhou/")
            assert page.locator("h1.region-title").inner_text() == "湖州市"
            assert page.locator(".region-article-list li").count() >= 4
        finally:
            browser.close()
