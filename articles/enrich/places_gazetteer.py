"""The matcher's view of the regions: names to look for, and a jieba segmenter that knows them.

Built once per process from the Region table (loaded by migration 0004 from the committed
fixture), plus three small committed word lists in ``data/``:
  * places_elsewhere.txt — other provinces and prefectures (generated), to refuse 南京江北;
  * place_homographs.txt — short names that are also everyday words (江山, 路桥);
  * place_stopwords.txt — words that contain a place name but are not about it (西湖益联保).

The segmenter is a private ``jieba.Tokenizer``: adding place names to jieba's global dictionary
would change how the search index segments text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import jieba

DATA_DIR = Path(__file__).resolve().parent / "data"
SEARCH_USERDICT = Path(__file__).resolve().parent.parent / "search" / "userdict.txt"

# jieba part-of-speech tags of ordinary words (nouns, verbs, numerals …). A county short name that
# jieba's own dictionary tags so (海盐/n, 三门/m, 开化/v) is read as a place only with support.
ORDINARY_WORD_TAGS = {"n", "v", "vn", "m", "mq", "q", "a", "ad", "an", "d", "t", "s", "f", "b", "c",
                      "p", "r", "u", "l", "i", "j", "z"}
# Tags jieba gives to names; a town short name must be one of these (or unknown to jieba).
PLACE_TAGS = {"ns", "nz", "nt", None}


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str
    short_name: str
    level: str
    parent_id: int | None


@dataclass
class Gazetteer:
    places: dict[int, Place]
    full_names: dict[str, list[int]] = field(default_factory=dict)  # 德清县 → [id]
    short_names: dict[str, list[int]] = field(default_factory=dict)  # 德清 → [id] (cities, counties)
    town_short_names: dict[str, list[int]] = field(default_factory=dict)  # 杭坪 → [id]
    ambiguous_short_names: set[str] = field(default_factory=set)
    elsewhere: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)  # one-character surnames (李, 陈 …)
    province_id: int | None = None

    def parent(self, place: Place) -> Place | None:
        return self.places.get(place.parent_id) if place.parent_id else None

    def chain(self, place: Place) -> list[Place]:
        """The place and its ancestors below the province: town → county → city."""
        out = []
        while place is not None and place.level != "province":
            out.append(place)
            place = self.parent(place)
        return out

    def city_of(self, place: Place) -> Place | None:
        return next((p for p in self.chain(place) if p.level == "city"), None)

    def county_of(self, place: Place) -> Place | None:
        return next((p for p in self.chain(place) if p.level == "county"), None)


def _read_word_list(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#")]


def build_gazetteer(regions) -> Gazetteer:
    """``regions``: an iterable of Region rows (or anything with the same attributes)."""
    places = {r.id: Place(r.id, r.code, r.name, r.short_name, r.level, r.parent_id) for r in regions}
    gaz = Gazetteer(places=places, elsewhere=set(_read_word_list("places_elsewhere.txt")), surnames=_surnames())
    homographs = set(_read_word_list("place_homographs.txt"))
    default_tags = _default_dictionary_tags({p.short_name for p in places.values()})
    for place in places.values():
        if place.level == "province":
            gaz.province_id = place.id
            continue
        gaz.full_names.setdefault(place.name, []).append(place.id)
        if place.short_name == place.name or len(place.short_name) < 2:
            continue
        if place.level == "town":
            if default_tags.get(place.short_name) in PLACE_TAGS:
                gaz.town_short_names.setdefault(place.short_name, []).append(place.id)
            continue
        gaz.short_names.setdefault(place.short_name, []).append(place.id)
        if place.level == "county" and (
            place.short_name in homographs or default_tags.get(place.short_name) in ORDINARY_WORD_TAGS
        ):
            gaz.ambiguous_short_names.add(place.short_name)
    return gaz


# Surnames that are also prepositions or other function words right before a place name
# (于义乌举行, 向德清, 和长兴), and administrative words (区, 市): a place after them is still a place.
FUNCTION_WORD_SURNAMES = set("于向和从经为以自由同将对把被给在到至及与或是有去来往赴进出中全各每本该某原新老大小上下东西南北省市区县镇乡村")


def _surnames() -> set[str]:
    """One-character surnames from the people step's list (data/surnames.txt)."""
    lines = (DATA_DIR / "surnames.txt").read_text(encoding="utf-8").splitlines()
    words = {w for line in lines if not line.startswith("#") for w in line.split()}
    return {w for w in words if len(w) == 1} - FUNCTION_WORD_SURNAMES


def _default_dictionary_tags(words: set[str]) -> dict[str, str]:
    """Part-of-speech tags that jieba's own dictionary (dict.txt: "word freq tag") gives ``words``."""
    tags = {}
    with _jieba_dict().open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.partition(" ")
            if word in words:
                tags[word] = rest.split()[-1]
    return tags


def _jieba_dict() -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def _search_words(gaz: Gazetteer) -> list[tuple[str, str | None]]:
    """The search segmenter's domain words, minus compounds that contain a place name (宁波市总工会):
    here the place must stand as a word of its own."""
    if not SEARCH_USERDICT.exists():
        return []
    names = [name for name in (*gaz.full_names, *gaz.short_names) if len(name) >= 2]
    words = []
    for line in SEARCH_USERDICT.read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if not parts or any(name in parts[0] for name in names):
            continue
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        words.append((parts[0], tag))
    return words


def build_segmenter(gaz: Gazetteer) -> jieba.Tokenizer:
    """A private jieba with the search helper's domain words, the place names and the stop words."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word, tag in _search_words(gaz):
        tokenizer.add_word(word, tag=tag)
    for name in gaz.full_names:
        tokenizer.add_word(name, tag="ns")
    for name in gaz.short_names:
        if name not in gaz.ambiguous_short_names:
            tokenizer.add_word(name, tag="ns")
    for name in gaz.elsewhere:
        tokenizer.add_word(name, tag="ns")
    for word in _read_word_list("place_stopwords.txt"):
        tokenizer.add_word(word, tag="nz")
    return tokenizer
