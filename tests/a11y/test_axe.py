"""axe-core finds nothing serious or critical on any page a reader or an editor sees, at a desktop
width (1280 px) and a phone width (390 px), in the light and the dark colour scheme (the browser
emulates ``prefers-color-scheme: dark``; the site's dark palette and the admin's dark theme follow).
Screenshots of every page in the dark scheme are written to test-artifacts/ for a person to look at.

Every public page kind (home, year, month, issue, page, article, search with results, with filters and empty,
regions and a city, topics and a topic, people and a person, the 404 page) and every editors' page
(queue, page editor, page and article history, tags, admin index, lists, change form) is audited
on the shared served site. Moderate and minor findings are printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import pytest

from live_site import ROOT

from .axe import SCHEMES, WIDTHS, audit, report

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = ROOT / "test-artifacts"


def _audit_all(chromium, served_site, paths: dict[str, str], width: str, scheme: str, storage_state=None):
    context = chromium.new_context(viewport=WIDTHS[width], locale="zh-CN", color_scheme=scheme,
                                   storage_state=storage_state)
    findings = []
    try:
        page = context.new_page()
        for kind, path in paths.items():
            response = page.goto(served_site.url(path))
            expected = 404 if kind == "404" else 200
            assert response.status == expected, f"{kind} {path} answered {response.status}"
            assert "/admin/login/" not in page.url, f"{kind} {path} asked the editor to sign in"
            findings += audit(page, f"{width} {scheme} {kind} {path}")
            if scheme == "dark":
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"dark-{width}-{kind.replace(' ', '-')}.png"))
    finally:
        context.close()
    return findings


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_serious_axe_findings(served_site, chromium, site_pages, width, scheme):
    blocking = report(_audit_all(chromium, served_site, site_pages["public"], width, scheme))
    assert not blocking, "\n".join(map(str, blocking))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_editors_pages_have_no_serious_axe_findings(served_site, chromium, site_pages, editor_state, width, scheme):
    blocking = report(_audit_all(chromium, served_site, site_pages["editors"], width, scheme, editor_state))
    assert not blocking, "\n".join(map(str, blocking))


def test_the_audit_fails_on_what_the_accessibility_review_found(chromium):
    """The harness itself: a page with the review's findings (red on near-black, links inside an
    svg[role=img], an aria-label on a plain div) gives blocking findings for each."""
    page = chromium.new_page()
    try:
        page.set_content("""<!doctype html><html lang="zh-CN"><head><title>反例</title></head><body><main>
          <h1>反例</h1>
          <p style="background:#1f1f1f;color:#b3261e">跳到正文</p>
          <svg role="img" aria-label="地图"><a href="/regions/hangzhou/"><text x="5" y="15">杭州 8</text></a></svg>
          <div aria-label="源文本"><div>L1 文字</div></div>
        </main></body></html>""")
        blocking = report(audit(page, "counter-example"))
    finally:
        page.close()
    assert {f.rule for f in blocking} >= {"color-contrast", "nested-interactive", "aria-prohibited-attr"}
