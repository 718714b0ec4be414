"""An editor repairs the scrambled seed page 001 in a real browser, as SEEDS.md describes, against a
real gunicorn, a real SQLite file, a real Whoosh index and the real index worker — once with
JavaScript (keyboard and one-click actions, each answered without a full page reload) and once
without (the same repair with plain forms), undoing everything in between through the history's
confirmation pages.

The 宁波海建 story gets its byline (张浩星/李娟), lead (L139) and orphan sentence (L118 “四梁八柱”。)
back; the repeated paragraphs (L141–147) stay hidden; the 临平 story keeps its own paragraphs
(L130, L132) and is flagged as missing its lead. Six actions (the old editor needed nine):

1. tick L139 (byline and lead), move them after L115;  2. tick L126, L128, move them after L139;
3. join L118 to the previous paragraph;  4. tick L130, L132, move them after L136;
5. flag 临平 "missing lead";  6. mark 宁波 reviewed.

Screenshots of the queue, the editor, the history and the undo confirmation go to
test-artifacts/ (git-ignored); their paths and the repair's duration are printed.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from live_site import ROOT, serve_seeded_site

ARTIFACTS = ROOT / "test-artifacts"
EDITOR, PASSWORD = "browser-editor", "repair-001-pass"
SOURCE = "001_6b7b81ac05678b0b.txt"
REPAIR_ACTIONS = 6
OLD_EDITOR_ACTIONS = 9

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def served_archive(tmp_path_factory):
    """This test edits data, so it gets its own served site (not the shared one), with an editor."""
    with serve_seeded_site(tmp_path_factory.mktemp("repair_001"), extra_env={"EDITOR_PASSWORD": PASSWORD},
                           extra_commands=(["create_editor", EDITOR],)) as site:
        yield site.base


# --- driving the page editor ------------------------------------------------------------------

class PageEditor:
    """The page editor, addressed the way an editor reads it: blocks by source line.

    With ``javascript`` every action is answered by the fragment endpoint (the page is never
    reloaded; ``body[data-editor-actions]`` counts the answers); without, by POST → redirect."""

    def __init__(self, page, javascript: bool):
        self.page = page
        self.javascript = javascript
        self.actions = 0  # successful edits, each one revision to undo

    def block(self, line: int, kind: str | None = None):
        selector = f'li.editor-block[data-lines^="{line}-"]'
        if kind:
            selector += f".kind-{kind}"
        return self.page.locator(selector).first

    def article(self, headline_part: str):
        """The article with ``headline_part`` in a title line (001's place-naming lines are
        subtitles: the paper prints 主题 + 副题)."""
        return self.page.locator("section.editor-article", has=self.page.locator(
            ".title-line:not(.column-label)", has_text=headline_part)).first

    def lines_of(self, headline_part: str) -> list[str]:
        """data-lines of the article's blocks in the order shown, hidden ones marked with '~'."""
        self.article(headline_part).locator("li.editor-block").first.wait_for()
        rows = self.article(headline_part).locator("li.editor-block")
        return [("~" if "is-hidden" in (rows.nth(i).get_attribute("class") or "") else "")
                + rows.nth(i).get_attribute("data-lines").split("-")[0] for i in range(rows.count())]

    def _done(self, press):
        """Run ``press`` (which submits one form) and wait for the answer; expect a success."""
        if self.javascript:
            expected = self.actions + 1
            press()
            self.page.wait_for_selector(f'body[data-editor-actions="{expected}"]')
            status = self.page.locator("#editor-status")
            assert "is-success" in (status.get_attribute("class") or ""), status.inner_text()
        else:
            with self.page.expect_navigation():
                press()
            message = self.page.locator("ul.messagelist li").first
            assert "success" in (message.get_attribute("class") or ""), message.inner_text()
        self.actions += 1

    def focus(self, row):
        """Focus a block as an editor does with the mouse (then the keyboard takes over)."""
        row.locator(".editor-text").click()
        assert row.evaluate("el => document.activeElement === el")

    def move_ticked_after(self, rows, after_row, after_line: int):
        """Tick ``rows`` and move them after ``after_row``: x / v on the keyboard, or the tick bar."""
        if self.javascript:
            self.focus(rows[0])
            self.page.keyboard.press("x")
            for row in rows[1:]:
                self.page.keyboard.press("j")  # the next block in reading order
                assert row.evaluate("el => document.activeElement === el")
                self.page.keyboard.press("x")
            self.focus(after_row)
            self._done(lambda: self.page.keyboard.press("v"))
        else:
            for row in rows:
                row.locator('input[name="blocks"]').check()
            self.page.fill('#gather-form input[name="after_line"]', str(after_line))
            self._done(lambda: self.page.click('#gather-form button[value="move_ticked_after"]:not([hidden])'))

    def join_previous(self, row):
        if self.javascript:
            self.focus(row)
            self._done(lambda: self.page.keyboard.press("p"))
        else:
            self._done(lambda: row.locator('button[value="join_previous"]').click())

    def add_flag(self, headline_part: str, code: str, message: str):
        menu = self.article(headline_part).locator("details.editor-menu").first
        menu.locator("summary").click()
        menu.locator('select[name="code"]').select_option(code)
        menu.locator('input[name="message"]').fill(message)
        self._done(lambda: menu.locator('button[value="add_flag"]').click())

    def mark_reviewed(self, headline_part: str):
        self._done(lambda: self.article(headline_part).locator('button[value="mark_reviewed"]').click())


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path


def _article_text(page, base: str, href: str) -> str:
    page.goto(base + href)
    return page.locator("article.article").inner_text()


def _sign_in_and_open_editor(page, base: str, *, screenshots: bool) -> str:
    page.goto(base + "/admin/")
    page.fill("#id_username", EDITOR)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click('input[type="submit"]')
    with page.expect_navigation():
        page.click("text=待办清单")
    assert page.locator('[data-testid="problem-counts"]').count() == 1
    if screenshots:
        _screenshot(page, "editor-queue.png")
    with page.expect_navigation():
        page.locator("tr", has_text=SOURCE).get_by_role("link", name="打开版面编辑").click()
    assert re.search(r"/admin/articles/page/\d+/edit/$", page.url)
    return page.url


def _repair(editor: PageEditor) -> float:
    """The six actions; returns the seconds they took."""
    started = time.monotonic()
    lead = [editor.block(139, "byline"), editor.block(139, "body")]
    editor.move_ticked_after(lead, editor.block(115), 115)
    editor.move_ticked_after([editor.block(126), editor.block(128)], editor.block(139, "body"), 139)
    editor.join_previous(editor.block(118))  # L118 now follows L128: “…工作的” + “四梁八柱”。
    editor.move_ticked_after([editor.block(130), editor.block(132)], editor.block(136), 136)
    editor.add_flag("临平", "missing_lead", "导语在印刷时丢失")
    editor.mark_reviewed("宁波海建")
    return time.monotonic() - started


def _check_repaired(editor: PageEditor) -> None:
    assert editor.actions == REPAIR_ACTIONS < OLD_EDITOR_ACTIONS
    ningbo, linping = editor.lines_of("宁波海建"), editor.lines_of("临平")
    assert ningbo == ["113", "115", "139", "139", "126", "128", "~118", "120", "122", "124"], ningbo
    assert linping == ["134", "136", "130", "132", "~141", "~143", "~145", "~147"], linping
    assert "张浩星" in editor.article("宁波海建").locator(".editor-byline").inner_text()
    assert editor.article("临平").locator(".flag-missing_lead").count() == 1
    assert editor.article("宁波海建").locator(".status-reviewed").count() == 1


def _undo_everything(page, editor_url: str, expected: int, *, screenshots: bool) -> None:
    """Undo every change, newest first, from the page's history through the confirmation page."""
    page.goto(editor_url)
    with page.expect_navigation():
        page.get_by_role("link", name="修订历史").first.click()
    history = page.url
    active = page.locator("tr.revision-row:not(.is-undone)").filter(has_not_text="撤销了")
    assert active.count() == expected  # one row per operation (earlier undone rounds aside)
    if screenshots:
        _screenshot(page, "editor-history.png")
    undone = 0
    while page.locator('a:has-text("撤销此修改")').count():
        with page.expect_navigation():
            page.locator('a:has-text("撤销此修改")').first.click()
        assert page.locator('[data-testid="undo-story"] li').count() >= 1  # says what will change
        if screenshots and undone == 0:
            _screenshot(page, "editor-undo-confirm.png")
        with page.expect_navigation():
            page.get_by_role("button", name="确认撤销").click()
        assert page.url.split("?")[0] == history
        message = page.locator("ul.messagelist li").first
        assert "success" in (message.get_attribute("class") or ""), message.inner_text()
        undone += 1
        assert undone < 30
    assert undone == expected


@contextmanager
def _editor_session(chromium, base: str, *, javascript: bool):
    """A signed-in browser on page 001's editor (as imported, or as fully undone): yields the page,
    the editor's URL, the driver and the two stories' lines before the repair."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN",
                                   java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        editor_url = _sign_in_and_open_editor(page, base, screenshots=javascript)
        editor = PageEditor(page, javascript=javascript)
        before = editor.lines_of("宁波海建"), editor.lines_of("临平")
        assert "139" in before[1] and "139" not in before[0]  # the scramble as imported
        yield page, editor_url, editor, before
    finally:
        context.close()


def test_repair_page_001_with_keyboard_and_one_click_actions_without_reloads(served_archive, chromium):
    with _editor_session(chromium, served_archive, javascript=True) as (page, editor_url, editor, before):
        before_ningbo, before_linping = before
        _screenshot(page, "editor-page-001-before.png")
        page.evaluate("window.__notReloaded = true")
        loads = []
        page.on("load", lambda _page: loads.append(page.url))

        seconds = _repair(editor)
        print(f"repair with JavaScript: {editor.actions} actions in {seconds:.1f}s")

        assert page.evaluate("window.__notReloaded === true"), "an action reloaded the whole page"
        assert not loads
        _check_repaired(editor)
        article_id = editor.article("宁波海建").get_attribute("data-article-id")
        page.evaluate("id => document.getElementById('article-' + id).scrollIntoView()", article_id)
        _screenshot(page, "editor-page-001-after.png")
        # The page as rendered afresh agrees with what the fragments showed.
        page.goto(editor_url)
        _check_repaired(editor)

        _undo_everything(page, editor_url, editor.actions, screenshots=True)
        page.goto(editor_url)
        assert editor.lines_of("宁波海建") == before_ningbo
        assert editor.lines_of("临平") == before_linping
        assert editor.article("临平").locator(".flag-missing_lead").count() == 0


def test_the_same_repair_without_javascript(served_archive, chromium):
    base = served_archive
    with _editor_session(chromium, base, javascript=False) as (page, editor_url, editor, before):
        before_ningbo, before_linping = before

        seconds = _repair(editor)
        print(f"repair without JavaScript: {editor.actions} actions in {seconds:.1f}s")
        _check_repaired(editor)

        # The public article pages show the fix.
        ningbo_href = editor.article("宁波海建").get_by_role("link", name="查看").get_attribute("href")
        linping_href = editor.article("临平").get_by_role("link", name="查看").get_attribute("href")
        ningbo_text = _article_text(page, base, ningbo_href)
        assert "张浩星" in ningbo_text and "李娟" in ningbo_text
        assert "名师出高徒" in ningbo_text
        assert "工作的“四梁八柱”。" in ningbo_text
        assert ningbo_text.count("正是有了马军这样的好师父们") == 1
        assert "会”平台" not in ningbo_text
        _screenshot(page, "article-ningbo-after.png")
        linping_text = _article_text(page, base, linping_href)
        assert "会”平台，通过线上形式" in linping_text and "据了解，临平“数智工会”" in linping_text
        assert linping_text.count("据了解，临平“数智工会”") == 1
        assert "张浩星" not in linping_text

        # The search finds the 宁波 story by its reporter once the index worker has caught up.
        deadline = time.monotonic() + 30
        while True:
            page.goto(base + "/search/?q=张浩星")
            results = page.locator("main").inner_text()
            if "宁波海建" in results or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert "宁波海建" in results, results[:500]

        _undo_everything(page, editor_url, editor.actions, screenshots=False)
        page.goto(editor_url)
        assert editor.lines_of("宁波海建") == before_ningbo
        assert editor.lines_of("临平") == before_linping
        assert "张浩星" not in _article_text(page, base, ningbo_href)
