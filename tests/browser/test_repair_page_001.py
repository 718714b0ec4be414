"""An editor repairs the scrambled seed page 001 in a real browser, as SEEDS.md describes, against a
real gunicorn, a real SQLite file, a real Whoosh index and the real index worker.

The 宁波海建 story gets its byline (张浩星/李娟), lead (L139) and orphan sentence (L118 “四梁八柱”。)
back; the repeated paragraphs (L141–147) stay hidden; the 临平 story keeps its own paragraphs
(L130, L132) and is flagged as missing its lead. Then the public article page and the search
(张浩星 finds the 宁波 story) show the fix, and undoing every change brings the page back.

Screenshots go to test-artifacts/ (git-ignored); their paths are printed.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from live_site import ROOT, serve_seeded_site

ARTIFACTS = ROOT / "test-artifacts"
EDITOR, PASSWORD = "browser-editor", "repair-001-pass"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def served_archive(tmp_path_factory):
    """This test edits data, so it gets its own served site (not the shared one), with an editor."""
    with serve_seeded_site(tmp_path_factory.mktemp("repair_001"), extra_env={"EDITOR_PASSWORD": PASSWORD},
                           extra_commands=(["create_editor", EDITOR],)) as site:
        yield site.base


# --- driving the page editor ------------------------------------------------------------------

class PageEditor:
    """The editor's page editor, addressed the way an editor reads it: blocks by source line."""

    def __init__(self, page):
        self.page = page
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

    def submit(self, button):
        """Press a form's button, wait for the POST → redirect → editor page, expect a success."""
        with self.page.expect_navigation():
            button.click()
        message = self.page.locator("ul.messagelist li").first
        assert "success" in (message.get_attribute("class") or ""), message.inner_text()
        self.actions += 1

    def block_ids(self, line: int) -> list[str]:
        """Ids of the blocks cut from one printed paragraph (e.g. a byline and its lead), in order."""
        rows = self.page.locator(f'li.editor-block[data-lines^="{line}-"]')
        return [rows.nth(i).get_attribute("data-block-id") for i in range(rows.count())]

    def move_after(self, line: int, after_line: int, kind: str | None = None, block_id: str | None = None):
        row = self.page.locator(f"#block-{block_id}") if block_id else self.block(line, kind)
        row.locator("details.editor-block-more > summary").click()
        row.locator('input[name="after_line"]').fill(str(after_line))
        self.submit(row.locator('button[value="move_after"]'))

    def join_previous(self, line: int):
        self.submit(self.block(line).locator('button[value="join_previous"]'))

    def hide_suggested_duplicate(self, line: int):
        self.submit(self.block(line).locator('button[value="hide_duplicate"].suggested'))

    def add_flag(self, headline_part: str, code: str, message: str):
        article = self.article(headline_part)
        details = article.locator("details.editor-title-form", has=self.page.locator('select[name="code"]'))
        details.locator("summary").click()
        details.locator('select[name="code"]').select_option(code)
        details.locator('input[name="message"]').fill(message)
        self.submit(details.locator('button[value="add_flag"]'))


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path


def _article_text(page, base: str, href: str) -> str:
    page.goto(base + href)
    return page.locator("article.article").inner_text()


def test_editor_repairs_page_001_and_undo_brings_it_back(served_archive, chromium):
    base = served_archive
    started = time.monotonic()

    def phase(name):
        print(f"{name}: {time.monotonic() - started:.1f}s")

    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)

        # Sign in and find page 001 from the work queue.
        page.goto(base + "/admin/")
        page.fill("#id_username", EDITOR)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click('input[type="submit"]')
        with page.expect_navigation():
            page.click("text=待办清单")
        _screenshot(page, "editor-queue.png")
        with page.expect_navigation():
            page.locator("tr", has_text="001_6b7b81ac05678b0b.txt").get_by_role("link", name="打开版面编辑").click()
        assert re.search(r"/admin/articles/page/\d+/edit/$", page.url)
        editor = PageEditor(page)
        before_ningbo, before_linping = editor.lines_of("宁波海建"), editor.lines_of("临平")
        assert "139" in before_linping and "139" not in before_ningbo  # the scramble as imported
        _screenshot(page, "editor-page-001-before.png")
        phase("signed in, editor open")

        # The 宁波 story: byline and lead (L139, after the 临平 titles) go under its headline,
        # then its paragraphs in story order, the orphan L118 joined to the end of L128.
        lead_ids = editor.block_ids(139)  # the importer cut L139 into byline + lead
        for block_id in reversed(lead_ids):
            editor.move_after(139, 115, block_id=block_id)
        editor.move_after(126, 139)
        editor.move_after(128, 126)
        editor.join_previous(118)  # L118 now follows L128: “…工作的” + “四梁八柱”。
        # The 临平 story keeps its own paragraphs L130 and L132, right under its titles.
        editor.move_after(130, 136)
        editor.move_after(132, 130)
        # Its repeats L141–147 stay hidden (the importer hid them; hide any it missed).
        for line in (141, 143, 145, 147):
            if "is-hidden" not in (editor.block(line).get_attribute("class") or ""):
                editor.hide_suggested_duplicate(line)
        editor.add_flag("临平", "missing_lead", "导语在印刷时丢失")

        ningbo_lines, linping_lines = editor.lines_of("宁波海建"), editor.lines_of("临平")
        lead = ["139"] * len(lead_ids)
        assert ningbo_lines[:5 + len(lead)] == ["113", "115", *lead, "126", "128", "~118"], ningbo_lines
        assert linping_lines == ["134", "136", "130", "132", "~141", "~143", "~145", "~147"], linping_lines
        assert "张浩星" in editor.article("宁波海建").locator(".editor-byline").inner_text()
        assert editor.article("临平").locator(".flag-missing_lead").count() == 1
        # Reviewed: the editor has seen the 宁波 story's flags (orphan, truncation); they close.
        editor.submit(editor.article("宁波海建").locator('button[value="mark_reviewed"]'))
        assert editor.article("宁波海建").locator(".status-reviewed").count() == 1
        for headline, name in (("临平", "editor-page-001-linping-after.png"),
                               ("宁波海建", "editor-page-001-after.png")):
            article_id = editor.article(headline).get_attribute("data-article-id")
            page.evaluate("id => document.getElementById('article-' + id).scrollIntoView()", article_id)
            _screenshot(page, name)
        phase("repaired")

        # The public article pages show the fix.
        ningbo_href = editor.article("宁波海建").get_by_role("link", name="查看").get_attribute("href")
        linping_href = editor.article("临平").get_by_role("link", name="查看").get_attribute("href")
        editor_url = page.url.split("#")[0]
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
        _screenshot(page, "search-zhanghaoxing-after.png")
        phase("public page and search checked")

        # Undo every change, newest first, from the page's history.
        page.goto(editor_url)
        with page.expect_navigation():
            page.get_by_role("link", name="修订历史").first.click()
        undone = 0
        while page.locator('button:has-text("撤销此修改")').count():
            with page.expect_navigation():
                page.locator('button:has-text("撤销此修改")').first.click()
            message = page.locator("ul.messagelist li").first
            assert "success" in (message.get_attribute("class") or ""), message.inner_text()
            undone += 1
            assert undone < 30
        assert undone == editor.actions
        page.goto(editor_url)
        assert editor.lines_of("宁波海建") == before_ningbo
        assert editor.lines_of("临平") == before_linping
        assert editor.article("临平").locator(".flag-missing_lead").count() == 0
        _screenshot(page, "editor-page-001-undone.png")
        phase("undone")
        assert "张浩星" not in _article_text(page, base, ningbo_href)
    finally:
        context.close()
