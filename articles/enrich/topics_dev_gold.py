"""Topic tagging scored on pages with gold segmentation, article texts taken from that gold.

Two gold files, described in ``evaluation/topics/README.md`` and labelled by
``evaluation/topics/GUIDELINES.md``, give each article of their pages its main topic and every topic
page it belongs on: ``evaluation/topics/dev.json`` for the 30 pages of the segmentation development
set (tuned on), ``evaluation/topics/heldout2/topics.json`` for 6 pages written for issue 12 and never
tuned on. Each article's text is read from its gold line range (``gold_texts``) and ranked with
``rank_topics`` exactly as enrichment ranks an imported article, so segmentation errors do not blur
the topic figures, and no import is needed: only the Topic rows are read from the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from articles.ingest.evaluation.gold import strip_marks
from articles.models import Topic

from .gold_texts import GoldText, gold_texts
from .topics import load_matchers, rank_topics

DEV_GOLD_FILE = Path(settings.BASE_DIR) / "evaluation" / "topics" / "dev.json"
HELD_OUT_GOLD_FILE = Path(settings.BASE_DIR) / "evaluation" / "topics" / "heldout2" / "topics.json"


class TopicGoldError(ValueError):
    """A topic gold entry that does not fit the pages: names the file and the entry."""


@dataclass(frozen=True)
class LabelledText:
    text: GoldText
    topic: str | None
    topics: frozenset[str]


def load_dev_gold(path: Path = DEV_GOLD_FILE) -> list[LabelledText]:
    """Every gold article of the pages with its labels; ``TopicGoldError`` when an entry names no gold
    article, its title no longer starts that line, an article has no entry, or a slug is unknown."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = (Path(settings.BASE_DIR) / data["pages"]).resolve()
    slugs = set(Topic.objects.values_list("slug", flat=True))
    labels = {(entry["file"], entry["line"]): entry for entry in data["articles"]}
    labelled, used = [], set()
    for page in sorted(p.name for p in pages.glob("*.txt")):
        lines = (pages / page).read_text(encoding="utf-8").splitlines()
        for text in gold_texts(pages / page):
            entry = labels.get((page, text.line))
            if entry is None:
                raise TopicGoldError(f"{path}: no entry for {page} line {text.line} ({text.title or text.body[:12]})")
            if not strip_marks(lines[text.line - 1]).strip().startswith(entry["title"]):
                raise TopicGoldError(f"{path}: {page} line {text.line} no longer starts with {entry['title']!r}")
            unknown = set(entry["topics"]) - slugs
            if unknown or (entry["topic"] and entry["topic"] not in entry["topics"]):
                raise TopicGoldError(f"{path}: {page} line {text.line}: unknown or inconsistent topics {entry}")
            used.add((page, text.line))
            labelled.append(LabelledText(text, entry["topic"], frozenset(entry["topics"])))
    stray = sorted(set(labels) - used)
    if stray:
        raise TopicGoldError(f"{path}: entries that name no gold article: {stray}")
    return labelled


def evaluate_gold_set(path: Path = DEV_GOLD_FILE) -> dict:
    """The figures (``score``) of the tagger on every article of a gold file's pages."""
    matchers = load_matchers()
    slug_of = dict(Topic.objects.values_list("pk", "slug"))
    rows = []
    for item in load_dev_gold(path):
        ranked = [slug_of[topic_id] for topic_id, _ in rank_topics(item.text.title, item.text.body, matchers)]
        rows.append((item, ranked[0] if ranked else None, set(ranked)))
    return score(rows)


def score(rows: list[tuple[LabelledText, str | None, set[str]]]) -> dict:
    """Main topic: accuracy over all articles (no topic where the gold has none counts as right),
    precision over articles given a primary. Topic pages: (article, topic) pairs against the gold."""
    right = with_primary = tags_right = tags_total = gold_pairs = 0
    differences = []
    for item, primary, tagged in rows:
        right += primary == item.topic
        with_primary += primary is not None
        tags_right += len(tagged & item.topics)
        tags_total += len(tagged)
        gold_pairs += len(item.topics)
        name = f"{item.text.page[:7]} L{item.text.line} {item.text.title.splitlines()[0] if item.text.title else ''}"
        if tagged != item.topics:
            differences.append(f"{name}: tags missing {sorted(item.topics - tagged)}, extra {sorted(tagged - item.topics)}")
        if primary != item.topic:
            differences.append(f"{name}: primary {primary} (gold {item.topic})")
    return {
        "articles": len(rows),
        "main_topic_accuracy": right / len(rows) if rows else 1.0,
        "main_topic_precision": sum(1 for item, p, _ in rows if p and p == item.topic) / with_primary if with_primary else 1.0,
        "tags_precision": tags_right / tags_total if tags_total else 1.0,
        "tags_recall": tags_right / gold_pairs if gold_pairs else 1.0,
        "tags_right": f"{tags_right} of {tags_total} tags, {gold_pairs} in gold",
        "differences": differences,
    }
