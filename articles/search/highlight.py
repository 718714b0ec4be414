"""Highlighting matches in Chinese text: escaped HTML with ``<mark>`` around exactly what matched.

Two kinds of marks, as the search matches (see ``ranking.clause_match``):

- the *string* of every query term (quoted or plain) wherever it occurs, across jieba's word
  boundaries too (体检车 in 流动体检车开进), found in the folded text with whitespace allowed
  between characters (``grams.compact`` drops it when matching), never across a line break;
- the jieba *words* of a plain term where they stand as words: the text is segmented like a
  query — plain, non-overlapping words whose offsets point into the original text (see
  ``analysis.segment``) — and a word is marked when it is a query word or when a query word is
  one of its dictionary sub-words (the longest such part is marked).

Cost: only the hits of the page shown are highlighted (``service.search``), and jieba runs only
for query words that are not themselves marked strings (see :func:`_beyond_strings`): a query of
one-word terms (工会, 劳模 工匠) marks every occurrence of its strings and never segments.

Why not whoosh's highlighter: haystack calls it with ``StemmingAnalyzer`` (no Chinese words at
all), and with jieba's overlapping index-time words whoosh 2.7.4 marks the wrong span (whoosh
issue 532: 马克 instead of 马克思).
"""

from __future__ import annotations

import re
from html import escape

from .analysis import segment
from .grams import fold_exact
from .query import ParsedQuery

FRAGMENT_CHARS = 90  # context characters around the first match of a fragment
MAX_FRAGMENTS = 3
PLAIN_CHARS = 160  # length of the lead shown when nothing in the body matched
WINDOW_MARGIN = 16  # characters segmented on each side of a found query word
VERIFY_MARGIN = 6  # the same, when checking occurrences inside a fragment
MAX_STRING_MARKS = 200  # occurrences of one string marked in one text
SENTENCE_ENDS = "\n。！？；!?;"  # a fragment may start just after one of these


def string_spans(folded: str, strings, limit: int = MAX_STRING_MARKS) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the ``strings`` (compacted) in ``folded`` (the text
    after :func:`grams.fold_exact`, same offsets as the original), spaces allowed between the
    characters but not a line break."""
    spans: list[tuple[int, int]] = []
    for string in strings:
        if not string:
            continue
        pattern = re.compile("[^\\S\n]*".join(map(re.escape, string)))
        for count, match in enumerate(pattern.finditer(folded)):
            if count == limit:
                break
            spans.append(match.span())
    return spans


def match_spans(text: str, words: set[str], strings=(), limit: int | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of ``text`` to mark: every occurrence
    of the ``strings``, and the query ``words`` where they stand as words.

    Segmenting a whole article for every result would cost more than the search itself, so the
    query words are first found by plain substring search in the folded text, and only a small
    window around each occurrence is segmented to decide whether it is a word (or a dictionary
    part of one) there. ``limit`` stops after that many word spans (enough for the fragments).
    """
    if not text or (not words and not strings):
        return []
    folded = fold_exact(text)
    spans = string_spans(folded, strings)
    words = _beyond_strings(words, strings)
    needles = {w for w in words if w}
    hits = sorted({i for needle in needles for i in _occurrences(folded, needle)})
    window_end = -1
    found = 0
    for index in hits:
        if index < window_end:
            continue  # already inside a segmented window
        start = max(0, index - WINDOW_MARGIN)
        window_end = min(len(text), index + max(map(len, needles)) + WINDOW_MARGIN)
        inner_start = 0 if start == 0 else start + WINDOW_MARGIN // 2
        inner_end = len(text) if window_end == len(text) else window_end - WINDOW_MARGIN // 2
        for s, e in _spans_in(text[start:window_end], words):
            if inner_start <= start + s < inner_end or (start + s <= index < start + e):
                spans.append((start + s, start + e))
                found += 1
        if limit is not None and found >= limit:
            break
    return _merge(spans)


def _beyond_strings(words: set[str], strings) -> set[str]:
    """The query words that still need checking by segmentation: a word that is itself one of the
    marked strings (a one-word term such as 工会) is marked at every occurrence already, and every
    word mark is an occurrence of a query word, so segmenting around it could add nothing. This
    spares jieba for most queries (the costliest part of highlighting)."""
    return set(words) - set(strings) if strings else set(words)


def _verified(text, folded, needles, words, start: int, end: int) -> list[tuple[int, int]]:
    """Marks between ``start`` and ``end``: each occurrence of a query word there is checked by
    segmenting only a few characters around it (cheap), not the whole fragment."""
    spans: list[tuple[int, int]] = []
    checked_to = -1
    for index in sorted({i for needle in needles for i in _occurrences(folded[start:end], needle)}):
        at = start + index
        if at < checked_to:
            continue
        lo = max(0, at - VERIFY_MARGIN)
        hi = min(len(text), at + max(map(len, needles)) + VERIFY_MARGIN)
        for s, e in _spans_in(text[lo:hi], words):
            if lo + s <= at < lo + e or at <= lo + s < at + max(map(len, needles)):
                spans.append((lo + s, lo + e))
        checked_to = max([at + 1] + [e for _, e in spans])
    return [(s, e) for s, e in _merge(spans) if e > start and s < end]


def _occurrences(haystack: str, needle: str, cap: int = 200):
    found, at = 0, haystack.find(needle)
    while at != -1 and found < cap:
        yield at
        found += 1
        at = haystack.find(needle, at + 1)


def _spans_in(text: str, words: set[str]) -> list[tuple[int, int]]:
    """The word marks inside one (short) piece of text, by segmenting it like a query."""
    segmented = segment(text)
    spans: list[tuple[int, int]] = []
    for word in segmented:
        if word.text in words:
            spans.append((word.start, word.end))
            continue
        for start, end in _parts(word.text, words):
            spans.append((word.start + start, word.start + end))
    return spans


def _parts(word: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of query words (two characters or more) inside a longer text word, left to right,
    longest first, never overlapping: 劳模工匠 with query words 劳模 and 工匠 marks both."""
    candidates = [w for w in words if 2 <= len(w) < len(word) and w in word]
    if not candidates:
        return []
    found, i = [], 0
    while i < len(word):
        best = max((w for w in candidates if word.startswith(w, i)), key=len, default=None)
        if best:
            found.append((i, i + len(best)))
            i += len(best)
        else:
            i += 1
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, cursor = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    return "".join(out)


def highlight_all(text: str, query: ParsedQuery) -> str:
    """The whole ``text`` (e.g. a headline) as escaped HTML with matches marked."""
    return _render(text or "", match_spans(text or "", query.highlight_words(), query.exact_strings()), 0, len(text or ""))


def _fragment_start(text: str, index: int, before: int, floor: int) -> int:
    """Where a fragment around the match at ``index`` begins: ``before`` characters back, or at the
    start of the match's sentence or line when that is nearer (a snippet then reads from its first
    word, not from the tail of a byline), never before ``floor`` (where the previous fragment ended:
    two fragments never repeat the same text)."""
    start = max(0, floor, index - before)
    cut = max(text.rfind(mark, start, index) for mark in SENTENCE_ENDS)
    if cut == -1:
        return start
    start = cut + 1
    while start < index and text[start].isspace():
        start += 1
    return start


def highlight_fragments(text: str, query: ParsedQuery, *, max_fragments: int = MAX_FRAGMENTS,
                        context: int = FRAGMENT_CHARS) -> list[str]:
    """Up to ``max_fragments`` escaped-HTML snippets of ``text`` around the matches.

    Fragments are placed around the first occurrences of the query words (found by substring
    search), then only the fragment itself is segmented to mark the real word matches, so a long
    article costs a few short segmentations. A fragment starts a little before its first match and
    runs ``context`` characters on (further if a match would be cut); '…' marks cut text. With no
    match, the start of the text.
    """
    text = text or ""
    strings = query.exact_strings()
    words = _beyond_strings(query.highlight_words(), strings)
    needles = {w for w in words if w}
    fragments: list[str] = []
    if needles or strings:
        folded = fold_exact(text)
        string_marks = _merge(string_spans(folded, strings))
        hits = sorted({s for s, _ in string_marks} | {i for needle in needles for i in _occurrences(folded, needle)})
        before, covered = context // 4, 0
        for index in hits[: max_fragments * 6]:
            if index < covered:
                continue
            start = _fragment_start(text, index, before, covered)
            end = min(len(text), start + context)
            spans = _merge([(s, e) for s, e in string_marks if e > start and s < end]
                           + (_verified(text, folded, needles, words, start, end) if needles else []))
            if not spans:
                continue  # the letters occur here but not as the word: look further on
            start = max(covered, min(start, spans[0][0]))
            end = max(end, spans[-1][1])
            covered = end
            fragments.append(("…" if start > 0 else "") + _render(text, spans, start, end)
                             + ("…" if end < len(text) else ""))
            if len(fragments) == max_fragments:
                break
    if not fragments:
        lead = text[:PLAIN_CHARS]
        return [escape(lead) + ("…" if len(text) > PLAIN_CHARS else "")] if lead else []
    return fragments
