"""Highlighting matched words in Chinese text: escaped HTML with ``<mark>`` around matches.

Why not whoosh's highlighter: haystack calls it with ``StemmingAnalyzer`` (no Chinese words at
all), and with jieba's overlapping index-time words whoosh 2.7.4 marks the wrong span (whoosh
issue 532: 马克 instead of 马克思). Here the text is segmented like a *query* — plain,
non-overlapping words whose offsets point into the original text (see ``analysis.segment``) —
and a word is marked when it is a query word, when a query word is one of its dictionary
sub-words (the longest such part is marked), or when a run of words spells a quoted phrase.
"""

from __future__ import annotations

from html import escape

from .analysis import fold_keep_length, segment
from .query import ParsedQuery

FRAGMENT_CHARS = 90  # context characters around the first match of a fragment
MAX_FRAGMENTS = 3
PLAIN_CHARS = 160  # length of the lead shown when nothing in the body matched
WINDOW_MARGIN = 16  # characters segmented on each side of a found query word
VERIFY_MARGIN = 6  # the same, when checking occurrences inside a fragment
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def match_spans(text: str, words: set[str], phrases: list[tuple[str, ...]] = (),
                limit: int | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of ``text`` to mark.

    Segmenting a whole article for every result would cost more than the search itself, so the
    query words are first found by plain substring search in the folded text, and only a small
    window around each occurrence is segmented to decide whether it is a word (or a dictionary
    part of one) there. ``limit`` stops after that many spans (enough for the fragments shown).
    """
    if not text or (not words and not phrases):
        return []
    folded = fold_keep_length(text).translate(_ASCII_LOWER)
    needles = {w for w in words if w} | {"".join(p) for p in phrases if p}
    hits = sorted({i for needle in needles for i in _occurrences(folded, needle)})
    spans: list[tuple[int, int]] = []
    window_end = -1
    for index in hits:
        if index < window_end:
            continue  # already inside a segmented window
        start = max(0, index - WINDOW_MARGIN)
        window_end = min(len(text), index + max(map(len, needles)) + WINDOW_MARGIN)
        inner_start = 0 if start == 0 else start + WINDOW_MARGIN // 2
        inner_end = len(text) if window_end == len(text) else window_end - WINDOW_MARGIN // 2
        for s, e in _spans_in(text[start:window_end], words, phrases):
            if inner_start <= start + s < inner_end or (start + s <= index < start + e):
                spans.append((start + s, start + e))
        if limit is not None and len(spans) >= limit:
            break
    return _merge(spans)


def _verified(text, folded, needles, words, phrases, start: int, end: int) -> list[tuple[int, int]]:
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
        for s, e in _spans_in(text[lo:hi], words, phrases):
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


def _spans_in(text: str, words: set[str], phrases) -> list[tuple[int, int]]:
    """The marks inside one (short) piece of text, by segmenting it like a query."""
    segmented = segment(text)
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(segmented) - size + 1):
            window = segmented[i : i + size]
            if tuple(w.text for w in window) == phrase and window[-1].pos - window[0].pos == size - 1:
                spans.append((window[0].start, window[-1].end))
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
    return _render(text or "", match_spans(text or "", query.highlight_words(), query.highlight_phrases()), 0, len(text or ""))


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
    words, phrases = query.highlight_words(), query.highlight_phrases()
    needles = {w for w in words if w} | {"".join(p) for p in phrases if p}
    fragments: list[str] = []
    if needles:
        folded = fold_keep_length(text).translate(_ASCII_LOWER)
        hits = sorted({i for needle in needles for i in _occurrences(folded, needle)})
        before, covered = context // 4, -1
        for index in hits[: max_fragments * 6]:
            if index < covered:
                continue
            start = max(0, index - before)
            end = min(len(text), start + context)
            spans = _verified(text, folded, needles, words, phrases, start, end)
            if not spans:
                continue  # the letters occur here but not as the word: look further on
            start = min(start, spans[0][0])
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
