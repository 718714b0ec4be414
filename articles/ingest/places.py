"""Place names for the importer's judgments — which title line names the actor, whether a title
names a place the article so far has not, whether a lead is about its title's place (misplaced
text) — read by the one place matcher the site has (``articles.enrich.places_matcher``), so the
importer and enrichment agree: 金华市场价格平稳 names no 金华, 西湖益联保 no 西湖区.

``PlaceNames()`` without a matcher knows no places (pure tests of the pipeline without a database);
``PlaceNames.from_database()`` uses enrichment's matcher, built once per process.
"""

from __future__ import annotations

from functools import lru_cache


class PlaceNames:
    def __init__(self, matcher=None):
        self.matcher = matcher
        self._found = lru_cache(maxsize=4096)(self._find)

    @classmethod
    def from_database(cls) -> "PlaceNames":
        from articles.enrich.regions import get_matcher

        return cls(get_matcher())

    def cities_in(self, text: str) -> set[str]:
        """Codes of the cities ``text`` is about (a county counts for its city: 象山 → 宁波)."""
        return self._found(text)[0]

    def places_in(self, text: str) -> set[str]:
        """Codes of the places named in ``text`` as named: 临平 → 临平区, 杭州 → 杭州市."""
        return self._found(text)[1]

    def names_in(self, text: str) -> list[str]:
        """The place names as printed in ``text`` (湖州, 高虹镇), in order of first occurrence."""
        return list(self._found(text)[2])

    def _find(self, text: str) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
        if self.matcher is None or not text:
            return frozenset(), frozenset(), ()
        from articles.enrich.places_matcher import BODY

        result = self.matcher.match([(text, BODY)])
        gaz = self.matcher.gaz
        cities = frozenset(gaz.places[i].code for i in result.weights if gaz.places[i].level == "city")
        named = [gaz.places[i] for i in result.mentions]
        printed = []
        for place in named:
            for spelling in (place.name, place.short_name):
                if spelling and spelling in text and spelling not in printed:
                    printed.append(spelling)
                    break
        printed.sort(key=text.find)
        return cities, frozenset(p.code for p in named), tuple(printed)
