"""The editors' work queue: what the importer, enrichment and readers flagged, with counts, in an
order that tells an editor where to start — problems first (readers' reports, then damage that
hides or scrambles text, then doubts about structure); informational flags (a repaired column
break, an estimated date: worth a look, rarely wrong) only when asked for.

``QueueFilter`` says what to list (one flag kind, a date range, a page by source file name, a
status, a sort order);
``flagged_articles`` and ``flagged_pages`` return annotated querysets built with aggregate queries
(no N+1), which the admin slices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from articles.models import Article, ArticleStatus, Flag, FlagCode, Page, ProblemReport

# Problems, most urgent first: what an editor should fix.
PROBLEMS = [
    FlagCode.READER_REPORT, FlagCode.DUPLICATE, FlagCode.ORPHAN, FlagCode.MISPLACED, FlagCode.MISSING_LEAD,
    FlagCode.TRUNCATED, FlagCode.LOST_TEXT, FlagCode.MISSING_BYLINE, FlagCode.UNPARSED_BYLINE,
    FlagCode.AMBIGUOUS_TITLE,
]
# Informational: the importer repaired something or guessed a date; listed only on request.
INFORMATIONAL = [FlagCode.JOINED_ACROSS_BREAK, FlagCode.ESTIMATED_DATE]
PRIORITY = PROBLEMS + INFORMATIONAL  # codes not listed (added later) come after these
_RANK = {code: rank for rank, code in enumerate(PRIORITY)}
# Damage that hides, repeats or scrambles text: ranks a page or article above mere doubts.
URGENT = PROBLEMS[:PROBLEMS.index(FlagCode.AMBIGUOUS_TITLE)]

# Status filter values besides the ArticleStatus ones.
NOT_REVIEWED, ANY_STATUS = "", "all"
SORTS = {
    "priority": ("-open_reports", "-urgent_flags", "-open_flags"),
    "date": (),  # oldest issue first
    "-date": ("-page__issue__date",),
    "flags": ("-open_flags",),
}


@dataclass(frozen=True)
class QueueFilter:
    code: str | None = None  # one flag kind; None: every problem (and informational flags if asked)
    informational: bool = False
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    source: str = ""  # part of a page's source file name (pages are named by their files)
    status: str = NOT_REVIEWED  # "": not reviewed, or reviewed with new flags since; "all"; an ArticleStatus
    sort: str = "priority"

    @property
    def codes(self) -> list[str]:
        if self.code:
            return [self.code]
        return PROBLEMS + (INFORMATIONAL if self.informational else [])

    @property
    def shows_estimated_dates(self) -> bool:
        return FlagCode.ESTIMATED_DATE in self.codes


def is_informational(code: str) -> bool:
    return code in INFORMATIONAL


def flag_counts() -> list[dict]:
    """One row per flag code with open flags: code, label, open (flags), pages, articles,
    informational; plus a row for estimated dates counted from the issues themselves."""
    rows = {
        row["code"]: row for row in Flag.objects.filter(resolved_at__isnull=True).values("code").annotate(
            open=Count("id"), pages=Count("page", distinct=True), articles=Count("article", distinct=True))
    }
    estimated_pages = Page.objects.filter(issue__date_is_estimated=True).count()
    if estimated_pages:
        row = rows.setdefault(FlagCode.ESTIMATED_DATE, {"code": FlagCode.ESTIMATED_DATE, "open": 0, "articles": 0})
        row["pages"] = max(row.get("pages", 0), estimated_pages)
        row["open"] = max(row["open"], estimated_pages)
    result = []
    for code, row in rows.items():
        label = FlagCode(code).label if code in FlagCode.values else code
        result.append({**row, "label": label, "informational": is_informational(code)})
    result.sort(key=lambda row: (_RANK.get(row["code"], len(PRIORITY)), -row["open"]))
    return result


def _flag_filter(prefix: str, where: QueueFilter) -> Q:
    return Q(**{f"{prefix}resolved_at__isnull": True, f"{prefix}code__in": where.codes})


def _dates(queryset, where: QueueFilter, date_field: str):
    if where.date_from:
        queryset = queryset.filter(**{f"{date_field}__gte": where.date_from})
    if where.date_to:
        queryset = queryset.filter(**{f"{date_field}__lte": where.date_to})
    return queryset


def flagged_pages(where: QueueFilter = QueueFilter()):
    """Pages with open flags of the chosen kinds, readers' reports or (informational) an estimated
    date; annotated with ``open_flags``, ``urgent_flags`` and ``open_reports``."""
    flags = _flag_filter("flags__", where)
    pages = Page.objects.select_related("issue").annotate(
        open_flags=Count("flags", filter=flags, distinct=True),
        urgent_flags=Count("flags", filter=flags & Q(flags__code__in=URGENT), distinct=True),
        open_reports=Count("articles__problem_reports",
                           filter=Q(articles__problem_reports__status=ProblemReport.Status.OPEN), distinct=True),
    )
    wanted = Q(open_flags__gt=0)
    if where.shows_estimated_dates:
        wanted |= Q(issue__date_is_estimated=True)
    if FlagCode.READER_REPORT in where.codes:
        wanted |= Q(open_reports__gt=0)
    pages = _dates(pages.filter(wanted), where, "issue__date")
    if where.source:
        pages = pages.filter(source_name__icontains=where.source)
    order = [f.replace("page__", "") for f in SORTS.get(where.sort, SORTS["priority"])]
    return pages.order_by(*order, "issue__date", "number")


def flagged_articles(where: QueueFilter = QueueFilter()):
    """Articles with open flags of the chosen kinds or open readers' reports, sorted as asked
    (``priority``: reports, then urgent damage, then most flags); annotated with ``open_flags``,
    ``urgent_flags`` and ``open_reports``. With the default status filter, reviewed articles are
    left out unless a new flag or report came in after review."""
    flags = _flag_filter("flags__", where)
    articles = Article.objects.select_related("page__issue").annotate(
        open_flags=Count("flags", filter=flags, distinct=True),
        urgent_flags=Count("flags", filter=flags & Q(flags__code__in=URGENT), distinct=True),
        open_reports=Count("problem_reports", filter=Q(problem_reports__status=ProblemReport.Status.OPEN),
                           distinct=True),
    )
    wanted = Q(open_flags__gt=0)
    if FlagCode.READER_REPORT in where.codes:
        wanted |= Q(open_reports__gt=0)
    articles = _dates(articles.filter(wanted), where, "page__issue__date")
    if where.source:
        articles = articles.filter(page__source_name__icontains=where.source)
    if where.status == NOT_REVIEWED:
        articles = articles.exclude(Q(status=ArticleStatus.REVIEWED) & Q(open_flags=0) & Q(open_reports=0))
    elif where.status != ANY_STATUS:
        articles = articles.filter(status=where.status)
    return articles.order_by(*SORTS.get(where.sort, SORTS["priority"]), "page__issue__date", "page__number", "order")


def open_flags(page=None, article=None):
    """Open flags of a page or an article, most urgent code first (for the page editor's margin)."""
    flags = Flag.objects.filter(resolved_at__isnull=True).select_related("block", "article")
    if page is not None:
        flags = flags.filter(page=page)
    if article is not None:
        flags = flags.filter(article=article)
    return sorted(flags, key=lambda f: (_RANK.get(f.code, len(PRIORITY)), f.pk))


def open_reports():
    """Readers' reports not yet handled, newest first, with their article and page."""
    return ProblemReport.objects.filter(status=ProblemReport.Status.OPEN).select_related("article__page__issue")
