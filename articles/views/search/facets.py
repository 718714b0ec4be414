"""The facet sidebar and the active-filter chips of the search page.

The engine counts facet values over every matching article; this module turns (value, count) pairs
into what a reader sees: names instead of identifiers (Region.code, Topic.slug, Person.slug,
looked up in one query per facet), counties nested under their city, the selected values
marked, and for every value the URL that adds or removes it. Unknown values in the URL (typed or
stale) still get a chip with the raw value, so they can be removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from articles.forms.search import SearchParams
from articles.search.query import date_tokens
from articles.search.vocabulary import FACET_LABELS, FACETS
from articles.models import Person, Region, Topic

# Options shown before "更多" in each facet (selected options are always shown).
VISIBLE_OPTIONS = 8
# Options kept at all: on a large archive a broad search can have thousands of persons; past the
# top few dozen they help no one and would cost a huge label query. Counties nest under 11 cities.
MAX_OPTIONS = {"county": 100, "year": 100}
DEFAULT_MAX_OPTIONS = 30


@dataclass
class FacetOption:
    param: str
    value: str
    label: str
    count: int
    selected: bool
    url: str  # adds the value, or removes it when selected
    children: list[FacetOption] = field(default_factory=list)

    @property
    def expanded(self) -> bool:
        """Show a city's counties open when the city or one of them is selected."""
        return self.selected or any(child.selected for child in self.children)


@dataclass
class FacetGroup:
    param: str
    label: str
    options: list[FacetOption]

    @property
    def visible(self) -> list[FacetOption]:
        return [o for i, o in enumerate(self.options) if i < VISIBLE_OPTIONS or o.selected]

    @property
    def more(self) -> list[FacetOption]:
        return [o for i, o in enumerate(self.options) if i >= VISIBLE_OPTIONS and not o.selected]

    @property
    def rows(self) -> list[tuple[FacetOption, bool]]:
        """Visible options then the others, each with "the 更多 box opens before this one"."""
        more = self.more
        return [(o, False) for o in self.visible] + [(o, i == 0) for i, o in enumerate(more)]


@dataclass
class Chip:
    param: str
    facet_label: str
    label: str
    remove_url: str


class RegionLabel(NamedTuple):
    name: str
    parent_code: str | None


class Labels:
    """Display names of facet values, and the city each county belongs to.

    The engine's facet values are Region.code, Topic.slug and Person.slug (see
    articles.search.service): each is looked up by that unique, indexed column, as plain rows
    (model instances cost ten times more here, and a broad search names a hundred counties).
    """

    def __init__(self, values_by_param: dict[str, set[str]]):
        codes = values_by_param.get("city", set()) | values_by_param.get("county", set())
        self.regions = {
            code: RegionLabel(name, parent_code)
            for code, name, parent_code in Region.objects.filter(code__in=list(codes)).values_list(
                "code", "name", "parent__code")
        } if codes else {}
        self.topics = self._names(Topic, values_by_param.get("topic", set()))
        self.persons = self._names(Person, values_by_param.get("person", set()))

    @staticmethod
    def _names(model, slugs) -> dict[str, str]:
        return dict(model.objects.filter(slug__in=list(slugs)).values_list("slug", "name")) if slugs else {}

    def label(self, param: str, value: str) -> str:
        if param in ("city", "county") and value in self.regions:
            return self.regions[value].name
        if param == "topic" and value in self.topics:
            return self.topics[value]
        if param == "person" and value in self.persons:
            return self.persons[value]
        if param == "year" and value.isdigit():
            return f"{value}年"
        return value

    def parent_code(self, county_value: str) -> str | None:
        region = self.regions.get(county_value)
        return region.parent_code if region is not None else None


def trim_facets(facets: dict[str, list[tuple[str, int]]], params: SearchParams) -> dict[str, list[tuple[str, int]]]:
    """The most frequent values of each facet (the engine sorts by count), plus any selected one."""
    trimmed = {}
    for param, pairs in facets.items():
        limit = MAX_OPTIONS.get(param, DEFAULT_MAX_OPTIONS)
        selected = set(params.filters.get(param, ()))
        trimmed[param] = [pair for i, pair in enumerate(pairs) if i < limit or pair[0] in selected]
    return trimmed


def collect_labels(facets: dict[str, list[tuple[str, int]]], params: SearchParams, hits=()) -> Labels:
    """Labels for every facet value shown, every active filter and the cities of the ``hits``."""
    values: dict[str, set[str]] = {"city": {code for hit in hits for code in hit.city}}
    for param, pairs in facets.items():
        values.setdefault(param, set()).update(value for value, _ in pairs)
    for param, value in params.active_filters():
        values.setdefault(param, set()).add(value)
    return Labels(values)


def _option(param, value, count, params, labels, path) -> FacetOption:
    selected = value in params.filters.get(param, ())
    changed = params.without_filter(param, value) if selected else params.with_filter(param, value)
    return FacetOption(param, value, labels.label(param, value), count, selected, path + changed.querystring())


def _sorted_pairs(param: str, pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    pairs = [(str(value), int(count)) for value, count in pairs if value not in (None, "") and count]
    if param == "year":
        return sorted(pairs, key=lambda pair: pair[0], reverse=True)
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def build_sidebar(
    facets: dict[str, list[tuple[str, int]]], params: SearchParams, labels: Labels, path: str
) -> list[FacetGroup]:
    """One group per facet that has values, in the URL's order; counties go under their city."""
    groups: dict[str, FacetGroup] = {}
    for facet in FACETS:
        param, label = facet.name, facet.label
        options = [_option(param, v, c, params, labels, path) for v, c in _sorted_pairs(param, facets.get(param, []))]
        groups[param] = FacetGroup(param, label, options)

    cities = {city.value: city for city in groups["city"].options}
    orphans = []
    for county in groups["county"].options:
        home = cities.get(labels.parent_code(county.value))
        if home is None:
            orphans.append(county)
        else:
            home.children.append(county)
    groups["county"].options = orphans
    return [group for group in groups.values() if group.options]


def build_chips(params: SearchParams, labels: Labels, path: str) -> list[Chip]:
    chips = [
        Chip(param, FACET_LABELS[param], labels.label(param, value),
             path + params.without_filter(param, value).querystring())
        for param, value in params.active_filters()
    ]
    if params.has_dates:
        chips.append(Chip("date", "日期", date_range_label(params.date_from, params.date_to),
                          path + params.without_dates().querystring()))
    kept, typed = date_tokens(params.q)
    if typed:  # a range typed in the box (2022..2023): removable like one chosen in the controls
        start, end = (d.isoformat() if d else "" for d in typed)
        chips.append(Chip("date", "日期", date_range_label(start, end), path + params.with_query(kept).querystring()))
    return chips


def date_range_label(start: str, end: str) -> str:
    """“2022 至 2023”, “2022 起”, “至 2023”."""
    if start and end:
        return start if start == end else f"{start} 至 {end}"
    return f"{start} 起" if start else f"至 {end}"
