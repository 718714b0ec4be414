"""The topic and people pages in a real browser, served by gunicorn from their own data folder: they
fit a phone screen, and a reader who types an old spelling finds the person's one page."""

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
def site(tmp_path_factory):
    """migrate, import_pages and enrich the seeds into a fresh data folder; gunicorn on a free port."""
    data_dir = tmp_path_factory.mktemp("people_topics_site")
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "unionarchive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_INDEX_PATH", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["import_pages", str(ROOT / "seeds"), "-v0"], ["enrich", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=180)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "unionarchive.wsgi"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pages_fit_a_phone_and_an_old_spelling_finds_the_person(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            for path in ("/topics/", "/topics/jineng-jingsai/", "/people/", "/people/?role=mentioned"):
                response = page.goto(site + path)
                assert response.status == 200, path
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"

            page.goto(site + "/people/")
            page.fill("#people-q", "金钧胤")
            page.click(".people-search button")
            page.click("text=金钩胤")
            assert page.url.endswith("/people/jin-gouyin/")
            assert "金钧胤" in page.locator(".aliases").inner_text()
            page.click("text=法护权益 安心在嘉")  # the article printed with the other spelling
            assert "/articles/" in page.url

            response = page.goto(site + "/people/jin-junyin/")  # the old URL still leads there
            assert response.status == 200 and page.url.endswith("/people/jin-gouyin/")
        finally:
            browser.close()
