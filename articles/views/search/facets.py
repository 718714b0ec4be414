"""The facet sidebar and the active-filter chips of the search page.

The engine counts facet values over every matching article; this module turns (value, count) pairs
into what a reader sees: names instead of identifiers (looked up in one query per facet, whatever
the index stores — slug, name or code), counties nested under their city, the selected values
marked, and for every value the URL that adds or removes it. Unknown values in the URL (typed or
stale) still get a chip with the raw value, so they can be removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from articles.forms.search import FACET_LABELS, FACET_PARAMS, SearchParams
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


@dataclass
class Chip:
    param: str
    facet_label: str
    label: str
    remove_url: str


def _match(model, values, *fields):
    """value → object for objects whose any of ``fields`` equals a value (one query)."""
    if not values:
        return {}
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__in": values})
    queryset = model.objects.filter(condition)
    if model is Region:
        queryset = queryset.select_related("parent")
    found = {}
    for obj in queryset:
        for name in fields:
            found.setdefault(str(getattr(obj, name)), obj)
    return found


class Labels:
    """Display names of facet values, and the city each county belongs to."""

    def __init__(self, values_by_param: dict[str, set[str]]):
        self.regions = _match(
            Region, values_by_param.get("city", set()) | values_by_param.get("county", set()), "slug", "name", "code"
        )
        self.topics = _match(Topic, values_by_param.get("topic", set()), "slug", "name")
        self.persons = _match(Person, values_by_param.get("person", set()), "slug", "name")

    def label(self, param: str, value: str) -> str:
        if param in ("city", "county") and value in self.regions:
            return self.regions[value].name
        if param == "topic" and value in self.topics:
            return self.topics[value].name
        if param == "person" and value in self.persons:
            return self.persons[value].name
        if param == "year" and value.isdigit():
            return f"{value}年"
        return value

    def parent_city_region(self, county_value: str) -> Region | None:
        region = self.regions.get(county_value)
        return region.parent if region is not None else None


def trim_facets(facets: dict[str, list[tuple[str, int]]], params: SearchParams) -> dict[str, list[tuple[str, int]]]:
    """The most frequent values of each facet (the engine sorts by count), plus any selected one."""
    trimmed = {}
    for param, pairs in facets.items():
        limit = MAX_OPTIONS.get(param, DEFAULT_MAX_OPTIONS)
        selected = set(params.filters.get(param, ()))
        trimmed[param] = [pair for i, pair in enumerate(pairs) if i < limit or pair[0] in selected]
    return trimmed


def collect_labels(facets: dict[str, list[tuple[str, int]]], params: SearchParams) -> Labels:
    values: dict[str, set[str]] = {}
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
    for param, label in FACET_PARAMS:
        options = [_option(param, v, c, params, labels, path) for v, c in _sorted_pairs(param, facets.get(param, []))]
        groups[param] = FacetGroup(param, label, options)

    cities = groups["city"].options
    orphans = []
    for county in groups["county"].options:
        parent = labels.parent_city_region(county.value)
        home = next((c for c in cities if parent is not None and labels.regions.get(c.value) == parent), None)
        if home is None:
            orphans.append(county)
        else:
            home.children.append(county)
    groups["county"].options = orphans
    return [group for group in groups.values() if group.options]


def build_chips(params: SearchParams, labels: Labels, path: str) -> list[Chip]:
    return [
        Chip(param, FACET_LABELS[param], labels.label(param, value),
             path + params.without_filter(param, value).querystring())
        for param, value in params.active_filters()
    ]
