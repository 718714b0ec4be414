"""The reading pages in a real browser at phone width, served by gunicorn from their own data folder:
nothing overflows sideways, body paragraphs are indented two characters, and every page reads
without JavaScript."""

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
    """migrate + import_pages of the seeds into a fresh data folder, then gunicorn on a free port."""
    data_dir = tmp_path_factory.mktemp("reading_site")
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "unionarchive.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_INDEX_PATH", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["import_pages", str(ROOT / "seeds"), "-v0"]):
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
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=10)


def _reading_urls(env) -> list[str]:
    """Home, an issue, a page and the longest article, read from the served database."""
    script = (
        "import django; django.setup()\n"
        "from django.db.models import Count\n"
        "from articles.models import Article\n"
        "a = Article.objects.annotate(n=Count('blocks')).order_by('-n').select_related('page__issue').first()\n"
        "print(a.page.issue.get_absolute_url()); print(a.page.get_absolute_url()); print(a.get_absolute_url())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True, timeout=60).stdout.split()
    return ["/", "/issues/", *out]


def test_reading_pages_fit_a_phone_and_need_no_javascript(served_site):
    from playwright.sync_api import sync_playwright

    base, env = served_site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            page = phone.new_page()
            urls = _reading_urls(env)
            for path in urls:
                response = page.goto(base + path)
                assert response.status == 200, path
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
            # The article (last URL): serif body, paragraphs indented by two characters.
            indent, size = page.evaluate(
                "(() => { const p = document.querySelector('.article-body p:not(.photo-credit)');"
                " const s = getComputedStyle(p); return [parseFloat(s.textIndent), parseFloat(s.fontSize)]; })()")
            assert abs(indent - 2 * size) < 0.5
            assert page.locator("h1.headline").is_visible()

            no_js = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
            reader = no_js.new_page()
            reader.goto(base + urls[-1])
            assert reader.locator("h1.headline").inner_text().strip()
            assert reader.locator(".article-body p").count() >= 1
        finally:
            browser.close()
