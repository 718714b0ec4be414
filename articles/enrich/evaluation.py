"""What the three gold comparisons (places, people, topics) share: reading a gold file, finding the
article a gold entry means, and counting precision and recall.

A gold entry names its article by the page's source file and a piece of one of its title lines,
not by id, so the gold survives re-imports (ids change) and editors' corrections of boundaries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q

from articles.models import Article

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def load_gold_file(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def find_article(entry: dict) -> Article | None:
    """The article of a gold entry (``file`` + ``title`` piece); None if the importer did not make it."""
    title = entry["title"]
    return (
        Article.objects.filter(page__source_name__endswith=entry["file"])
        .filter(Q(kicker__contains=title) | Q(headline__contains=title) | Q(subtitle__contains=title))
        .order_by("order")
        .first()
    )


@dataclass
class Score:
    true_positives: int = 0
    tagged: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.tagged if self.tagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    def add(self, got: set[str], want: set[str]) -> None:
        self.true_positives += len(got & want)
        self.tagged += len(got)
        self.expected += len(want)
