"""Page numbers for a result list whose slicing the search engine does (so no Django Paginator,
which wants the whole object list): a short window of pages around the current one."""

from __future__ import annotations

from dataclasses import dataclass

from articles.forms.search import SearchParams


def last_page(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    """A page number past the end shows the last page, not an empty one."""
    return min(max(page, 1), last_page(total, per_page))


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None marks a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: int
    num_pages: int
    first_index: int  # 1-based position of the first result on this page
    last_index: int
    links: list[PageLink]
    previous_url: str = ""
    next_url: str = ""

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def paginate(params: SearchParams, total: int, per_page: int, path: str, window: int = 2) -> Pagination:
    page = clamp_page(params.page, total, per_page)
    num_pages = last_page(total, per_page)

    def url(number: int) -> str:
        return path + params.with_page(number).querystring()

    shown = {1, num_pages, *range(page - window, page + window + 1)}
    links: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= num_pages):
        if number - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, url(number), number == page))
        previous = number
    return Pagination(
        page=page,
        num_pages=num_pages,
        first_index=(page - 1) * per_page + 1 if total else 0,
        last_index=min(page * per_page, total),
        links=links,
        previous_url=url(page - 1) if page > 1 else "",
        next_url=url(page + 1) if page < num_pages else "",
    )
