"""Where a reader can go from a reading page: one model of the paper's order for every page.

A newspaper is read issue by issue (by date), page by page (by number) and article by article (by
order on the page). Every reading page gets the same two things from here:

* a **trail** (breadcrumbs) 首页 › 按日期 › 2024年 › 3月 › 1日 › 第2版 › 文章 — the same steps whether
  the reader stands on an issue, a page or an article;
* a **sequence**: the previous and next item at the page's own level, crossing into the
  neighbouring page or issue at the ends, as turning the paper in print does (the last article of
  第1版 leads to the first article of 第2版; the last page of an issue to the first page of the next
  issue), plus the level above (返回本版, 本期目录).

The templates render both with ``rel="prev"``/``rel="next"`` links (also in ``<head>``), which
``static/js/pager-keys.js`` follows on ← and →, as e-paper readers are used to.

Each neighbour costs at most one small query; nothing here loads article text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from articles.models import Article, Issue, Page
from articles.templatetags.reading import cn_date, issue_date, page_label


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    hint: str = ""  # what the link leads to, shown small above the label (“上一篇”, “下一期”)


@dataclass(frozen=True)
class Sequence:
    previous: Link | None = None
    next: Link | None = None
    up: Link | None = None


# --- trail -------------------------------------------------------------------------------------

def trail(*, year: int | None = None, month: int | None = None, issue: Issue | None = None,
          page: Page | None = None, article: Article | None = None) -> list[Link]:
    """Breadcrumbs down to the deepest thing given; the last link is the current page."""
    if article is not None:
        page = article.page
    if page is not None:
        issue = page.issue
    if issue is not None:
        year, month = issue.date.year, issue.date.month
    links = [Link("首页", reverse("home")), Link("按日期", reverse("issue_archive"))]
    if year is not None:
        links.append(Link(f"{year}年", reverse("issue_year", args=[year])))
    if month is not None:
        links.append(Link(f"{month}月", reverse("issue_month", args=[year, month])))
    if issue is not None:
        links.append(Link(f"{issue.date.day}日", issue.get_absolute_url()))
    if page is not None:
        links.append(Link(page_label(page), page.get_absolute_url()))
    if article is not None:
        links.append(Link(article.headline or "（无题）", article.get_absolute_url()))
    return links


# --- neighbours ----------------------------------------------------------------------------------

def _issue_link(issue: Issue | None, hint: str) -> Link | None:
    return Link(issue_date(issue), issue.get_absolute_url(), hint) if issue else None


def neighbour_issues(issue: Issue) -> tuple[Issue | None, Issue | None]:
    """The issues just before and after this one by date (two indexed queries)."""
    fields = ("id", "date", "date_is_estimated", "newspaper_id")
    before = (Issue.objects.filter(newspaper_id=issue.newspaper_id, date__lt=issue.date)
              .order_by("-date").only(*fields).first())
    after = (Issue.objects.filter(newspaper_id=issue.newspaper_id, date__gt=issue.date)
             .order_by("date").only(*fields).first())
    return before, after


def issue_sequence(issue: Issue) -> Sequence:
    before, after = neighbour_issues(issue)
    month_url = reverse("issue_month", args=[issue.date.year, issue.date.month])
    return Sequence(_issue_link(before, "上一期"), _issue_link(after, "下一期"),
                    Link(f"{issue.date.year}年{issue.date.month}月", month_url, "本月各期"))


def _page_link(page: Page | None, hint: str, *, other_issue: bool) -> Link | None:
    if page is None:
        return None
    label = f"{cn_date(page.issue.date)} {page_label(page)}" if other_issue else page_label(page)
    return Link(label, page.get_absolute_url(), hint)


def _page_in_neighbour_issue(issue: Issue, step: int) -> Page | None:
    """The last page of the issue before (step -1), or the first page of the issue after (+1)."""
    pages = Page.objects.filter(issue__newspaper_id=issue.newspaper_id).select_related("issue")
    if step < 0:
        pages = pages.filter(issue__date__lt=issue.date).order_by("-issue__date", "-number")
    else:
        pages = pages.filter(issue__date__gt=issue.date).order_by("issue__date", "number")
    return pages.only("id", "number", "number_is_estimated", "name", "issue__id", "issue__date",
                      "issue__date_is_estimated").first()


def page_sequence(page: Page, pages_of_issue: list[Page]) -> Sequence:
    """Previous/next page of the issue; at its first or last page, the neighbouring issue's last or
    first page (one query for each end reached)."""
    index = next(i for i, p in enumerate(pages_of_issue) if p.pk == page.pk)
    up = Link("本期目录", page.issue.get_absolute_url(), issue_date(page.issue))
    if index > 0:
        previous = _page_link(pages_of_issue[index - 1], "上一版", other_issue=False)
    else:
        previous = _page_link(_page_in_neighbour_issue(page.issue, -1), "上一期", other_issue=True)
    if index + 1 < len(pages_of_issue):
        following = _page_link(pages_of_issue[index + 1], "下一版", other_issue=False)
    else:
        following = _page_link(_page_in_neighbour_issue(page.issue, +1), "下一期", other_issue=True)
    return Sequence(previous, following, up)


def _article_link(article: Article | None, hint: str) -> Link | None:
    return Link(article.headline or "（无题）", article.get_absolute_url(), hint) if article else None


def _edge_article(page: Page | None, last: bool) -> Article | None:
    if page is None:
        return None
    order = ("-order", "-pk") if last else ("order", "pk")
    return Article.objects.filter(page=page).order_by(*order).only("id", "slug", "headline").first()


def _adjacent_page(page: Page, step: int) -> Page | None:
    """The page before (step -1) or after (+1) in the same issue."""
    if step < 0:
        pages = Page.objects.filter(issue_id=page.issue_id, number__lt=page.number).order_by("-number")
    else:
        pages = Page.objects.filter(issue_id=page.issue_id, number__gt=page.number).order_by("number")
    return pages.only("id").first()


def article_sequence(article: Article, siblings: list[Article]) -> Sequence:
    """Previous/next article on the page; at its ends, the last/first article of the page
    before/after in the same issue (labelled 上一版/下一版 so the reader knows the page turns)."""
    index = next(i for i, a in enumerate(siblings) if a.pk == article.pk)
    page = article.page
    previous = _article_link(siblings[index - 1], "上一篇") if index > 0 else None
    following = _article_link(siblings[index + 1], "下一篇") if index + 1 < len(siblings) else None
    if previous is None:
        previous = _article_link(_edge_article(_adjacent_page(page, -1), last=True), "上一版")
    if following is None:
        following = _article_link(_edge_article(_adjacent_page(page, +1), last=False), "下一版")
    return Sequence(previous, following, Link(page_label(page), page.get_absolute_url(), "返回本版"))
