"""The search form: reads the query string of /search/, its feed and its JSON, and never rejects it.

A search URL is typed by people, shared and crawled: whatever it holds, the reader must get a page
of results or a friendly empty state, never an error page. So every field here *repairs* its input
instead of rejecting it: an unknown sort becomes relevance, a page number that is not a positive
whole number becomes 1 (the view clamps a too-large page to the last page once the total is known),
control characters are removed, an over-long query is cut, and facet values are kept as they are
(an unknown value simply matches nothing). The cleaned values also give the canonical URL, with a
fixed parameter order, so that one search has one shareable address.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django import forms

from articles.text.xml import is_xml_char

# The header search box allows 200 characters; longer queries (pasted text) are cut, not refused.
MAX_QUERY_LENGTH = 200
MAX_FACET_VALUE_LENGTH = 100
MAX_VALUES_PER_FACET = 20
# Deep pages are useless and expensive; the view clamps to the last real page anyway.
MAX_PAGE_NUMBER = 100_000

SORT_RELEVANCE, SORT_NEWEST, SORT_OLDEST = "relevance", "newest", "oldest"
SORT_CHOICES = (
    (SORT_RELEVANCE, "相关度"),
    (SORT_NEWEST, "最新"),
    (SORT_OLDEST, "最早"),
)

# URL parameter → label of the facet, in canonical URL order. "pagename" and not "page": page is
# the result page number.
FACET_PARAMS = (
    ("city", "城市"),
    ("county", "县区"),
    ("topic", "专题"),
    ("year", "年份"),
    ("person", "人物"),
    ("pagename", "版面"),
)
FACET_LABELS = dict(FACET_PARAMS)

_WHITESPACE = re.compile(r"\s+")


def clean_text(value: str, max_length: int) -> str:
    """Remove control and invisible format characters (NUL included), collapse spaces, cut.

    Control characters become spaces (a tab between two words still separates them); format
    characters such as zero-width spaces and BOMs are dropped, since they only hide inside words;
    so are noncharacters such as U+FFFE, which XML cannot carry (the feed echoes the query).
    """
    chars = []
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs"):
            chars.append(" ")
        elif category != "Cf" and is_xml_char(char):
            chars.append(char)
    return _WHITESPACE.sub(" ", "".join(chars)).strip()[:max_length].strip()


@dataclass(frozen=True)
class SearchParams:
    """One search as a reader asked for it, already repaired; builds the URLs that change it."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1

    @property
    def has_filters(self) -> bool:
        return any(self.filters.values())

    @property
    def is_blank(self) -> bool:
        """Nothing asked for at all: the view shows the start page instead of every article."""
        return not self.q and not self.has_filters

    def active_filters(self) -> list[tuple[str, str]]:
        """(param, value) of every filter, in canonical order."""
        return [(param, value) for param, _ in FACET_PARAMS for value in self.filters.get(param, ())]

    def items(self) -> list[tuple[str, str]]:
        """The canonical query-string items: q, facets in fixed order with sorted values, then a
        non-default sort and a page number above 1."""
        items: list[tuple[str, str]] = []
        if self.q:
            items.append(("q", self.q))
        items.extend(self.active_filters())
        if self.sort != SORT_RELEVANCE:
            items.append(("sort", self.sort))
        if self.page > 1:
            items.append(("page", str(self.page)))
        return items

    def querystring(self) -> str:
        """``?q=…&city=…`` (or "" for a blank search), ready to append to a URL path."""
        items = self.items()
        return "?" + urlencode(items) if items else ""

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=page)

    def with_sort(self, sort: str) -> SearchParams:
        return replace(self, sort=sort, page=1)

    def with_filter(self, param: str, value: str) -> SearchParams:
        values = tuple(sorted(set(self.filters.get(param, ())) | {value}))
        return replace(self, filters={**self.filters, param: values}, page=1)

    def without_filter(self, param: str, value: str) -> SearchParams:
        values = tuple(v for v in self.filters.get(param, ()) if v != value)
        return replace(self, filters={**self.filters, param: values}, page=1)

    def without_filters(self) -> SearchParams:
        return replace(self, filters={}, page=1)

    def without_query(self) -> SearchParams:
        return replace(self, q="", page=1)


class RawTextField(forms.Field):
    """A single text parameter taken as typed. Not ``forms.CharField``: its validator refuses NUL
    characters, which would drop the whole query instead of just the NUL."""

    def to_python(self, value) -> str:
        return "" if value is None else str(value)


class RepeatedValueField(forms.Field):
    """A parameter that may be repeated (``?city=a&city=b``): cleaned, de-duplicated, sorted."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> tuple[str, ...]:
        if not value:
            return ()
        if isinstance(value, str):
            value = [value]
        cleaned = {clean_text(str(v), MAX_FACET_VALUE_LENGTH) for v in value}
        cleaned.discard("")
        return tuple(sorted(cleaned))[:MAX_VALUES_PER_FACET]


class SearchForm(forms.Form):
    """Always valid: each ``clean_<field>`` repairs instead of raising (see the module docstring)."""

    q = RawTextField(required=False)
    sort = RawTextField(required=False)
    page = RawTextField(required=False)
    city = RepeatedValueField(required=False)
    county = RepeatedValueField(required=False)
    topic = RepeatedValueField(required=False)
    year = RepeatedValueField(required=False)
    person = RepeatedValueField(required=False)
    pagename = RepeatedValueField(required=False)

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data.get("q") or "", MAX_QUERY_LENGTH)

    def clean_sort(self) -> str:
        sort = (self.cleaned_data.get("sort") or "").strip()
        return sort if sort in dict(SORT_CHOICES) else SORT_RELEVANCE

    def clean_page(self) -> int:
        raw = (self.cleaned_data.get("page") or "").strip()
        if not raw.isascii() or not raw.isdigit():
            return 1
        if len(raw) > len(str(MAX_PAGE_NUMBER)):  # also keeps int() away from 5,000-digit strings
            return MAX_PAGE_NUMBER
        return min(max(int(raw), 1), MAX_PAGE_NUMBER)

    def params(self) -> SearchParams:
        """The repaired search. Call this instead of reading ``cleaned_data`` directly."""
        self.is_valid()  # never fails; it runs the clean_* methods
        data = self.cleaned_data
        filters = {param: data.get(param) or () for param, _ in FACET_PARAMS}
        return SearchParams(
            q=data.get("q", ""),
            filters={param: values for param, values in filters.items() if values},
            sort=data.get("sort", SORT_RELEVANCE),
            page=data.get("page", 1),
        )


def search_params_from(query_dict) -> SearchParams:
    """The repaired search of a request's GET parameters (``request.GET``)."""
    return SearchForm(query_dict).params()
