"""The hand-judged topics of each seed article (gold/topics.json) and how the tags compare.

Used by ``manage.py evaluate_enrichment --only topics`` and tests/people_topics. Two measures:

* the main topic: precision is right primaries over articles that got a primary; recall is right
  primaries over all 38;
* topic pages (what readers see on /topics/<slug>/): every (article, topic) tag against the gold's
  ``topics`` lists — ``tags_precision`` is right tags over all automatic tags, ``tags_recall`` is
  gold pairs found over all gold pairs. A topic page that misses articles is a recall problem.

The same figures for the segmentation development set (tuned on) and for the held-out set written for
issue 12 (never tuned on) come from ``topics_dev_gold`` and are returned under ``dev`` and
``held_out``.
"""

from __future__ import annotations

from pathlib import Path

from articles.models import ArticleTopic

from .evaluation import GOLD_DIR, find_article, load_gold_file
from .topics_dev_gold import DEV_GOLD_FILE, HELD_OUT_GOLD_FILE, evaluate_gold_set

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
    tags_right = tags_total = gold_pairs = 0
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
        wanted = set(entry.get("topics") or [entry["topic"]])
        tags_right += len(tagged & wanted)
        tags_total += len(tagged)
        gold_pairs += len(wanted)
        if tagged != wanted:
            differences.append(f"{entry['file'][:3]} {entry['title']}: tags missing {sorted(wanted - tagged)}, "
                               f"extra {sorted(tagged - wanted)}")
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
        "tags_precision": tags_right / tags_total if tags_total else 1.0,
        "tags_recall": tags_right / gold_pairs if gold_pairs else 1.0,
        "tags_right": f"{tags_right} of {tags_total} tags, {gold_pairs} in gold",
        "differences": differences,
        "dev": evaluate_gold_set(DEV_GOLD_FILE),
        "held_out": evaluate_gold_set(HELD_OUT_GOLD_FILE),
    }
