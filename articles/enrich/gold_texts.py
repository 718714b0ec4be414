"""Article texts read straight from gold segmentation (title lines + body), for the topic evaluation.

The development pages of ``evaluation/segmentation/dev/`` carry gold segmentation; taking each
article's text from its gold line range, rather than from what the importer made, keeps segmentation
errors out of the topic figures. The text is shaped as ``articles.enrich.texts`` shapes an imported
article's: the title lines joined by newlines, and the body without the column label, with
paragraphs joined across column breaks and markdown marks removed.

Pure: reads files, never the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from articles.ingest.evaluation.gold import GoldArticle, load_gold, strip_marks


@dataclass(frozen=True)
class GoldText:
    page: str  # the page's file name, e.g. dev_001.txt
    line: int  # the headline's line (the first line for an article without titles): the article's key
    title: str
    body: str


def article_key_line(article: GoldArticle) -> int:
    headline = article.headline
    return headline.line if headline else article.first_line


def gold_texts(page: Path) -> Iterator[GoldText]:
    """One GoldText per gold article of the page, in print order."""
    gold = load_gold(page)
    lines = page.read_text(encoding="utf-8").splitlines()
    for article in gold.articles:
        title_lines = {n for t in article.titles for n in range(t.line, t.end + 1)}
        skipped = title_lines | ({article.column_line} if article.column_line else set())
        paragraphs: list[str] = []
        for number in range(article.first_line, article.last_line + 1):
            text = strip_marks(lines[number - 1]).strip()
            if number in skipped or not text:
                continue
            if number in article.joins and paragraphs:
                paragraphs[-1] += text
            else:
                paragraphs.append(text)
        title = "\n".join(t.text for t in article.titles)
        yield GoldText(page.name, article_key_line(article), title, "\n".join(paragraphs))
