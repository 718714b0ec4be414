"""Render development pages and their gold from a compact hand-written source (``*.page``).

The pages of ``evaluation/segmentation/dev/`` are written by the team (all text invented) in a small
line format, so that the page text and its gold — line numbers, roles, joins — cannot drift apart:

    // comment
    @banner 通栏题 [/ second printed line]     @punct half     @style plain|md0|md2
    == GENRE [from=N] [to=N]        a new article (genres: evaluation/segmentation/README.md)
    L: column label   K: kicker   H: headline   S: subtitle    (" / " inside: printed over two lines)
    P: paragraph      ("|" marks a column break: the rest follows after one blank line)
    @breaks N         column breaks every ~N characters of running text (±25 %, wherever they fall:
                      mid-word, mid-name), as in the seeds; not right after a sentence end, where no
                      reader could tell a break from a new paragraph
    SH: inner subhead (SB: as **bold**)   IMG   (image gap: 3 blank lines)   CAP: caption   CR: closing credit line
    C: 张三/r 李四/c 李四/p 王五/a   credits (reporter, correspondent, photographer, author)

    python scripts/build_segmentation_pages.py SOURCE_DIR OUT_DIR

Writes ``NAME.txt`` and ``NAME.gold.json`` for every ``NAME.page`` and checks each gold against its page.
"""

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.ingest.evaluation.gold import check_gold, format_gold, load_gold  # noqa: E402

ROLES = {"r": "reporter", "c": "correspondent", "p": "photographer", "a": "author"}
HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
MARKS = {  # style → (headline, subtitle, subhead) marks
    "plain": ("", "", ""),
    "md0": ("## ", "### ", "#### "),
    "md2": ("# ", "", "## "),
}


SENTENCE_END = "。！？!?…：:”\"）)"
NO_LINE_START = "，,、；;"


def _curly_quotes(text: str) -> str:
    parts = text.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def _full_width(text: str) -> str:
    """Half-width clause punctuation to full width, except between digits (10:30, 1,200)."""
    return re.sub(r"[,:;!?()]", lambda m: m.group() if _between_digits(text, m.start()) else FULL[m.group()], text)


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


class Page:
    def __init__(self, name: str):
        self.lines: list[str] = ["", ""]
        self.pending_blanks = 0  # blank lines before the next paragraph (0 at the very top)
        self.break_every = 0
        self.since_break = 0
        self.limit = 0  # characters until the next break
        self.random = random.Random(name)

    def column_breaks(self, text: str) -> list[str]:
        """``text`` cut where the column would end (see ``@breaks``)."""
        if not self.break_every:
            return [text]
        pieces, start = [], 0
        for index in range(len(text)):
            self.since_break += 1
            if (self.since_break >= self.limit and 30 <= index - start and index <= len(text) - 3
                    and text[index - 1] not in SENTENCE_END and text[index] not in SENTENCE_END + NO_LINE_START):
                pieces.append(text[start:index])
                start = index
                self.since_break = 0
                self.limit = int(self.break_every * self.random.uniform(0.75, 1.25))
        return pieces + [text[start:]]

    def paragraph(self, *printed: str) -> tuple[int, int]:
        self.lines.extend([""] * self.pending_blanks)
        first = len(self.lines) + 1
        self.lines.extend(printed)
        self.pending_blanks = 1
        return first, len(self.lines)


def build(source: Path) -> tuple[str, dict]:
    page = Page(source.stem)
    punct, style = "full", "plain"
    data: dict = {"file": source.stem + ".txt", "articles": []}
    article: dict | None = None

    def fix(text: str) -> str:
        """One punctuation style per page, as the seeds have: half-width ``, : ; ! ? ( )`` on
        ``@punct half`` pages, full-width elsewhere; curly quotes on both."""
        text = _curly_quotes(text)
        return text.translate(HALF) if punct == "half" else _full_width(text)

    for number, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        where = f"{source}:{number}"
        if line.startswith("@punct"):
            punct = line.split()[1]
        elif line.startswith("@breaks"):
            page.break_every = page.limit = int(line.split()[1])
        elif line.startswith("@style"):
            style = line.split()[1]
        elif line.startswith("@banner"):
            parts = [fix(p.strip()) for p in line[len("@banner"):].split(" / ")]
            first, last = page.paragraph(*parts)
            data["banner"] = {"line": first, **({"last_line": last} if last != first else {}),
                              "text": " ".join(parts)}
        elif line.startswith("=="):
            words = line[2:].split()
            article = {"first_line": 0, "last_line": 0, "genre": words[0]}
            for word in words[1:]:
                key, value = word.split("=")
                article[{"from": "continued_from", "to": "continued_to"}[key]] = int(value)
            article["titles"], article["credits"] = [], []
            data["articles"].append(article)
        elif article is None:
            raise SystemExit(f"{where}: content before the first == article")
        elif line == "IMG":
            page.pending_blanks = 3
        else:
            tag, _, text = line.partition(": ")
            text = fix(text.strip())
            headline_mark, subtitle_mark, subhead_mark = MARKS[style]
            if tag in ("H", "S", "K"):
                parts = [p.strip() for p in text.split(" / ")]
                mark = {"H": headline_mark, "S": subtitle_mark, "K": ""}[tag]
                first, last = page.paragraph(*[mark + parts[0], *parts[1:]])
                role = {"H": "headline", "S": "subtitle", "K": "kicker"}[tag]
                article["titles"].append({"line": first, **({"last_line": last} if last != first else {}),
                                          "role": role, "text": "".join(parts)})
            elif tag == "L":
                first, last = page.paragraph(text)
                article["column"] = {"line": first, "text": text}
            elif tag in ("SH", "SB"):
                first, last = page.paragraph(f"**{text}**" if tag == "SB" else subhead_mark + text)
                article.setdefault("subheads", []).append(first)
            elif tag in ("P", "CAP", "CR"):
                pieces = text.split("|")
                if tag == "P":
                    pieces = [cut for piece in pieces for cut in page.column_breaks(piece)]
                first, last = page.paragraph(pieces[0])
                for piece in pieces[1:]:
                    first_piece, last = page.paragraph(piece)
                    article.setdefault("joins", []).append(first_piece)
            elif tag == "C":
                for item in text.split():
                    name, role = item.rsplit("/", 1)
                    article["credits"].append([name, ROLES[role]])
                continue
            else:
                raise SystemExit(f"{where}: unknown tag {tag!r}")
            if not article["first_line"]:
                article["first_line"] = first
            article["last_line"] = last
    for article in data["articles"]:  # key order of the gold format
        for key in ("continued_from", "continued_to", "subheads", "joins"):
            if key in article:
                article[key] = article.pop(key)
    return "\n".join(page.lines) + "\n", data


def main(source_dir: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for source in sorted(Path(source_dir).glob("*.page")):
        text, data = build(source)
        page_file = out / (source.stem + ".txt")
        page_file.write_text(text, encoding="utf-8")
        (out / (source.stem + ".gold.json")).write_text(format_gold(data), encoding="utf-8")
        problems += check_gold(load_gold(page_file), text.splitlines())
        print(f"{page_file}: {len(text.encode('utf-8'))} bytes, {len(data['articles'])} articles")
    for problem in problems:
        print("GOLD PROBLEM:", problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
