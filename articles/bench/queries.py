"""What the search benchmark asks every engine, and what each kind of query means for each engine.

Kinds (the rows of the report):

- ``one word`` / ``two words``: words a reader types; every word must occur (AND).
- ``phrase``: a quoted run of words.
- ``2 characters`` / ``6 characters across words``: exact strings, quoted, chosen from the seed
  prose where jieba does not cut them out as words: 模工 lies inside the word 劳模工匠, 刻字 across
  美工/刻/字体, 就业形态劳动 across 新就业形态/劳动者. Our engine promises every article that
  contains the string; an engine over jieba words can only approximate it by a phrase of the
  query's own words, so the report prints every engine's hit count side by side: the recall
  difference is part of the result. :func:`check_strings` proves from the seed text that each
  string still is what its kind says, and the report shows jieba's cut around it.

Each kind is timed without facets and with the six facets; a few queries also with filters (a
city that occurs in the corpus and a middle year) and facets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

WORDS, PHRASE, STRING = "words", "phrase", "string"


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # WORDS | PHRASE | STRING
    text: str  # the words or the string, without quotes

    @property
    def typed(self) -> str:
        """What a reader types into the search box (phrases and exact strings quoted)."""
        return self.text if self.kind == WORDS else f'"{self.text}"'

    @property
    def label(self) -> str:
        return self.typed


QUERY_KINDS: dict[str, list[BenchQuery]] = {
    "one word": [BenchQuery(WORDS, q) for q in ("劳模", "工会", "快递小哥", "技能")],
    "two words": [BenchQuery(WORDS, q) for q in ("劳模 工匠", "新就业形态 劳动者", "工资集体协商 企业")],
    "phrase": [BenchQuery(PHRASE, q) for q in ("劳模工匠", "技能提升", "产业工人")],
    # 模工: inside 劳模工匠 (frequent); 刻字: across 美工/刻/字体 (one paragraph, issue 8's example).
    "2 characters": [BenchQuery(STRING, q) for q in ("模工", "刻字")],
    # 就业形态劳动: across 新就业形态/劳动者 (frequent); 式现代化浙江: 中国式/现代化/浙江 (rare).
    "6 characters across words": [BenchQuery(STRING, q) for q in ("就业形态劳动", "式现代化浙江")],
}
# What jieba must do to each exact string in the seed text for its kind to be honest:
# "part": start or end inside a word (not findable as whole words); "across": that, and a word
# boundary inside the string as well.
STRING_RULES = {"2 characters": "part", "6 characters across words": "across"}
FILTERED = [BenchQuery(WORDS, q) for q in ("劳模", "工会", "技能 提升")]


@dataclass(frozen=True)
class Step:
    """One timed search: the report row it counts in, the query, filters, and whether with facets."""

    row: str
    query: BenchQuery
    filters: dict = field(default_factory=dict)
    facets: bool = False


def query_plan(filters: dict) -> list[Step]:
    """Every timed search, in order: each kind without and with facets, then the filtered ones."""
    plan = []
    for kind, queries in QUERY_KINDS.items():
        plan += [Step(kind, q) for q in queries]
        plan += [Step(f"{kind} + facets", q, facets=True) for q in queries]
    plan += [Step("filtered + facets", q, filters, True) for q in FILTERED]
    return plan


def jieba_cut(string: str, paragraphs: list[str], margin: int = 6) -> tuple[str, bool, bool] | None:
    """(jieba's cut of the first seed paragraph around ``string``, whether the string starts or ends
    inside a word there, whether a word boundary lies inside it), or None if no paragraph has it."""
    from articles.search.analysis import segment

    for paragraph in paragraphs:
        at = paragraph.find(string)
        if at < 0:
            continue
        end = at + len(string)
        words = segment(paragraph)
        bounds = {w.start for w in words} | {w.end for w in words}
        near = [w.text for w in words if w.end > at - margin and w.start < end + margin]
        return "/".join(near), at not in bounds or end not in bounds, any(at < b < end for b in bounds)
    return None


def check_strings(seeds_dir: Path) -> dict[str, str]:
    """{query label: jieba's cut of its context} for the exact-string kinds. Raises ValueError if a
    string no longer occurs in the seed prose or jieba no longer cuts it as its kind says (see
    STRING_RULES): the benchmark would then measure something other than it claims."""
    from articles.bench.corpus import seed_text

    paragraphs, _ = seed_text(seeds_dir)
    cuts = {}
    for kind, rule in STRING_RULES.items():
        for query in QUERY_KINDS[kind]:
            found = jieba_cut(query.text, paragraphs)
            if found is None:
                raise ValueError(f"bench query {query.text} does not occur in the seed paragraphs of {seeds_dir}")
            cut, partial, inner = found
            if not partial or (rule == "across" and not inner):
                raise ValueError(f"bench query {query.text} ({kind}) is cut by jieba as {cut}: pick another string")
            cuts[query.label] = cut
    return cuts
