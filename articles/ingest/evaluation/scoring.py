"""Scoring what the importer made of a page against the page's gold. Pure functions.

Per page, ``score_page`` returns a ``Tally`` (counts, summed over a set of pages by ``add``) and the
differences an engineer wants to read. ``figures`` turns a tally into the printed rates.

How a gold article is matched (``_match``): by its headline *line* — the importer's article that holds
a title block (kicker, headline or subtitle) covering the gold headline's source line. That is
"found (headline matched)". It is "headline right" when that block is the article's headline. An
article without a title (a page that opens mid-article) is matched by its first line. Every made
article matched by no gold article is spurious (typically an inner subhead or a credit taken for a
new title).

Paragraph boundaries: the candidates are the first lines of the source paragraphs (runs of non-blank
lines) inside gold articles, less title and column-label lines. A candidate is a gold boundary unless
the gold marks it as a join (the rest of a paragraph cut by a column break); the importer draws a
boundary there when one of its blocks starts on that line.

Credits: (printed name, role) pairs of matched articles; a gold role ``author`` (a name printed with
no role word: ``■ 张三``, ``文/ 张三``, ``（张三 李四）``) is matched by the same name in any role,
since the archive has no author role. Names the importer tags as mentioned in the text are not credits.
"""

from collections import Counter
from dataclasses import dataclass, field

from .gold import GoldArticle, GoldPage, squash

TITLE_KINDS = ("kicker", "headline", "subtitle")
BYLINE_ROLES = ("reporter", "correspondent", "photographer")


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    by_genre: dict[str, Counter] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> "Tally":
        self.counts.update(other.counts)
        for genre, counts in other.by_genre.items():
            self.by_genre.setdefault(genre, Counter()).update(counts)
        self.differences.extend(other.differences)
        return self


def source_paragraph_starts(lines: list[str]) -> list[int]:
    """First line (1-based) of every run of non-blank lines."""
    starts, previous_blank = [], True
    for number, line in enumerate(lines, start=1):
        blank = not line.strip()
        if not blank and previous_blank:
            starts.append(number)
        previous_blank = blank
    return starts


def score_page(gold: GoldPage, lines: list[str], made: dict) -> Tally:
    tally = Tally()
    counts = tally.counts
    name = gold.name
    blocks = made["blocks"]
    made_articles = {a["id"]: a for a in made["articles"]}
    blocks_of: dict[int, list[dict]] = {}
    for block in blocks:
        if block["article"] is not None:
            blocks_of.setdefault(block["article"], []).append(block)

    counts["pages"] += 1
    counts["made_articles"] += len(made_articles)
    counts["banners"] += 1
    if squash(made.get("banner", "")) == squash(gold.banner):
        counts["banner_right"] += 1
    else:
        tally.differences.append(f"{name}: banner {made.get('banner', '')!r}, gold {gold.banner!r}")

    matched = _match(gold, blocks, blocks_of)
    for article, made_id in zip(gold.articles, matched):
        genre = tally.by_genre.setdefault(article.genre, Counter())
        _score_article(name, article, made_articles.get(made_id), blocks_of.get(made_id, []), blocks,
                       counts, genre, tally.differences)

    used = {made_id for made_id in matched if made_id is not None}
    for made_id, made_article in made_articles.items():
        if made_id not in used:
            counts["spurious"] += 1
            first = min((b["line_start"] for b in blocks_of.get(made_id, [])), default=0)
            tally.differences.append(f"{name}: spurious article 《{made_article['headline']}》 from L{first}")

    _score_boundaries(gold, lines, blocks, counts, tally.differences)
    return tally


def _covering(blocks: list[dict], line: int, kinds: tuple[str, ...] | None = None) -> dict | None:
    for block in blocks:
        if block["line_start"] <= line <= block["line_end"] and (kinds is None or block["kind"] in kinds):
            return block
    return None


def _match(gold: GoldPage, blocks: list[dict], blocks_of: dict[int, list[dict]]) -> list[int | None]:
    """For each gold article, the id of the made article it matches (or None)."""
    used: set[int] = set()
    matched: list[int | None] = []
    for article in gold.articles:
        made_id = None
        if article.headline:
            title_blocks = [b for b in blocks if b["kind"] in TITLE_KINDS and b["article"] is not None
                            and b["line_start"] <= article.headline.line <= b["line_end"]]
            made_id = next((b["article"] for b in title_blocks if b["article"] not in used), None)
        else:
            made_id = next((made_id for made_id, own in blocks_of.items() if made_id not in used
                            and min(b["line_start"] for b in own) == article.first_line), None)
        if made_id is not None:
            used.add(made_id)
        matched.append(made_id)
    return matched


def _score_article(name: str, article: GoldArticle, made: dict | None, own_blocks: list[dict],
                   blocks: list[dict], counts: Counter, genre: Counter, differences: list[str]) -> None:
    label = f"{name}: 《{article.label()}》 ({article.genre}, L{article.first_line})"
    counts["articles"] += 1
    genre["articles"] += 1
    headed = article.headline is not None
    counts["headed"] += headed
    genre["headed"] += headed
    for title in article.titles:
        counts["title_lines"] += 1
        block = _covering(blocks, title.line)
        if block is not None and block["kind"] == title.role:
            counts["title_roles_right"] += 1
        else:
            kind = block["kind"] if block else "nothing"
            differences.append(f"{label}: title line L{title.line} {title.text!r} is {title.role}, made {kind}")
    gold_credits = list(article.credits)
    counts["credits_gold"] += len(gold_credits)
    counts["links"] += bool(article.continued_from) + bool(article.continued_to)
    if made is None:
        where = _covering(blocks, article.headline.line if headed else article.first_line)
        differences.append(f"{label}: not found (its line is made {where['kind'] if where else 'nothing'})")
        return
    counts["found"] += 1
    genre["found"] += 1
    if headed:
        block = _covering(own_blocks, article.headline.line, TITLE_KINDS)
        if block is not None and block["kind"] == "headline":
            counts["headline_right"] += 1
            genre["headline_right"] += 1
    span = (min(b["line_start"] for b in own_blocks), max(b["line_end"] for b in own_blocks)) if own_blocks else (0, 0)
    if span == (article.first_line, article.last_line):
        counts["span_exact"] += 1
        genre["span_exact"] += 1
    else:
        differences.append(f"{label}: lines {span[0]}–{span[1]}, gold {article.first_line}–{article.last_line}")

    made_credits = [(n, r) for n, r in made["credits"] if r in BYLINE_ROLES]
    right = _credits_matched(gold_credits, made_credits)
    counts["credits_made"] += len(made_credits)
    counts["credits_right"] += right
    if right == len(gold_credits) == len(made_credits):
        counts["credits_exact"] += 1
        genre["credits_exact"] += 1
    else:
        differences.append(f"{label}: credits {made_credits}, gold {gold_credits}")

    if article.column or made["column_label"]:
        counts["columns"] += 1
        if squash(article.column) == squash(made["column_label"]):
            counts["columns_right"] += 1
        else:
            differences.append(f"{label}: column label {made['column_label']!r}, gold {article.column!r}")
    for direction in ("continued_from", "continued_to"):
        wanted = getattr(article, direction)
        if wanted:
            if made.get(direction) == wanted:
                counts["links_right"] += 1
            else:
                differences.append(f"{label}: {direction} {made.get(direction)}, gold {wanted}")


def _credits_matched(gold: list[tuple[str, str]], made: list[tuple[str, str]]) -> int:
    remaining = list(made)
    right = 0
    for name, role in sorted(gold, key=lambda credit: credit[1] == "author"):  # exact roles first
        hit = next((c for c in remaining if c[0] == name and (role == "author" or c[1] == role)), None)
        if hit is not None:
            remaining.remove(hit)
            right += 1
    return right


def _score_boundaries(gold: GoldPage, lines: list[str], blocks: list[dict], counts: Counter,
                      differences: list[str]) -> None:
    made_starts = {b["line_start"] for b in blocks}
    for article in gold.articles:
        not_paragraphs = {article.column_line} if article.column else set()
        for title in article.titles:
            not_paragraphs.update(range(title.line, title.end + 1))
        joins = set(article.joins)
        for start in source_paragraph_starts(lines):
            if not article.first_line <= start <= article.last_line or start in not_paragraphs:
                continue
            is_boundary, made_boundary = start not in joins, start in made_starts
            if is_boundary and made_boundary:
                counts["boundary_tp"] += 1
            elif made_boundary:
                counts["boundary_fp"] += 1
                differences.append(f"{gold.name}: L{start} continues the paragraph before (column break), not joined")
            elif is_boundary:
                counts["boundary_fn"] += 1
                differences.append(f"{gold.name}: L{start} starts a paragraph, joined to the one before")
            counts["joins_gold"] += not is_boundary
            counts["joins_right"] += not is_boundary and not made_boundary


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(counts: Counter) -> dict:
    """The printed measures of a tally's counts (rates are None where nothing was counted)."""
    tp, fp, fn = counts["boundary_tp"], counts["boundary_fp"], counts["boundary_fn"]
    precision, recall = _rate(tp, tp + fp), _rate(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else None
    return {
        "pages": counts["pages"],
        "articles": counts["articles"],
        "found": counts["found"],
        "found_rate": _rate(counts["found"], counts["articles"]),
        "made_articles": counts["made_articles"],
        "spurious": counts["spurious"],
        "spurious_rate": _rate(counts["spurious"], counts["made_articles"]),
        "headline_right": counts["headline_right"],
        "headline_rate": _rate(counts["headline_right"], counts["headed"]),
        "title_lines": counts["title_lines"],
        "title_role_rate": _rate(counts["title_roles_right"], counts["title_lines"]),
        "span_exact_rate": _rate(counts["span_exact"], counts["found"]),
        "boundary_precision": precision,
        "boundary_recall": recall,
        "boundary_f1": f1,
        "joins": counts["joins_gold"],
        "joins_repaired": counts["joins_right"],
        "credit_precision": _rate(counts["credits_right"], counts["credits_made"]),
        "credit_recall": _rate(counts["credits_right"], counts["credits_gold"]),
        "credits_exact_rate": _rate(counts["credits_exact"], counts["found"]),
        "column_label_rate": _rate(counts["columns_right"], counts["columns"]),
        "continuation_links": counts["links"],
        "continuation_links_right": counts["links_right"],
        "banner_rate": _rate(counts["banner_right"], counts["banners"]),
    }


def genre_figures(counts: Counter) -> dict:
    return {
        "articles": counts["articles"],
        "found_rate": _rate(counts["found"], counts["articles"]),
        "headline_rate": _rate(counts["headline_right"], counts["headed"]),
        "span_exact_rate": _rate(counts["span_exact"], counts["found"]),
        "credits_exact_rate": _rate(counts["credits_exact"], counts["found"]),
    }
