"""The hand-judged main topic of each seed article (gold/topics.json) and how the tags compare.

Used by ``manage.py evaluate_enrichment --only topics`` and tests/people_topics. Precision is
right primaries over articles that got a primary; recall is right primaries over all 38.
"""

from __future__ import annotations

from pathlib import Path

from articles.models import ArticleTopic

from .evaluation import GOLD_DIR, find_article, load_gold_file

GOLD_FILE = GOLD_DIR / "topics.json"


def load_gold(path: Path = GOLD_FILE) -> list[dict]:
    return load_gold_file(path)


def primary_topic_slug(article) -> str | None:
    tag = (
        ArticleTopic.objects.filter(article=article, is_primary=True, rejected=False)
        .select_related("topic")
        .first()
    )
    return tag.topic.slug if tag else None


def evaluate() -> dict:
    right = with_primary = in_tags = acceptable = 0
    differences = []
    gold = load_gold()
    for entry in gold:
        article = find_article(entry)
        if article is None:
            differences.append(f"{entry['file'][:3]} {entry['title']}: article not found")
            continue
        primary = primary_topic_slug(article)
        tagged = set(
            ArticleTopic.objects.filter(article=article, rejected=False).values_list("topic__slug", flat=True)
        )
        with_primary += primary is not None
        right += primary == entry["topic"]
        acceptable += primary in (entry["topic"], entry.get("or"))
        in_tags += entry["topic"] in tagged
        if primary != entry["topic"]:
            differences.append(
                f"{entry['file'][:3]} {entry['title']}: primary {primary} (gold {entry['topic']}; tags {sorted(tagged)})"
            )
    return {
        "precision": right / with_primary if with_primary else 1.0,
        "recall": right / len(gold),
        "primary_right": f"{right}/{len(gold)}",
        "primary_or_alternative": f"{acceptable}/{len(gold)}",
        "gold_topic_among_tags": f"{in_tags}/{len(gold)}",
        "differences": differences,
    }
