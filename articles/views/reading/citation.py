"""The GB/T 7714-2015 reference line for a newspaper article ([N]).

The standard's pattern for a newspaper article is::

    主要责任者. 题名: 其他题名信息[N]. 报纸名, 出版日期(版次).

e.g. ``寿慧桢. 德清工会推动审计服务“零距离”[N]. 浙江工人日报, 2024-03-01(3).``

Choices made here, and why:

- Authors are the published reporters, then the published correspondents, each group in print
  order (the byline's order); photographers and people in the news are not authors of the text.
  More than three authors: the first three and “等”, as the standard says for Chinese names.
- The subtitle (副题) is "other title information" and follows the headline after ": "; the
  kicker (引题) is left out, since it is a lead-in, not part of the title.
- A date (or page number) read from the text rather than printed on the page is put in square
  brackets: GB/T 7714-2015 §8.8.1 writes a publication date supplied by the cataloguer as “[2024]”.
  So an estimated issue date reads ``浙江工人日报, [2024-03-01](3).`` and the article page explains
  the brackets in a note next to the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from articles.models import CreditRole

MAX_AUTHORS = 3


@dataclass(frozen=True)
class CitationSource:
    """What a citation needs, independent of how it was loaded."""

    authors: list[str]
    headline: str
    subtitle: str
    newspaper: str
    issue_date: date
    date_is_estimated: bool
    page_number: int
    page_number_is_estimated: bool
    url: str = ""  # the article's permalink, for the export formats
    article_id: int | None = None


def citation_authors(credits: Iterable) -> list[str]:
    """Reporters, then correspondents, in print order, each name once (published credits only:
    the caller passes the credits it shows in the byline)."""
    names: list[str] = []
    for role in (CreditRole.REPORTER, CreditRole.CORRESPONDENT):
        for credit in sorted((c for c in credits if c.role == role), key=lambda c: c.order):
            name = credit.person.name
            if name not in names:
                names.append(name)
    return names


def _bracket_if(text: str, estimated: bool) -> str:
    return f"[{text}]" if estimated else text


def gbt7714_newspaper(source: CitationSource) -> str:
    """Format one newspaper-article reference line (plain text; the template escapes it)."""
    parts: list[str] = []
    if source.authors:
        authors = ", ".join(source.authors[:MAX_AUTHORS])
        if len(source.authors) > MAX_AUTHORS:
            authors += ", 等"
        parts.append(f"{authors}. ")
    title = source.headline or "（无题）"
    if source.subtitle:
        title += f": {source.subtitle.lstrip('—－- ')}"
    parts.append(f"{title}[N]. ")
    when = _bracket_if(source.issue_date.isoformat(), source.date_is_estimated)
    page = _bracket_if(str(source.page_number), source.page_number_is_estimated)
    parts.append(f"{source.newspaper}, {when}({page}).")
    return "".join(parts)


def citation_source(article, credits: Iterable, url: str = "") -> CitationSource:
    """What a reference to an article needs; its page, issue and newspaper are already loaded."""
    page = article.page
    issue = page.issue
    return CitationSource(
        authors=citation_authors(credits),
        headline=article.headline,
        subtitle=article.subtitle,
        newspaper=issue.newspaper.name,
        issue_date=issue.date,
        date_is_estimated=issue.date_is_estimated,
        page_number=page.number,
        page_number_is_estimated=page.number_is_estimated,
        url=url,
        article_id=article.pk,
    )


def article_citation(article, credits: Iterable) -> str:
    """The GB/T 7714 reference line for an article whose page, issue and newspaper are loaded."""
    return gbt7714_newspaper(citation_source(article, credits))
