"""The site from the keyboard alone, in a real browser on the shared served site.

- Search page (desktop): Tab reaches the skip link, which is readable when focused; it leads to the
  search box, and from there the jump link reaches the first facet within 10 Tab stops in all.
- Every Tab stop of the public pages shows its focus by an outline or ring (or, on the map, a
  thicker border), never by a colour change alone.
- Page editor: a block's action is reached and pressed with the keyboard, undone the same way,
  and Shift+Tab never leaves a focused control under the sticky "gather" bar.

Screenshots (git-ignored, test-artifacts/): the focused skip link, the search page's focus order
(numbered badges), and the editor's palette (kind badges, flags, a hidden block).
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request

import pytest

from .axe import WIDTHS
from .keyboard import assert_focus_shows, badge, focused, screenshot, tab

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MAX_TABS_TO_FIRST_FACET = 10


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css_colour)[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="zh-CN")
    yield context.new_page()
    context.close()


def test_skip_link_then_search_box_then_first_facet_within_ten_tabs(served_site, desktop, site_pages):
    page = desktop
    page.goto(served_site.url(site_pages["public"]["search results"]))

    stop, tabs = tab(page), 1
    assert "skip-link" in stop["name"], stop
    assert_focus_shows(stop)
    colours = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.color, s.backgroundColor]; }")
    assert contrast(*colours) >= 4.5, f"the focused skip link is {colours}"
    screenshot(page, "a11y-skip-link-focused.png")
    page.keyboard.press("Enter")  # to <main>

    stop, tabs = tab(page), tabs + 1
    assert stop["name"].startswith("input#search-q"), stop
    badge(page, tabs)
    while tabs < MAX_TABS_TO_FIRST_FACET:
        stop, tabs = tab(page), tabs + 1
        assert_focus_shows(stop)
        badge(page, tabs)
        if page.evaluate("() => !!document.activeElement.closest('#facets')"):
            break
        if "to-facets" in stop["name"]:
            assert stop["width"] > 0 and stop["height"] > 0, "the jump link to the facets is hidden"
            page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.matches('#facets .facet a')"), (
        f"no facet within {MAX_TABS_TO_FIRST_FACET} Tab stops; focus is on {focused(page)}")
    print(f"first facet at Tab stop {tabs}: {stop['text']}")
    page.evaluate("() => window.scrollTo(0, 0)")  # the badges from the skip link on
    screenshot(page, "a11y-search-focus-order.png")


def test_estimated_dates_are_explained_in_visible_text(served_site, desktop, site_pages):
    page = desktop
    page.goto(served_site.url(site_pages["public"]["search results"]))
    if page.locator(".results .estimated").count():
        assert page.locator(".estimated-note").is_visible()
        assert "推断" in page.locator(".estimated-note").inner_text()
    # No link in the results' meta line: one link per result.
    assert page.locator(".result").count() == page.locator(".result a").count()


def test_region_map_links_are_named_by_their_text_and_show_focus_by_a_border(served_site, desktop, site_pages):
    page = desktop
    page.goto(served_site.url(site_pages["public"]["regions"]))
    for _ in range(40):
        tab(page)
        if page.evaluate("() => !!document.activeElement.closest('.region-map')"):
            break
    link = page.evaluate("""() => { const a = document.activeElement;
        return {text: a.textContent.replace(/\\s+/g, " ").trim(), label: a.getAttribute("aria-label"),
                stroke: parseFloat(getComputedStyle(a.querySelector("path")).strokeWidth)}; }""")
    assert link["label"] is None and re.fullmatch(r"\S+ \d+ 篇", link["text"]), link
    unfocused = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.region-map a:not(:focus) path')).strokeWidth)")
    assert link["stroke"] >= 3 * unfocused, f"focused city border {link['stroke']} vs {unfocused}"
    screenshot(page, "a11y-region-map-focus.png")


@pytest.mark.parametrize("kind", ["home", "search results", "regions", "city", "article", "people", "month"])
def test_every_tab_stop_shows_focus_by_shape(served_site, desktop, site_pages, kind):
    page = desktop
    page.goto(served_site.url(site_pages["public"][kind]))
    seen = []
    for _ in range(400):
        stop = tab(page)
        if stop is None or (seen and stop["name"] == seen[0]):
            break  # back at the start (or out of the page): every stop visited
        assert_focus_shows(stop)
        seen.append(stop["name"])
    assert len(seen) > 5
    print(f"{kind}: {len(seen)} Tab stops, each with a visible focus")


# --- the page editor ---------------------------------------------------------------------------
# The test reads the editor as an editor does (articles, blocks, their buttons) and waits for the
# result on the page, so it holds whether an action reloads the page or is answered in place.

_BLOCK_ORDER = "() => [...document.querySelectorAll('li.editor-block')].map(li => li.dataset.blockId)"
_ACTIVE_IS = "selector => !!document.activeElement && document.activeElement.matches(selector)"
_UNDO = ":is(.editor-undo-last, #editor-undo-last) :is(button, a)"


def _tab_to(page, selector: str, limit: int, *, backwards: bool = False) -> int:
    """(Shift+)Tab from where focus is until it lands on ``selector``; every stop must show its focus."""
    for stops in range(1, limit + 1):
        assert_focus_shows(tab(page, backwards=backwards))
        if page.evaluate(_ACTIVE_IS, selector):
            return stops
    raise AssertionError(f"{selector} not reached in {limit} Tab stops; focus is on {focused(page)}")


def _found_urls(served_site, phrase: str) -> list[str]:
    query = urllib.parse.urlencode({"q": f"“{phrase}”"})
    with urllib.request.urlopen(served_site.url(f"/search.json?{query}"), timeout=10) as answer:
        return [item["url"] for item in json.load(answer)["results"]]


def _wait_for_search(served_site, phrase: str, expected: list[str], seconds: float = 30) -> None:
    """The shared site is read by other tests: wait until the index worker has applied the undo
    (the phrase is found in the same articles as before the edit)."""
    deadline = time.monotonic() + seconds
    while _found_urls(served_site, phrase) != expected:
        assert time.monotonic() < deadline, "the search index did not return to its state before the edit"
        time.sleep(0.3)


def test_page_editor_block_action_and_undo_with_the_keyboard_alone(served_site, chromium, site_pages, editor_state):
    from playwright.sync_api import expect

    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="zh-CN", storage_state=editor_state)
    try:
        page = context.new_page()
        page.goto(served_site.url(site_pages["editors"]["page editor"]))
        controls = page.evaluate("""() => [...document.querySelectorAll(
            'a[href], button, input:not([type=hidden]), select, textarea, summary')]
            .filter(el => el.getClientRects().length).length""")
        print(f"page editor: {controls} focusable controls shown")
        hidden = page.locator("li.editor-block.is-hidden").first
        if hidden.count():
            hidden.evaluate("el => el.scrollIntoView({block: 'center'})")
        screenshot(page, "a11y-editor-palette.png")
        page.evaluate("() => window.scrollTo(0, 0)")

        articles = page.locator("section.editor-article")
        before_articles, before_order = articles.count(), page.evaluate(_BLOCK_ORDER)
        # One Tab stop for the list of blocks: Tab to it, an arrow to the second block (the first
        # cannot be split off), Tab into that block's buttons.
        stops, arrows = _tab_to(page, "li.editor-block", limit=60), 0
        while not page.evaluate("() => !!document.activeElement.querySelector('button[value=split]')"):
            page.keyboard.press("ArrowDown")  # to the first block that can be split off
            arrows += 1
            assert arrows < 20, "no block with a split button near the top of the page"
        stops += _tab_to(page, 'li.editor-block button[value="split"]', limit=10)
        block_id = page.evaluate("() => document.activeElement.closest('li.editor-block').dataset.blockId")
        print(f"first block action (从此处拆分) at Tab stop {stops} and {arrows} arrow key(s)")
        text = page.locator(f"#block-{block_id} .editor-text").inner_text()
        phrase = max(re.findall(r"[\u4e00-\u9fff]+", text), key=len)[:8]  # a run of plain CJK text
        found_before = _found_urls(served_site, phrase)
        assert found_before, f"the block's text “{phrase}” is not found by the search"
        page.keyboard.press("Enter")
        expect(articles).to_have_count(before_articles + 1, timeout=20_000)  # the block opens an article
        expect(page.locator(f"#block-{block_id}")).to_be_attached()
        assert page.evaluate("id => document.querySelector('#block-' + id).closest('section')"
                             ".querySelector('li.editor-block').dataset.blockId === id", block_id)

        # Undone from the keyboard too: Shift+Tab up to 撤销上一步 (and confirm, where it asks).
        _tab_to(page, _UNDO, limit=400, backwards=True)
        if page.evaluate("() => document.activeElement.tagName") == "A":  # a link to a confirmation page
            with page.expect_navigation():
                page.keyboard.press("Enter")
            _tab_to(page, '#content-main form button[type="submit"]', limit=60)
        page.keyboard.press("Enter")
        messages = page.locator("ul.messagelist li")
        expect(articles).to_have_count(before_articles, timeout=20_000)
        assert page.evaluate(_BLOCK_ORDER) == before_order, messages.all_inner_texts()
        _wait_for_search(served_site, phrase, found_before)
    finally:
        context.close()


def test_the_list_of_blocks_is_one_tab_stop_and_the_arrows_move_within_it(served_site, chromium, site_pages,
                                                                          editor_state):
    """A page of dozens of blocks with several buttons each: Tab passes through the current block's
    controls only (a roving tabindex), not every block's (~300 stops on a 58-block page before);
    the arrows (and j/k) move between blocks, and Tab then enters the block they reached."""
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="zh-CN", storage_state=editor_state)
    try:
        page = context.new_page()
        page.goto(served_site.url(site_pages["editors"]["page editor"]))
        blocks = page.evaluate("() => document.querySelectorAll('li.editor-block').length")
        assert blocks > 10
        _tab_to(page, "li.editor-block", limit=60)
        first = page.evaluate("() => document.activeElement.dataset.blockId")
        inside, other_blocks = 0, set()
        while page.evaluate("() => !!document.activeElement.closest('#editor-articles')"):
            stop = tab(page)
            if stop is None:
                break  # past the last control of the page
            assert_focus_shows(stop)
            inside += 1
            other_blocks.add(page.evaluate("() => document.activeElement.closest('li.editor-block')?.dataset.blockId"))
            assert inside < blocks, f"Tab stayed in the articles for {inside} stops"
        # Between the first block and the end of the list: that block's controls and each article's
        # own (its title form, tags and history links), never another block's.
        assert other_blocks <= {first, None}
        print(f"{blocks} blocks: {inside} Tab stops from the first block to the end of the articles")
        page.locator("li.editor-block").first.focus()
        for step in ("ArrowDown", "j", "ArrowUp", "k", "j"):  # down, down, up, up, down: the second block
            page.keyboard.press(step)
        second = page.evaluate("() => document.activeElement.dataset.blockId")
        assert second == page.evaluate("() => document.querySelectorAll('li.editor-block')[1].dataset.blockId")
        page.keyboard.press("Tab")  # into the block the arrows reached
        assert page.evaluate("() => document.activeElement.closest('li.editor-block').dataset.blockId") == second
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_shift_tab_never_leaves_focus_under_the_sticky_gather_bar(served_site, chromium, site_pages, editor_state, width):
    context = chromium.new_context(viewport=WIDTHS[width], locale="zh-CN", storage_state=editor_state)
    try:
        page = context.new_page()
        page.goto(served_site.url(site_pages["editors"]["page editor"]))
        blocks = page.locator("li.editor-block")
        blocks.nth(min(12, blocks.count() - 1)).locator('input[type="checkbox"]').focus()
        covered = []
        for _ in range(40):
            stop = tab(page, backwards=True)
            assert_focus_shows(stop)
            bar = page.evaluate("() => { const r = document.querySelector('.editor-gather').getBoundingClientRect(); return [r.top, r.bottom]; }")
            inside_bar = page.evaluate("() => !!document.activeElement.closest('.editor-gather')")
            if bar[0] <= 0 and not inside_bar and stop["top"] < bar[1] - 1:
                covered.append(f"{stop['name']} ({stop['text']}) top {stop['top']:.0f} < bar bottom {bar[1]:.0f}")
        assert not covered, "\n".join(covered)
    finally:
        context.close()
