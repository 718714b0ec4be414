"""Highlighting marks exactly the matched string, across jieba's word boundaries too."""

import re

from articles.search.highlight import highlight_all, highlight_fragments
from articles.search.query import parse_query

MARK = re.compile(r"<mark>(.*?)</mark>")


def test_quoted_string_across_word_boundaries_is_marked_exactly():
    # jieba cuts 流动/体检/车开进: the string 体检车 spans two words.
    html = highlight_all("余姚市总工会将流动体检车开进牟山镇", parse_query('"体检车"'))
    assert MARK.findall(html) == ["体检车"]


def test_plain_term_across_word_boundaries_is_marked_too():
    html = highlight_all("他用美工刻字体写了标语", parse_query("刻字"))
    assert MARK.findall(html) == ["刻字"]


def test_string_with_spaces_in_the_text_is_marked_whole_but_not_across_lines():
    html = highlight_all("新春 第一会", parse_query('"新春第一会"'))
    assert MARK.findall(html) == ["新春 第一会"]
    assert MARK.findall(highlight_all("新春\n第一会", parse_query('"新春第一会"'))) == []


def test_fragments_mark_the_string_in_a_long_text():
    filler = "这是一段与主题无关的文字，" * 30
    text = f"{filler}余姚市总工会将流动体检车开进牟山镇。{filler}"
    fragments = highlight_fragments(text, parse_query("体检车"))
    assert len(fragments) == 1 and MARK.findall(fragments[0]) == ["体检车"]
