"""The page as printed, drawn as a schematic: one box per article in reading order, sized by length.

There are no page images in the archive yet, so the page view shows where each article stood and
how much of the page it took: a reader sees at a glance the lead story and the briefs, and jumps
to one. Sizes are buckets on a square-root scale of the article's share of the page's text (a box's
area grows with its text, as on paper); buckets rather than exact sizes because the boxes are drawn
with CSS classes (the site's Content-Security-Policy allows no inline styles).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZES = 6  # CSS classes size-1 … size-6 in static/css/site.css


@dataclass(frozen=True)
class SchematicBox:
    article: object
    characters: int
    size: int  # 1 (a brief) … SIZES (the lead story)


def page_schematic(articles: list) -> list[SchematicBox]:
    """Boxes for ``articles`` (in print order), each annotated with ``text_length``
    (``queries.page_on`` sums it in the query that loads them)."""
    lengths = [article.text_length or 0 for article in articles]
    longest = max(lengths, default=0)
    return [SchematicBox(article, characters,
                         max(1, math.ceil(math.sqrt(characters / longest) * SIZES)) if longest else 1)
            for article, characters in zip(articles, lengths)]
