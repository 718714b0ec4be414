"""The work queue (flagged pages and articles with counts) and reviewing."""

from articles.editing import (
    add_flag,
    close_report,
    flag_counts,
    flagged_articles,
    flagged_pages,
    mark_reviewed,
    open_flags,
    open_reports,
    report_problem,
    resolve_flag,
    undo,
)
from articles.editing.queue import QueueFilter
from articles.models import ArticleStatus, Flag, FlagCode, Page

from .helpers import articles_of, version


def test_seeded_archive_queue_shows_the_importers_flags_with_counts(db):
    counts = {row["code"]: row for row in flag_counts()}
    assert counts[FlagCode.DUPLICATE]["open"] == 4 and counts[FlagCode.DUPLICATE]["pages"] == 1
    assert counts[FlagCode.ESTIMATED_DATE]["pages"] == 5
    assert all(row["label"] for row in counts.values())
    page001 = Page.objects.get(source_name__startswith="001_")
    assert page001 in list(flagged_pages(QueueFilter(code=FlagCode.DUPLICATE)))
    assert list(flagged_pages(QueueFilter(code=FlagCode.DUPLICATE))) == [page001]
    # Every seed page has at least an estimated date: informational, listed only on request.
    assert flagged_pages(QueueFilter(informational=True)).count() == 5
    assert flagged_pages().count() < 5
    # The scrambled page comes first: duplicates and orphans outrank many repaired column breaks.
    assert flagged_pages()[0] == page001
    assert flagged_articles()[0].page_id == page001.pk
    orphans = list(flagged_articles(QueueFilter(code=FlagCode.ORPHAN)))
    assert orphans and all(a.open_flags >= 1 for a in orphans)


def test_readers_reports_come_first(make_page, editor):
    page = make_page([[("headline", "甲")], [("headline", "乙")]])
    first, second = articles_of(page)
    report_problem(second, "第二段有错字")
    assert flag_counts()[0]["code"] == FlagCode.READER_REPORT
    assert flagged_pages()[0] == page
    top = flagged_articles()[0]
    assert top.pk == second.pk and top.open_reports == 1
    assert [r.article_id for r in open_reports()][:1] == [second.pk]


def test_mark_reviewed_resolves_the_articles_flags(make_page, editor):
    page = make_page([[("headline", "甲"), ("body", "甲一")]])
    article = articles_of(page)[0]
    add_flag(article, FlagCode.TRUNCATED, "末尾缺字", user=editor, expected_version=1)
    assert [f.code for f in open_flags(article=article)] == [FlagCode.TRUNCATED]
    revision = mark_reviewed(article, user=editor, expected_version=2)
    article.refresh_from_db()
    assert article.status == ArticleStatus.REVIEWED and article.reviewed_by == editor and article.reviewed_at
    assert not open_flags(article=article)
    assert article not in flagged_articles()
    undo(revision, user=editor, expected_version=3)
    article.refresh_from_db()
    assert article.status == ArticleStatus.CORRECTED and article.reviewed_by is None  # as after add_flag
    assert [f.code for f in open_flags(article=article)] == [FlagCode.TRUNCATED]


def test_resolve_one_flag_and_close_a_report(make_page, editor):
    page = make_page([[("headline", "甲"), ("body", "甲一")]])
    article = articles_of(page)[0]
    flag = Flag.objects.create(page=page, article=article, code=FlagCode.LOST_TEXT)
    resolve_flag(flag, user=editor, expected_version=1)
    flag.refresh_from_db()
    assert flag.resolved_by == editor and flag.resolved_at
    report = report_problem(article, "标题有误")
    close_report(report, user=editor, expected_version=version(page))
    report.refresh_from_db()
    assert report.status == "closed"
    assert not Flag.objects.filter(article=article, code=FlagCode.READER_REPORT, resolved_at__isnull=True).exists()
    assert article.status != ArticleStatus.CORRECTED  # reviewing actions don't mark text corrected
