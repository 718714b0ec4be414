"""The query language: what a reader types, and that nothing a reader types can break it."""

import datetime as dt
import random

import pytest

from articles.search.query import MAX_QUERY_CHARS, parse_query


def clauses(q):
    parsed = parse_query(q)
    return [[(c.kind, c.field, c.words) for c in group] for group in parsed.must], parsed


def test_words_are_anded_and_chinese_runs_are_cut():
    groups, _ = clauses("新就业形态 劳动者")
    assert groups == [[("words", "text", ("新就业形态",))], [("words", "text", ("劳动者",))]]


@pytest.mark.parametrize("q", ['"技能提升"', "“技能提升”", "「技能 提升」", "\"技能 提升"])
def test_quoted_phrases_in_any_quotes_even_unclosed(q):
    groups, _ = clauses(q)
    assert groups == [[("phrase", "text", ("技能", "提升"))]]


def test_exclusion_or_and_field_prefixes():
    parsed = parse_query("快递小哥 OR 外卖小哥 -培训 标题:工匠 作者:吴晓静")
    assert [[c.text for c in g] for g in parsed.must] == [["快递小哥", "外卖小哥"], ["工匠"], ["吴晓静"]]
    assert parsed.must[1][0].field == "title" and parsed.must[2][0].field == "person"
    assert [c.text for c in parsed.must_not] == ["培训"]


@pytest.mark.parametrize("q, start, end", [
    ("2022..2024", dt.date(2022, 1, 1), dt.date(2024, 12, 31)),
    ("date:2024-01-01..2024-06-30", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("日期:2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("２０２４－０２..", dt.date(2024, 2, 1), None),
    ("..2022-02", None, dt.date(2022, 2, 28)),
])
def test_date_ranges(q, start, end):
    parsed = parse_query(f"劳模 {q}")
    assert (parsed.date_from, parsed.date_to) == (start, end)
    assert [c.text for g in parsed.must for c in g] == ["劳模"]


def test_query_is_folded_before_parsing():
    parsed = parse_query("“勞模工匠”　ＯＲ　快遞小哥")
    assert parsed.folded == "“劳模工匠” OR 快递小哥"
    assert [[c.text for c in g] for g in parsed.must] == [["劳模工匠", "快递小哥"]]


BROKEN = ['"', '"""', "“", "-", "- -", "--", "OR", "OR OR 劳模 OR", "title:", "作者:", ":", "date:",
          "date:2024-13-45", "date:0000", "2024..1900", "((()))", "*", "?", "~", "^", "\\", "'",
          "<script>alert(1)</script>", "\x00\x01\x1b[31m劳模\x7f", "\u200b\u200e\ufeff", "😀" * 50,
          "劳" * 5000, "a " * 3000, "-" * 5000, '"' * 777, "title:title:title:", "AND NOT TO"]


@pytest.mark.parametrize("q", BROKEN)
def test_broken_input_parses_to_something_safe(q):
    parsed = parse_query(q)
    assert len(parsed.folded) <= MAX_QUERY_CHARS
    assert parsed.normalized() == parsed.normalized()  # renders without raising
    assert all(c.words for g in parsed.must for c in g)


def test_random_garbage_never_raises():
    rng = random.Random(7)
    alphabet = '劳模工匠"“”-:：OR ()*?~^\\\'<>&\x00\n\t年..０１２3-标题作者date'
    for _ in range(500):
        parse_query("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))))


def test_nothing_searchable_is_empty():
    for q in ["", "   ", None, "-", '""', "，。！", "OR"]:
        assert parse_query(q).is_empty
