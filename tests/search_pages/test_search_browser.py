"""The search pages in a real browser (Debian's chromium through Playwright), served by gunicorn
(the shared served_site, with a real index and the index worker): search from the header box, narrow with a facet,
remove it with its chip, sort, and read it all on a phone without sideways scrolling."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _count(page) -> int:
    return page.locator("li.result").count()


def test_search_narrow_with_a_facet_and_remove_it_with_its_chip(served_site, chromium):
    base = served_site.base
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(base + "/")
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
        page.close()


def test_results_fit_a_phone_with_the_facets_after_the_results_and_a_jump_link_to_them(served_site, chromium):
    base = served_site.base
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        # (A 5,000-character query is tested through the Django client: in a URL it is longer than
        # gunicorn's 4,094-byte request line, which gunicorn itself answers with 414.)
        for query in ("?q=工会&year=2024", "?q=没有这样的词语xyz", "", "?q=" + "劳模" * 100):
            response = page.goto(base + "/search/" + query)
            assert response.status == 200
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{query[:20]} is {overflow}px wider than a phone"
        page.goto(base + "/search/?q=工会")
        results_top = page.locator(".search-results").bounding_box()["y"]
        facets_top = page.locator("#facets").bounding_box()["y"]
        assert facets_top > results_top
        page.get_by_role("link", name="跳到筛选条件").click()
        assert page.evaluate("location.hash") == "#facets"
    finally:
        page.close()
