"""The editors' work queue is usable on a phone (390 px): the page itself never scrolls sideways
(wide tables scroll inside their own frame) and no button is squeezed into a column of single
characters (“打开版面编辑” used to wrap after every character)."""

from __future__ import annotations

import pytest

from .axe import WIDTHS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = "test-artifacts"


def test_the_work_queue_fits_a_phone(served_site, chromium, site_pages, editor_state):
    context = chromium.new_context(viewport=WIDTHS["phone"], locale="zh-CN", storage_state=editor_state)
    try:
        page = context.new_page()
        page.goto(served_site.url(site_pages["editors"]["work queue"]))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the queue scrolls sideways by {overflow} px on a phone"
        squeezed = page.evaluate("""() => [...document.querySelectorAll('#content a.button, #content button')]
            .filter(b => b.offsetParent !== null)
            .map(b => ({text: b.textContent.trim(), lines: Math.round(b.getBoundingClientRect().height
                        / parseFloat(getComputedStyle(b).lineHeight || '16'))}))
            .filter(b => b.text.length > 2 && b.lines > 2)""")
        assert not squeezed, f"buttons wrapped into narrow columns: {squeezed}"
        page.screenshot(path=f"{ARTIFACTS}/a11y-work-queue-phone.png", full_page=True)
    finally:
        context.close()
