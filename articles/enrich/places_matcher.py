"""Find the Zhejiang regions a text is about.

Rules, each answering a trap seen in the paper:
  * Full names (德清县, 高虹镇, 湖州市) count where they line up with jieba's word boundaries
    (金华市场 is not 金华市), the suffix possibly glued to the next word (宁波/市总工会).
  * Short names (德清, 义乌) count only as whole jieba words, never inside a longer word
    (西湖益联保 is one word) nor right after a one-character surname (李/永康, 陈/新昌: the
    people step's surname list, without those that double as prepositions), nor right
    after another province's or prefecture's name (南京/江北, 上海/普陀区).
  * A name followed by an everyday word that starts with an administrative suffix (金华/市场,
    湖州/区域) is not a place: 金华市场价格平稳 names no 金华 (the regex trap the importer had).
  * Ports and stations named after a city (宁波港, 杭州东站) are one jieba word; they count for
    their city.
  * Short names that are everyday words (海盐, 三门, 江山, 路桥 …) count only when the same text
    names the region in full or names one of its towns.
  * Town full names count when unique in Zhejiang, or when their county or city is named too;
    town short names (杭坪 for 杭坪镇) only when their county is named.
  * A text that names no city but speaks of the province (省总工会, 全省, 浙江) is about the province.

Weights: a mention in the title group counts 3, in the lead 2, elsewhere 1. The result names the
main city (most weight, counting its counties and towns) and the main county (most weight within
that city, if it carries at least 0.6 of the weight of the city's own mentions, and is named in
more than one title line or paragraph when the city is: an article about 温州 that mentions 瑞安 in
passing is about the city).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field

from articles.text.fold import fold

from .places_gazetteer import Gazetteer, Place

TITLE, LEAD, BODY = 3, 2, 1
PRIMARY_COUNTY_SHARE = 0.6
SUFFIX_CHARS = set("省市区县镇乡")
# Everyday words that begin with an administrative suffix character: after a place name they are
# not its suffix (金华/市场 is a market, not 金华市).
SUFFIX_LOOKALIKES = {"市场", "市值", "市价", "市面", "市井", "区域", "区别", "区分", "区间", "镇定", "镇静", "乡愁"}
# Infrastructure named after its city, printed as one word: 宁波港, 杭州东站, 温州机场.
NAMED_AFTER_CITY = ("港", "站", "东站", "南站", "西站", "北站", "机场", "港区")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
# Province-level cues when no city is named: 省总工会, 省国防工会, 全省, 我省, 浙江省.
PROVINCE_CUE = re.compile(r"全省|我省|浙江|(?:^|[^\u4e00-\u9fff]|[的和与及、在由])省[\u4e00-\u9fff]{0,8}?(?:工会|委|政府|厅|局|办)")


@dataclass
class Mention:
    place: Place
    weight: int
    text: str  # the words around it, for the tag's evidence
    form: str  # "full", "short" or "town_short"
    section: int = 0  # which title line or paragraph


@dataclass
class PlaceResult:
    """Weighted regions of one text: every region found, rolled up to its county and city."""

    weights: dict[int, float] = field(default_factory=dict)  # region id → weight (own + rolled up)
    mentions: dict[int, int] = field(default_factory=dict)  # region id → own mentions
    evidence: dict[int, str] = field(default_factory=dict)
    main_city: int | None = None
    main_county: int | None = None
    province: int | None = None  # set only for a province-level text (no city found)

    @property
    def region_ids(self) -> list[int]:
        ids = list(self.weights)
        if self.province:
            ids.append(self.province)
        return ids


class PlaceMatcher:
    def __init__(self, gazetteer: Gazetteer, segmenter):
        self.gaz = gazetteer
        self.seg = segmenter
        # First character → lengths of the names starting with it: finding every name in a text is
        # one dictionary look-up per character (a regular expression of 1,500 names is far slower).
        self._full_lengths = _lengths_by_first_char(gazetteer.full_names)
        self._any_names = {*gazetteer.full_names, *gazetteer.short_names, *gazetteer.town_short_names}
        self._any_lengths = _lengths_by_first_char(self._any_names)
        self._segmented = lru_cache(maxsize=20_000)(lambda sentence: tuple(self.seg.cut(sentence)))

    # -- public -------------------------------------------------------------------------------
    def match(self, sections: list[tuple[str, int]], rejected: frozenset[int] = frozenset()) -> PlaceResult:
        """``sections``: (text, weight) pairs, e.g. [(headline, TITLE), (lead, LEAD), (para, BODY)].
        ``rejected``: region ids an editor removed from this text; they count for nothing, so a
        rejected 德清县 does not bring 湖州市 back either."""
        candidates: list[Mention] = []
        for index, (text, weight) in enumerate(sections):
            # Only sentences that contain a name at all are segmented (jieba is the costly part).
            for sentence in SENTENCE_END.split(fold(text or "")):
                if sentence and next(_find(sentence, self._any_lengths, self._any_names), None):
                    for mention in self._mentions_in(sentence, weight):
                        mention.section = index
                        candidates.append(mention)
        accepted = self._resolve(candidates)
        result = self._weigh([m for m in accepted if m.place.id not in rejected], rejected)
        if result.main_city is None and self.gaz.province_id is not None:
            if any(PROVINCE_CUE.search(fold(text or "")) for text, _ in sections):
                result.province = self.gaz.province_id
        return result

    # -- finding candidates ---------------------------------------------------------------------
    def segment(self, sentence: str) -> tuple[str, ...]:
        """jieba's words for ``sentence``, remembered: the importer reads a page's places (titles,
        leads) and enrichment reads the same sentences again right after, in the same process."""
        return self._segmented(sentence)

    def _mentions_in(self, text: str, weight: int) -> list[Mention]:
        tokens = list(self.segment(text))
        starts, ends, pos = {}, {}, 0
        for index, word in enumerate(tokens):
            starts[pos] = index
            pos += len(word)
            ends[pos] = index
        found: list[Mention] = []
        # Full names: any aligned occurrence, even when jieba split the name into pieces (牟/山镇).
        for start, name in _find(text, self._full_lengths, self.gaz.full_names):
            end = start + len(name)
            # jieba may glue the suffix to the next word (宁波/市总工会, 德清/县委): still aligned.
            aligned_end = end in ends or (end - 1 in starts and name[-1] in SUFFIX_CHARS)
            glued = tokens[starts[end - 1]] if end - 1 in starts else ""
            if glued in SUFFIX_LOOKALIKES:
                continue
            if start in starts and aligned_end and not self._after_elsewhere(tokens, starts[start]):
                ids = self.gaz.full_names[name]
                found.extend(Mention(self.gaz.places[i], weight, _around(text, start), "full") for i in ids)
        # Short names: whole tokens only.
        offset = 0
        for index, word in enumerate(tokens):
            start, offset = offset, offset + len(word)
            form, ids = None, None
            if index + 1 < len(tokens) and tokens[index + 1] in SUFFIX_LOOKALIKES:
                continue
            word = self._city_of_infrastructure(word)
            if word in self.gaz.short_names:
                form, ids = "short", self.gaz.short_names[word]
            elif word in self.gaz.town_short_names:
                form, ids = "town_short", self.gaz.town_short_names[word]
            if not ids or self._after_surname(tokens, index) or self._after_elsewhere(tokens, index):
                continue
            found.extend(Mention(self.gaz.places[i], weight, _around(text, start), form) for i in ids)
        return found

    def _city_of_infrastructure(self, word: str) -> str:
        """宁波港 → 宁波; any other word unchanged."""
        for suffix in NAMED_AFTER_CITY:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and stem in self.gaz.short_names and stem not in self.gaz.ambiguous_short_names:
                return stem
        return word

    def _after_surname(self, tokens, index: int) -> bool:
        """李/永康, 陈/新昌: a one-character surname as the word right before makes a person's name
        (jieba splits such names this way once the place is in its dictionary). Surnames that are
        also prepositions (于, 向, 和 …) are left out of the list."""
        return index > 0 and len(tokens[index]) == 2 and tokens[index - 1] in self.gaz.surnames

    def _after_elsewhere(self, tokens, index: int) -> bool:
        """南京/江北: a place of another province right before."""
        return index > 0 and tokens[index - 1] in self.gaz.elsewhere

    # -- deciding ------------------------------------------------------------------------------
    def _resolve(self, candidates: list[Mention]) -> list[Mention]:
        """Drop everyday-word short names without support, then towns without their context."""
        return self._towns_in_context(self._supported_short_names(candidates))

    def _supported_short_names(self, candidates: list[Mention]) -> list[Mention]:
        """海盐, 三门, 江山 …: kept only if the region is named in full or through one of its towns."""
        ambiguous = self.gaz.ambiguous_short_names
        supported = {m.place.id for m in candidates if m.form == "full"}
        supported |= {m.place.parent_id for m in candidates if m.form == "full" and m.place.level == "town"}
        return [m for m in candidates
                if not (m.form == "short" and m.place.short_name in ambiguous and m.place.id not in supported)]

    def _towns_in_context(self, mentions: list[Mention]) -> list[Mention]:
        """A town counts if its county (or city) is named too, or — written in full — if no other
        town of Zhejiang has its name. A town's short name (杭坪) needs its county."""
        gaz = self.gaz
        named = {m.place.id for m in mentions if m.place.level != "town" and m.form != "town_short"}
        named |= {city.id for city in (gaz.city_of(gaz.places[i]) for i in list(named)) if city}
        namesakes: dict[str, set[int]] = defaultdict(set)  # full name → every town found under it
        for m in mentions:
            if m.place.level == "town" and m.form == "full":
                namesakes[m.place.name].add(m.place.id)
        kept = []
        for m in mentions:
            if m.place.level != "town":
                kept.append(m)
                continue
            county = gaz.county_of(m.place)
            in_context = county is not None and county.id in named
            if in_context or (m.form == "full" and len(namesakes[m.place.name]) == 1):
                kept.append(m)
        return kept

    def _weigh(self, mentions: list[Mention], rejected: frozenset[int]) -> PlaceResult:
        gaz = self.gaz
        result = PlaceResult()
        own_weight: dict[int, float] = defaultdict(float)
        own_sections: dict[int, set[int]] = defaultdict(set)  # where the place itself is named
        sections: dict[int, set[int]] = defaultdict(set)  # … or one of its towns
        first_seen: dict[int, int] = {}
        for order, m in enumerate(mentions):
            own_weight[m.place.id] += m.weight
            own_sections[m.place.id].add(m.section)
            result.mentions[m.place.id] = result.mentions.get(m.place.id, 0) + 1
            result.evidence.setdefault(m.place.id, m.text)
            for place in gaz.chain(m.place):
                if place.id in rejected:
                    continue
                result.weights[place.id] = result.weights.get(place.id, 0) + m.weight
                sections[place.id].add(m.section)
                first_seen.setdefault(place.id, order)
        cities = [i for i in result.weights if gaz.places[i].level == "city"]
        if not cities:
            return result
        result.main_city = max(cities, key=lambda i: (result.weights[i], -first_seen[i]))
        counties = [i for i in result.weights
                    if gaz.places[i].level == "county" and gaz.places[i].parent_id == result.main_city]
        if counties:
            best = max(counties, key=lambda i: (result.weights[i], -first_seen[i]))
            heavy = result.weights[best] >= PRIMARY_COUNTY_SHARE * own_weight.get(result.main_city, 0)
            # Named in one paragraph of an article that keeps coming back to its city, a county is
            # where an event happened (宁波's campaign launched in 镇海), not what the article is about.
            passing = len(sections[best]) == 1 and len(own_sections[result.main_city]) > 1
            if heavy and not passing:
                result.main_county = best
        return result


def _lengths_by_first_char(names) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in names:
        lengths[name[0]].add(len(name))
    return {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()}


def _find(text: str, lengths: dict[str, tuple[int, ...]], names):
    """(start, name) of every occurrence of ``names`` in ``text``, overlapping ones included."""
    for start, char in enumerate(text):
        for length in lengths.get(char, ()):
            candidate = text[start:start + length]
            if candidate in names:
                yield start, candidate


def _around(text: str, start: int, width: int = 24) -> str:
    return text[max(0, start - width // 2): start + width].strip()
