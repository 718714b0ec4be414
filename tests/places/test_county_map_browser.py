"""A city's county map in a real browser (gunicorn, Debian's chromium): visible beside the county
list at desktop and phone widths, nothing overflowing, each county a link to its page; screenshots
are written to test-artifacts/."""

import pytest

from live_site import ARTIFACTS, WIDTHS

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("device", list(WIDTHS))
def test_city_page_shows_its_counties_on_a_map(served_site, chromium, device):
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport=WIDTHS[device], locale="zh-CN", device_scale_factor=2)
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        for slug in ("hangzhou", "huzhou", "zhoushan"):
            assert page.goto(f"{served_site.base}/regions/{slug}/").status == 200
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"/regions/{slug}/ is {overflow}px wider than the {device} screen"
            svg = page.locator(".region-aside .region-map > svg")
            svg.scroll_into_view_if_needed()
            box = svg.bounding_box()
            assert box["width"] >= 240 and box["height"] >= 120, box  # drawn, at a size one can tap
            map_links = page.eval_on_selector_all(".region-aside .region-map a", "els => els.map(a => a.getAttribute('href'))")
            list_links = page.eval_on_selector_all(".region-bars a", "els => els.map(a => a.getAttribute('href'))")
            assert map_links and set(map_links) <= set(list_links)  # every shape is a county in the list
            page.screenshot(path=str(ARTIFACTS / f"county-map-{device}-{slug}.png"), full_page=False)
            svg.screenshot(path=str(ARTIFACTS / f"county-map-{device}-{slug}-map.png"))

        page.goto(f"{served_site.base}/regions/huzhou/")
        page.locator('.region-aside .region-map a[href="/regions/deqing/"]').click()
        page.wait_for_url("**/regions/deqing/")
        assert page.locator("h1.region-title").inner_text() == "德清县"
        assert not errors, errors
    finally:
        context.close()
