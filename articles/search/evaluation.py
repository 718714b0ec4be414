"""How well search finds what readers copy from the paper: the measurements of
``manage.py evaluate_search``.

- **Exact-string recall and precision.** A seeded sample of runs of 1–8 characters is cut from
  the articles' searchable text (title lines, column label, banner, body blocks — read from the
  database, not the index). Each run is searched plain and quoted. Recall: of the articles that
  contain the run, the share found (goal 100 % both ways). Precision (quoted): of the articles
  found, the share that contain the run (goal 100 %). A run the query language would read as
  syntax (quotes, ``|``, a leading ``-``, ``OR``, a date such as 2024) is skipped and counted.
- **Judged queries.** Realistic queries, each with the article a reader means — named by a string
  of its title lines, judged by reading the seed pages — which must rank in the top 3.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from articles.models import Article, Block

from .grams import compact
from .indexes import BODY_KINDS
from .query import parse_query
from .service import matching_article_ids, search

RUN_SIZES = range(1, 9)

# (query, a string of the title lines of the article that must rank in the top 3), judged by
# reading the seed pages.
JUDGED = [
    ("流动体检车", "服务送上门"),
    ("刻字", "永把“廉”字刻心头"),
    ("能级工资", "让技术工人遇见美好未来"),
    ("物流节", "温州传化第三届物流节开幕"),
    ("独轮车支前", "沉浸式感悟红色精神"),
    ("许静 十八大代表", "照片背后的履职故事"),
    ("茶王", "松阳茶王争霸"),
    ("新型带徒制", "新型带徒制"),
    ("职工法律服务", "法护权益 安心在嘉"),
    ("乡村疗休养", "游乡村 助共富"),
]


def searchable_texts() -> dict[int, list[str]]:
    """{article id: its searchable parts, each compacted} from the database."""
    texts = {pk: [kicker, headline, subtitle, label, banner] for pk, kicker, headline, subtitle, label, banner in
             Article.objects.values_list("pk", "kicker", "headline", "subtitle", "column_label", "page__banner")}
    for article_id, text in (Block.objects.filter(article__isnull=False, hidden=False, kind__in=BODY_KINDS)
                             .order_by("article_id", "position", "seq").values_list("article_id", "text")):
        texts[article_id].append(text)
    return {pk: [c for c in (compact(p) for p in parts if p) if c] for pk, parts in texts.items()}


def is_plain_text(run: str) -> bool:
    """Does the query language read ``run`` (plain and quoted) as just this text?"""
    for q in (run, f'"{run}"'):
        parsed = parse_query(q)
        clauses = parsed.positive_clauses()
        if (len(clauses) != 1 or parsed.must_not or parsed.date_from or parsed.date_to
                or clauses[0].field != "text" or clauses[0].string != run):
            return False
    return True


def sample_runs(texts: dict[int, list[str]], count: int, seed: int) -> tuple[list[str], int]:
    """``count`` runs of 1–8 characters from random parts of random articles, and how many drawn
    runs were skipped as query syntax."""
    rng = random.Random(seed)
    articles = [parts for parts in texts.values() if parts]
    runs, skipped = [], 0
    while len(runs) < count and articles:
        part = rng.choice(rng.choice(articles))
        size = rng.choice(RUN_SIZES)
        if len(part) < size:
            continue
        start = rng.randrange(len(part) - size + 1)
        run = part[start : start + size]
        if is_plain_text(run):
            runs.append(run)
        else:
            skipped += 1
    return runs, skipped


@dataclass
class RunScores:
    samples: int = 0
    skipped: int = 0
    expected: int = 0  # sum over runs of the articles containing the run
    plain_found: int = 0  # of those, found by the plain query
    quoted_found: int = 0  # of those, found by the quoted query
    quoted_hits: int = 0  # every article the quoted queries found
    runs_fully_found_plain: int = 0
    runs_fully_found_quoted: int = 0
    misses: list[str] | None = None

    def lines(self) -> list[str]:
        pct = lambda a, b: f"{100 * a / b:.2f} %" if b else "-"  # noqa: E731
        return [
            f"runs sampled: {self.samples} (skipped as query syntax: {self.skipped})",
            f"recall, plain:   {pct(self.plain_found, self.expected)} of {self.expected} (article, run) pairs; "
            f"runs with every article found {pct(self.runs_fully_found_plain, self.samples)}",
            f"recall, quoted:  {pct(self.quoted_found, self.expected)}; "
            f"runs with every article found {pct(self.runs_fully_found_quoted, self.samples)}",
            f"precision, quoted (hits that contain the string): {pct(self.quoted_found, self.quoted_hits)} "
            f"of {self.quoted_hits} hits",
        ] + ([f"missed (first 10): {', '.join(self.misses[:10])}"] if self.misses else [])


def evaluate_runs(count: int, seed: int) -> RunScores:
    texts = searchable_texts()
    runs, skipped = sample_runs(texts, count, seed)
    joined = {pk: "\n".join(parts) for pk, parts in texts.items()}
    scores = RunScores(samples=len(runs), skipped=skipped, misses=[])
    for run in runs:
        expected = {pk for pk, text in joined.items() if run in text}
        plain, _ = matching_article_ids(run)
        quoted, _ = matching_article_ids(f'"{run}"')
        scores.expected += len(expected)
        scores.plain_found += len(expected & plain)
        scores.quoted_found += len(expected & quoted)
        scores.quoted_hits += len(quoted)
        scores.runs_fully_found_plain += expected <= plain
        scores.runs_fully_found_quoted += expected <= quoted
        if not expected <= quoted or not expected <= plain or quoted - expected:
            scores.misses.append(run)
    return scores


def evaluate_judged() -> list[tuple[str, str, int | None]]:
    """(query, title string, rank of the first article whose title lines contain it, or None)."""
    rows = []
    for q, title in JUDGED:
        hits = search(q, per_page=10, facets=False, highlight=False).hits
        rank = next((i + 1 for i, hit in enumerate(hits)
                     if compact(title) in compact(" ".join((hit.kicker, hit.headline, hit.subtitle)))), None)
        rows.append((q, title, rank))
    return rows
