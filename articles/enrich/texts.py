"""The text of articles as the enrichment steps read it: title lines and body, fetched in bulk.

An article's body is its visible blocks in order (body paragraphs, inner subheads, captions);
bylines, credits, column labels and the page banner are left out, since they would make every
article look like it is about 总工会 or about its reporter.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from articles.models import Block
from articles.models.choices import BlockKind

BODY_KINDS = (BlockKind.BODY, BlockKind.SUBHEAD, BlockKind.CAPTION)
CHUNK = 500


@dataclass(frozen=True)
class ArticleText:
    article_id: int
    title: str
    body: str
    paragraphs: tuple[str, ...]


def article_texts(articles) -> Iterator[ArticleText]:
    """One ArticleText per article of the queryset, two queries per ``CHUNK`` articles."""
    rows = list(articles.order_by("pk").values_list("pk", "kicker", "headline", "subtitle"))
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        paragraphs: dict[int, list[str]] = {pk: [] for pk, *_ in chunk}
        blocks = (
            Block.objects.filter(article_id__in=list(paragraphs), hidden=False, kind__in=BODY_KINDS)
            .order_by("article_id", "position", "seq")
            .values_list("article_id", "text")
        )
        for article_id, text in blocks:
            paragraphs[article_id].append(text)
        for pk, kicker, headline, subtitle in chunk:
            title = "\n".join(line for line in (kicker, headline, subtitle) if line)
            yield ArticleText(pk, title, "\n".join(paragraphs[pk]), tuple(paragraphs[pk]))
