"""The editors' work queue: what the importer, enrichment and readers flagged, with counts, in an
order that tells an editor where to start (readers' reports, then damage that hides or scrambles
text, then doubts about structure, then estimated dates).

All functions return querysets or small lists built with aggregate queries (no N+1): the admin
pages paginate them.
"""

from django.db.models import Count, Q

from articles.models import Article, ArticleStatus, Flag, FlagCode, Page, ProblemReport

# Most urgent first. Codes not listed (added later) come after these.
PRIORITY = [
    FlagCode.READER_REPORT, FlagCode.DUPLICATE, FlagCode.ORPHAN, FlagCode.MISPLACED, FlagCode.MISSING_LEAD,
    FlagCode.TRUNCATED, FlagCode.LOST_TEXT, FlagCode.MISSING_BYLINE, FlagCode.UNPARSED_BYLINE,
    FlagCode.AMBIGUOUS_TITLE, FlagCode.JOINED_ACROSS_BREAK, FlagCode.ESTIMATED_DATE,
]
_RANK = {code: rank for rank, code in enumerate(PRIORITY)}
# Damage that hides, repeats or scrambles text: what an editor should fix first. The rest
# (a repaired column break, an estimated date) is worth a look but rarely wrong.
URGENT = PRIORITY[:PRIORITY.index(FlagCode.AMBIGUOUS_TITLE)]


def flag_counts() -> list[dict]:
    """One row per flag code with open flags: code, label, open (flags), pages, articles; plus a row
    for estimated dates counted from the issues themselves (pages whose issue date is a guess)."""
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
        result.append({**row, "label": label})
    result.sort(key=lambda row: (_RANK.get(row["code"], len(PRIORITY)), -row["open"]))
    return result


def flagged_pages(code: str | None = None):
    """Pages with open flags (of ``code`` if given), readers' reports or an estimated date; readers'
    reports first, then the most urgent damage (``URGENT``), then the most open flags. Each is
    annotated with ``open_flags``, ``urgent_flags`` and ``open_reports``."""
    flag_filter = Q(flags__resolved_at__isnull=True)
    if code:
        flag_filter &= Q(flags__code=code)
    pages = Page.objects.select_related("issue").annotate(
        open_flags=Count("flags", filter=flag_filter, distinct=True),
        urgent_flags=Count("flags", filter=flag_filter & Q(flags__code__in=URGENT), distinct=True),
        open_reports=Count("articles__problem_reports",
                           filter=Q(articles__problem_reports__status=ProblemReport.Status.OPEN), distinct=True),
    )
    if code == FlagCode.ESTIMATED_DATE:
        pages = pages.filter(Q(open_flags__gt=0) | Q(issue__date_is_estimated=True))
    elif code:
        pages = pages.filter(open_flags__gt=0)
    else:
        pages = pages.filter(Q(open_flags__gt=0) | Q(issue__date_is_estimated=True) | Q(open_reports__gt=0))
    return pages.order_by("-open_reports", "-urgent_flags", "-open_flags", "issue__date", "number")


def flagged_articles(code: str | None = None, include_reviewed: bool = False):
    """Articles with open flags (of ``code`` if given) or open readers' reports, the most urgent
    first (reports, then urgent damage); annotated with ``open_flags``, ``urgent_flags`` and ``open_reports``. Reviewed articles are left out
    unless a new flag or report came in after review (or ``include_reviewed``)."""
    flag_filter = Q(flags__resolved_at__isnull=True)
    if code:
        flag_filter &= Q(flags__code=code)
    articles = Article.objects.select_related("page__issue").annotate(
        open_flags=Count("flags", filter=flag_filter, distinct=True),
        urgent_flags=Count("flags", filter=flag_filter & Q(flags__code__in=URGENT), distinct=True),
        open_reports=Count("problem_reports", filter=Q(problem_reports__status=ProblemReport.Status.OPEN),
                           distinct=True),
    )
    if code == FlagCode.READER_REPORT:
        articles = articles.filter(Q(open_flags__gt=0) | Q(open_reports__gt=0))
    elif code:
        articles = articles.filter(open_flags__gt=0)
    else:
        articles = articles.filter(Q(open_flags__gt=0) | Q(open_reports__gt=0))
    if not include_reviewed:
        articles = articles.exclude(Q(status=ArticleStatus.REVIEWED) & Q(open_flags=0) & Q(open_reports=0))
    return articles.order_by("-open_reports", "-urgent_flags", "-open_flags", "page__issue__date", "page__number",
                             "order")


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
