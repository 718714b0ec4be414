"""A page image supplied with the import (the manifest's ``image`` column) shows beside the page's
text in the reader's page view and in the editors' page editor: zoom with + − 0 and the buttons,
pan with the arrow keys and by dragging, no sideways overflow on a phone, no console errors (the
CSP reports any inline style or script as one). Without JavaScript it is a plain image with a link
to the full file; a file lost from MEDIA_ROOT leaves the text alone, never a 500."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from a11y.axe import SCHEMES, audit, report
from live_site import ROOT, serve_seeded_site
from page_image_fixture import draw_page_image

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = ROOT / "test-artifacts"
SEED = "000_b5643cc4bf363cac.txt"
EDITOR, PASSWORD = "image-editor", "image-editor-pass"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seeds, then seed 000 imported again with a page image in its manifest row (the text is
    unchanged, so only the image is attached)."""
    folder = tmp_path_factory.mktemp("with_image")
    shutil.copy(ROOT / "seeds" / SEED, folder / SEED)
    draw_page_image(folder / "scans" / "p000.png", size=(1200, 1800))
    (folder / "manifest.csv").write_text("file,newspaper,date,page,page_name,image\n"
                                         f"{SEED},浙江工人日报,,,,scans/p000.png\n", encoding="utf-8")
    with serve_seeded_site(tmp_path_factory.mktemp("site"),
                           extra_commands=(["import_pages", str(folder), "-v0"],
                                           ["create_editor", EDITOR, "--password", PASSWORD])) as served:
        found = served.python(
            "import json\nfrom articles.models import Page\n"
            f"p = Page.objects.get(source_name='{SEED}')\n"
            "print(json.dumps({'page': p.get_absolute_url(), 'pk': p.pk, 'image': p.image.url}))")
        served.found = json.loads(found.strip().splitlines()[-1])
        yield served


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def scale(page) -> str:
    return page.locator(".page-image-scale").inner_text()


def image_width(page) -> float:
    return page.locator(".page-image-viewport img").bounding_box()["width"]


def scroll_position(page) -> list[float]:
    return page.evaluate("(v => [v.scrollLeft, v.scrollTop])(document.querySelector('.page-image-viewport'))")


def check_zoom(page) -> None:
    """+ − 0 on the focused image, the buttons, arrow keys and dragging pan without leaving the page."""
    url = page.url
    viewport = page.locator(".page-image-viewport")
    assert viewport.get_attribute("tabindex") == "0" and viewport.get_attribute("aria-label")
    assert page.evaluate("document.querySelector('.page-image-viewport img').naturalWidth") == 1200
    fit = image_width(page)
    assert scale(page) == "100%" and page.get_by_role("button", name="缩小").is_disabled()

    viewport.focus()
    page.keyboard.press("+")
    assert scale(page) == "150%" and image_width(page) == pytest.approx(fit * 1.5, abs=2)
    page.keyboard.press("+")
    assert scale(page) == "225%"
    page.get_by_role("button", name="缩小").click()
    assert scale(page) == "150%"
    page.get_by_role("button", name="放大").click()
    assert scale(page) == "225%"

    viewport.focus()
    before = scroll_position(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    after = scroll_position(page)
    assert after[0] > before[0] and after[1] > before[1], (before, after)
    assert page.url == url, "an arrow key on the image went to another page"

    box = viewport.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 80, box["y"] + box["height"] / 2 - 60, steps=4)
    page.mouse.up()
    dragged = scroll_position(page)
    assert dragged[0] > after[0] and dragged[1] > after[1], (after, dragged)

    viewport.focus()
    page.keyboard.press("-")
    assert scale(page) == "150%"
    page.keyboard.press("0")
    assert scale(page) == "100%" and image_width(page) == pytest.approx(fit, abs=2)


@pytest.mark.parametrize("device", list(WIDTHS))
def test_reader_zooms_the_page_image(site, chromium, device):
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport=WIDTHS[device], locale="zh-CN")
    page = context.new_page()
    errors = watch_errors(page)
    try:
        assert page.goto(site.url(site.found["page"])).status == 200
        figure = page.locator("figure.page-image")
        assert figure.is_visible() and page.locator(".page-text .article-summary").count() > 0
        if device == "desktop":  # beside the text: side by side, not stacked
            image_box, text_box = figure.bounding_box(), page.locator(".page-text").bounding_box()
            assert image_box["x"] + image_box["width"] <= text_box["x"] and image_box["y"] < text_box["y"] + 50
        page.screenshot(path=str(ARTIFACTS / f"page-image-{device}.png"))
        check_zoom(page)
        page.keyboard.press("+")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{overflow}px wider than the {device} screen"
        page.screenshot(path=str(ARTIFACTS / f"page-image-{device}-zoomed.png"))
    finally:
        context.close()
    assert not errors, errors


def test_without_javascript_the_image_links_to_the_full_file(site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site.url(site.found["page"]))
        assert page.locator(".page-image-tools").is_hidden()
        link = page.get_by_role("link", name="查看原图")
        assert link.get_attribute("href") == site.found["image"]
        response = page.request.get(site.url(site.found["image"]))
        assert response.status == 200 and response.headers["content-type"] == "image/png"
        assert "immutable" in response.headers["cache-control"]
        assert "content-encoding" not in response.headers  # a PNG is not compressed again
    finally:
        context.close()


def test_editor_sees_and_zooms_the_page_image(site, chromium):
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="zh-CN")
    page = context.new_page()
    errors = watch_errors(page)
    try:
        page.goto(site.url("/admin/login/"))
        page.fill("#id_username", EDITOR)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click('input[type="submit"]')
        page.goto(site.url(f"/admin/articles/page/{site.found['pk']}/edit/"))
        figure = page.locator("figure.page-image")
        assert figure.is_visible()
        blocks = page.locator("#editor-articles").bounding_box()
        assert figure.bounding_box()["x"] >= blocks["x"] + blocks["width"]  # beside the blocks
        page.screenshot(path=str(ARTIFACTS / "page-image-editor.png"))
        check_zoom(page)
        # The editor's own keys still work outside the image: j focuses a block.
        page.locator("h1").first.click()
        page.keyboard.press("j")
        assert page.evaluate("document.activeElement.classList.contains('editor-block')")
    finally:
        context.close()
    assert not errors, errors


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_viewer_has_no_serious_axe_findings(site, chromium, scheme):
    """In both colour schemes, at both widths, zoomed in (the toolbar's state changed)."""
    findings = []
    for device, viewport in WIDTHS.items():
        context = chromium.new_context(viewport=viewport, locale="zh-CN", color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(site.url(site.found["page"]))
            page.get_by_role("button", name="放大").click()
            findings += audit(page, f"{device} {scheme} page with image")
            page.screenshot(path=str(ARTIFACTS / f"page-image-{device}-{scheme}.png"))
        finally:
            context.close()
    blocking = report(findings)
    assert not blocking, "\n".join(map(str, blocking))


def test_a_lost_image_file_leaves_the_text_and_a_404(site, chromium):
    """Run last (file order): removes the stored file from this module's site."""
    stored = site.data_dir / "media" / site.found["image"].removeprefix("/media/")
    assert stored.is_file()
    stored.unlink()
    page = chromium.new_page()
    try:
        assert page.goto(site.url(site.found["page"])).status == 200
        assert page.locator("figure.page-image").count() == 0
        assert page.locator(".article-summary").count() > 0
        assert page.request.get(site.url(site.found["image"])).status == 404
        assert page.request.get(site.url("/media/../manage.py")).status in (400, 404)
    finally:
        page.close()
