"""The region pages in a real browser, served by gunicorn (the shared served_site): the map
shows the eleven cities, a tap on a city opens its page without JavaScript, and nothing overflows
a phone screen."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_map_fits_a_phone_and_links_each_city_without_javascript(served_site, chromium):
    base = served_site.base
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        for path in ("/regions/", "/regions/hangzhou/", "/regions/deqing/", "/regions/zhejiang/"):
            assert page.goto(base + path).status == 200, path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"

        page.goto(base + "/regions/")
        shapes = page.locator(".region-map > svg path")
        assert shapes.count() == 11
        box = page.locator(".region-map > svg").bounding_box()
        assert box["width"] > 300 and box["height"] > 250  # drawn, at a readable size
        # Darker shades for busier cities: 杭州 (most seed articles) is darker than 舟山 (none).
        fills = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.region-map a')]
            .map(a => [a.getAttribute('href'), getComputedStyle(a.querySelector('path')).fill]))""")
        assert fills["/regions/hangzhou/"] != fills["/regions/zhoushan/"]

        page.locator('.region-map a[href="/regions/huzhou/"]').click()
        page.wait_for_url("**/regions/huzhou/")
        assert page.locator("h1.region-title").inner_text() == "湖州市"
        assert page.locator(".region-article-list li").count() >= 4
    finally:
        context.close()
