"""Readers see full-width punctuation between Chinese text; the source text is never changed."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article, Block
from articles.text.punctuation import display_html, display_text

ASCII_BETWEEN_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("据了解,北仑区总工会下一步", "据了解，北仑区总工会下一步"),
        ("有的企业之间还谈成了合作。\"一栋楼", "有的企业之间还谈成了合作。\"一栋楼"),
        ("什么是技能?就是本事!", "什么是技能？就是本事！"),
        ("目标:力争;推进", "目标：力争；推进"),
        ("工资(工价)专项集体合同(2022年度)", "工资（工价）专项集体合同（2022年度）"),
        ("(上接第1版)", "（上接第1版）"),
    ],
)
def test_marks_beside_chinese_become_full_width(source, shown):
    assert display_text(source) == shown


@pytest.mark.parametrize(
    "source",
    ["1,200名职工", "12:30开始", "3.5%", "ISO 9001:2015", "f(x)", "Hello, world!"],
)
def test_numbers_and_latin_keep_ascii(source):
    """A mark between digits or beside Latin letters is not Chinese punctuation: left as printed."""
    assert display_text(source) == source


def test_a_pair_is_converted_together_or_not_at_all():
    text = display_text("参加(2024)比赛 and (2024) alone")
    assert "（2024）" in text and "(2024) alone" in text
    assert text.count("（") == text.count("）")


def test_html_keeps_tags_and_references_and_judges_neighbours_across_tags():
    fragment = mark_safe(f"据了解<mark>,</mark>北仑 {escape('<&>')}; 工会<mark>(宁波)</mark>")
    shown = display_html(fragment)
    assert "&lt;&amp;&gt;" in shown  # references untouched, their ; too
    assert "<mark>，</mark>" in shown and "<mark>（宁波）</mark>" in shown
    assert shown.count("<mark>") == 2


def test_article_page_shows_full_width_while_the_source_is_kept(client, db):
    article = next(
        (a for a in Article.objects.order_by("pk")
         if any(ASCII_BETWEEN_CHINESE.search(b.text) for b in a.blocks.filter(hidden=False, kind="body"))),
        None,
    )
    assert article is not None, "the seeds have half-width pages (000, 002, 003, 004)"
    block = next(b for b in article.blocks.filter(hidden=False, kind="body").order_by("position")
                 if ASCII_BETWEEN_CHINESE.search(b.text))
    html = client.get(article.get_absolute_url()).content.decode()
    assert escape(display_text(block.text)) in html
    assert escape(block.text) not in html
    assert ASCII_BETWEEN_CHINESE.search(Block.objects.get(pk=block.pk).text), "the stored text is unchanged"
