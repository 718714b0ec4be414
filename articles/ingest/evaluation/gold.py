"""The gold format for page segmentation: what an editor reads on a page, by source line.

One ``NAME.gold.json`` beside each page ``NAME.txt`` (see ``evaluation/segmentation/README.md``).
Line numbers are 1-based and inclusive, counted like ``str.splitlines()`` (as the importer does).
Texts are stored without markdown marks; comparisons ignore whitespace.

Pure: reads files, never the database.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

TITLE_ROLES = ("kicker", "headline", "subtitle")
CREDIT_ROLES = ("reporter", "correspondent", "photographer", "author")
GENRES = (
    "news", "photo_news", "commentary", "short_news", "brief_list", "editor_note",
    "related_link", "continuation", "feature", "notice",
)
GOLD_SUFFIX = ".gold.json"

_MARKS = re.compile(r"^\s*#{1,6}\s*|\s*#+\s*$|^\s*\*\*|\*\*\s*$")


class GoldError(ValueError):
    """A gold file that does not fit its page: names the file and the line."""


def squash(text: str) -> str:
    """Text for comparison: markdown marks and all whitespace removed."""
    return "".join(_MARKS.sub("", line) for line in text.splitlines()).replace(" ", "").replace("\u3000", "").replace("\t", "")


@dataclass(frozen=True)
class TitleLine:
    line: int
    role: str
    text: str
    last_line: int = 0  # a title printed over two source lines; 0 = same as ``line``

    @property
    def end(self) -> int:
        return self.last_line or self.line


@dataclass
class GoldArticle:
    first_line: int
    last_line: int
    genre: str
    titles: list[TitleLine] = field(default_factory=list)
    column: str = ""
    column_line: int = 0
    credits: list[tuple[str, str]] = field(default_factory=list)
    continued_from: int | None = None
    continued_to: int | None = None
    subheads: list[int] = field(default_factory=list)
    joins: list[int] = field(default_factory=list)  # lines continuing the paragraph before (column break)

    @property
    def headline(self) -> TitleLine | None:
        return next((t for t in self.titles if t.role == "headline"), None)

    def label(self) -> str:
        headline = self.headline
        return headline.text if headline else f"（无题，L{self.first_line}）"


@dataclass
class GoldPage:
    path: Path  # the page file
    banner: str
    banner_lines: tuple[int, int] | None
    articles: list[GoldArticle]

    @property
    def name(self) -> str:
        return self.path.name


def gold_path(page: Path) -> Path:
    return page.with_name(page.name[: -len(page.suffix)] + GOLD_SUFFIX)


def load_gold(page: Path) -> GoldPage:
    """The gold of one page file; ``GoldError`` naming the file when it is missing or malformed."""
    path = gold_path(page)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no gold file for {page.name}") from None
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: line {error.lineno}: not JSON ({error.msg})") from None
    try:
        return _page_from_json(page, data)
    except (KeyError, TypeError, ValueError) as error:
        raise GoldError(f"{path}: {error!r}") from None


def _page_from_json(page: Path, data: dict) -> GoldPage:
    banner = data.get("banner") or None
    articles = []
    for item in data["articles"]:
        titles = [TitleLine(line=t["line"], role=t["role"], text=t["text"], last_line=t.get("last_line", 0))
                  for t in item.get("titles", [])]
        column = item.get("column") or {}
        articles.append(GoldArticle(
            first_line=item["first_line"], last_line=item["last_line"], genre=item["genre"], titles=titles,
            column=column.get("text", ""), column_line=column.get("line", 0),
            credits=[(name, role) for name, role in item.get("credits", [])],
            continued_from=item.get("continued_from"), continued_to=item.get("continued_to"),
            subheads=list(item.get("subheads", [])), joins=list(item.get("joins", [])),
        ))
    return GoldPage(
        path=page,
        banner=banner["text"] if banner else "",
        banner_lines=(banner["line"], banner.get("last_line") or banner["line"]) if banner else None,
        articles=articles,
    )


def gold_to_json(page: GoldPage) -> dict:
    """The JSON form of a gold page (the inverse of ``load_gold``), for writing gold files."""
    def article(a: GoldArticle) -> dict:
        out: dict = {"first_line": a.first_line, "last_line": a.last_line, "genre": a.genre}
        if a.column:
            out["column"] = {"line": a.column_line, "text": a.column}
        out["titles"] = [{"line": t.line, **({"last_line": t.last_line} if t.last_line else {}),
                          "role": t.role, "text": t.text} for t in a.titles]
        out["credits"] = [list(c) for c in a.credits]
        if a.continued_from:
            out["continued_from"] = a.continued_from
        if a.continued_to:
            out["continued_to"] = a.continued_to
        if a.subheads:
            out["subheads"] = a.subheads
        if a.joins:
            out["joins"] = a.joins
        return out

    data: dict = {"file": page.name}
    if page.banner_lines:
        first, last = page.banner_lines
        data["banner"] = {"line": first, **({"last_line": last} if last != first else {}), "text": page.banner}
    data["articles"] = [article(a) for a in page.articles]
    return data


def check_gold(gold: GoldPage, lines: list[str]) -> list[str]:
    """Problems of a gold page against its page's lines (empty when consistent): every line number
    points at a non-blank line inside its article, title and label texts equal their lines, articles
    are in print order and do not overlap, roles and genres come from the vocabulary."""
    problems: list[str] = []
    where = gold.name

    def text_of(first: int, last: int) -> str:
        return squash("\n".join(lines[first - 1:last]))

    def nonblank(line: int, what: str) -> bool:
        if not 1 <= line <= len(lines):
            problems.append(f"{where}: {what}: line {line} is outside the page (1–{len(lines)})")
            return False
        if not lines[line - 1].strip():
            problems.append(f"{where}: {what}: line {line} is blank")
            return False
        return True

    if gold.banner_lines:
        first, last = gold.banner_lines
        if nonblank(first, "banner") and text_of(first, last) != squash(gold.banner):
            problems.append(f"{where}: banner text differs from lines {first}–{last}")
    previous_end = gold.banner_lines[1] if gold.banner_lines else 0
    for number, article in enumerate(gold.articles, start=1):
        what = f"article {number} ({article.label()})"
        if article.genre not in GENRES:
            problems.append(f"{where}: {what}: unknown genre {article.genre!r}")
        nonblank(article.first_line, what + " first_line")
        nonblank(article.last_line, what + " last_line")
        if article.first_line > article.last_line:
            problems.append(f"{where}: {what}: first_line after last_line")
        if article.first_line <= previous_end:
            problems.append(f"{where}: {what}: starts at line {article.first_line}, inside what comes before "
                            f"(ends at line {previous_end})")
        previous_end = max(previous_end, article.last_line)
        inside = range(article.first_line, article.last_line + 1)
        if article.column:
            if nonblank(article.column_line, what + " column") and text_of(article.column_line, article.column_line) != squash(article.column):
                problems.append(f"{where}: {what}: column label differs from line {article.column_line}")
        headlines = [t for t in article.titles if t.role == "headline"]
        if article.titles and len(headlines) != 1:
            problems.append(f"{where}: {what}: {len(headlines)} headlines in the title group")
        if not article.titles and article.genre not in ("continuation", "brief_list"):
            problems.append(f"{where}: {what}: no title but genre {article.genre!r}")
        for title in article.titles:
            if title.role not in TITLE_ROLES:
                problems.append(f"{where}: {what}: unknown title role {title.role!r}")
            if nonblank(title.line, what + " title") and text_of(title.line, title.end) != squash(title.text):
                problems.append(f"{where}: {what}: title {title.text!r} differs from line {title.line}: "
                                f"{lines[title.line - 1].strip()!r}")
        for name, role in article.credits:
            if role not in CREDIT_ROLES:
                problems.append(f"{where}: {what}: unknown credit role {role!r} for {name}")
        for line in [*article.subheads, *article.joins, *(t.line for t in article.titles),
                     *([article.column_line] if article.column else [])]:
            if line not in inside:
                problems.append(f"{where}: {what}: line {line} lies outside the article "
                                f"({article.first_line}–{article.last_line})")
            else:
                nonblank(line, what)
        for line in article.joins:
            if 1 < line <= len(lines) and lines[line - 2].strip():
                problems.append(f"{where}: {what}: join at line {line} does not follow a blank line")
    return problems


def format_gold(data: dict) -> str:
    """A gold file's text: one key of an article per line, so that diffs stay readable."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{", f'  "file": {dumps(data["file"])},']
    if data.get("banner"):
        out.append(f'  "banner": {dumps(data["banner"])},')
    out.append('  "articles": [')
    for number, article in enumerate(data["articles"]):
        items = list(article.items())
        out.append("    {")
        for index, (key, value) in enumerate(items):
            comma = "," if index < len(items) - 1 else ""
            if key == "titles" and value:
                out.append(f'      "titles": [')
                out.extend(f"        {dumps(t)}{',' if i < len(value) - 1 else ''}" for i, t in enumerate(value))
                out.append(f"      ]{comma}")
            else:
                out.append(f"      {dumps(key)}: {dumps(value)}{comma}")
        out.append("    }" + ("," if number < len(data["articles"]) - 1 else ""))
    out += ["  ]", "}"]
    return "\n".join(out) + "\n"
