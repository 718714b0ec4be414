"""The hand-read places of the seed articles (gold/regions.json) and how the tags compare.

Used by ``manage.py evaluate_enrichment --only regions`` and by tests/places. An article is found by
its page's source file and a piece of one of its title lines, so the gold survives re-imports
(article ids change) and editors' corrections of boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.models import Article, ArticleRegion

from .evaluation import GOLD_DIR, Score, find_article, load_gold_file

GOLD_FILE = GOLD_DIR / "regions.json"
LEVELS = ("province", "city", "county")


def load_gold() -> list[dict]:
    return load_gold_file(GOLD_FILE)


@dataclass
class ArticlePlaces:
    """What the tags say about one article: region names by level, and the primary ones."""

    regions: set[str] = field(default_factory=set)  # province/city/county names
    towns: set[str] = field(default_factory=set)
    city: str | None = None
    county: str | None = None


def tagged_places(article: Article) -> ArticlePlaces:
    places = ArticlePlaces()
    tags = ArticleRegion.objects.filter(article=article, rejected=False).values_list(
        "region__name", "region__level", "is_primary")
    for name, level, primary in tags:
        if level == "town":
            places.towns.add(name)
            continue
        places.regions.add(name)
        if primary and level == "city":
            places.city = name
        if primary and level == "county":
            places.county = name
    return places


def evaluate() -> dict:
    """Precision and recall of the region tags (province/city/county, and towns apart) against the
    gold, plus how often the main city and main county are right. Lists every difference."""
    regions, towns = Score(), Score()
    main_city = main_county = found = 0
    differences = []
    gold = load_gold()
    for entry in gold:
        article = find_article(entry)
        want = set(entry["regions"])
        if article is None:
            regions.add(set(), want)
            towns.add(set(), set(entry["towns"]))
            differences.append(f"{entry['file']} «{entry['title']}»: article not found")
            continue
        found += 1
        got = tagged_places(article)
        regions.add(got.regions, want)
        towns.add(got.towns, set(entry["towns"]))
        main_city += got.city == entry["city"]
        main_county += got.county == entry["county"]
        if got.regions != want or got.city != entry["city"] or got.county != entry["county"]:
            differences.append(
                f"{entry['file']} «{entry['title']}»: tagged {sorted(got.regions)} main {got.city}/{got.county}; "
                f"gold {sorted(want)} main {entry['city']}/{entry['county']}")
    return {
        "articles": len(gold), "found": found,
        "precision": regions.precision, "recall": regions.recall,
        "town_precision": towns.precision, "town_recall": towns.recall,
        "main_city_accuracy": main_city / len(gold), "main_county_accuracy": main_county / len(gold),
        "differences": differences,
    }
