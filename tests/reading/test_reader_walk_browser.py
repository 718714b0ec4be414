"""A reader walks through the paper in a real browser, as in print: home → year → month → issue →
page → article → next article (→ key) → back to the page → next page (→ key) → the issue →
previous issue (← key), at desktop and phone widths, with no sideways overflow and no console
errors. Screenshots of every step are written to test-artifacts/ for a person to look at."""

from __future__ import annotations

import pytest

from live_site import ARTIFACTS, WIDTHS

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("device", list(WIDTHS))
def test_reader_walks_the_paper_as_in_print(served_site, chromium, device):
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport=WIDTHS[device], device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    steps: list[str] = []

    def arrive(name: str) -> None:
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow}px wider than the {device} screen"
        page.screenshot(path=str(ARTIFACTS / f"reader-walk-{device}-{len(steps):02d}-{name}.png"), full_page=False)
        steps.append(name)

    def rel(kind: str) -> str | None:
        link = page.locator(f'link[rel="{kind}"]')
        return link.first.get_attribute("href") if link.count() else None

    try:
        page.goto(served_site.base + "/")
        arrive("home")
        page.locator('a[href="/issues/"]').first.click()
        arrive("dates")
        page.locator('main a[href^="/issues/"]').first.click()  # the newest year
        arrive("year")
        page.locator(".year-month:not(.no-issues) caption a").first.click()
        arrive("month")
        page.locator(".issue-list a").first.click()
        arrive("issue")
        issue_url = page.url
        page.locator(".issue-page h2 a").first.click()
        arrive("page")
        page_url = page.url
        page.locator(".page-articles h2 a").first.click()
        arrive("article")
        next_article = rel("next")
        assert next_article, "the first article of a page has a next one"
        page.keyboard.press("ArrowRight")
        page.wait_for_url(served_site.base + next_article)
        arrive("next-article")
        page.locator("a.pager-up").click()  # 返回本版
        page.wait_for_url(page_url)
        arrive("back-to-page")
        next_page = rel("next")
        if next_page:  # the newest issue's last page has none
            page.keyboard.press("ArrowRight")
            page.wait_for_url(served_site.base + next_page)
            arrive("next-page")
        page.goto(issue_url)
        previous_issue = rel("prev")
        assert previous_issue, "the walk starts from the newest month, which has an earlier issue"
        page.keyboard.press("ArrowLeft")
        page.wait_for_url(served_site.base + previous_issue)
        arrive("previous-issue")
        # Typing in the search box must not turn pages.
        page.locator("#site-q").fill("")
        page.locator("#site-q").press("ArrowLeft")
        assert page.url == served_site.base + previous_issue
    finally:
        context.close()
    assert not errors, errors
    assert len(steps) >= 9, steps
