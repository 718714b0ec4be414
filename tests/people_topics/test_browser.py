"""The topic and people pages in a real browser, served by gunicorn (the shared served_site): they
fit a phone screen, and a reader who types an old spelling finds the person's one page."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_pages_fit_a_phone_and_an_old_spelling_finds_the_person(served_site, chromium):
    site = served_site.base
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
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
        context.close()
