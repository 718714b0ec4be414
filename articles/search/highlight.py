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

from .analysis import segment
from .query import ParsedQuery

FRAGMENT_CHARS = 90  # context characters around the first match of a fragment
MAX_FRAGMENTS = 3
PLAIN_CHARS = 160  # length of the lead shown when nothing in the body matched


def match_spans(text: str, words: set[str], phrases: list[tuple[str, ...]] = ()) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of ``text`` to mark."""
    if not text or (not words and not phrases):
        return []
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
    return _merge(spans)


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

    Each fragment starts a little before a match and runs ``context`` characters on; fragments
    that would overlap are merged; '…' marks cut text. With no match, the start of the text.
    """
    text = text or ""
    spans = match_spans(text, query.highlight_words(), query.highlight_phrases())
    if not spans:
        lead = text[:PLAIN_CHARS]
        return [escape(lead) + ("…" if len(text) > PLAIN_CHARS else "")] if lead else []
    windows: list[list[int]] = []
    before = context // 4
    for s, e in spans:
        start = max(0, s - before)
        end = min(len(text), max(e, start + context))
        if windows and start <= windows[-1][1] and end - windows[-1][0] <= 2 * context:
            windows[-1][1] = max(windows[-1][1], end)
        elif windows and s < windows[-1][1]:
            continue  # this match is already shown (a long fragment ends after it)
        else:
            if len(windows) == max_fragments:
                break
            windows.append([start, end])
    fragments = []
    for start, end in windows:
        # Never cut a match in two: a fragment ending inside one runs on to its end.
        end = max([end] + [e for s, e in spans if s < end < e])
        html = _render(text, spans, start, end)
        fragments.append(("…" if start > 0 else "") + html + ("…" if end < len(text) else ""))
    return fragments
