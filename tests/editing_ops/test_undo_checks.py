"""``undoable`` answers for a whole history page with a fixed number of queries, and agrees with
``undo``: the newest active change of a page, and person merges no later change depends on."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.editing import add_credit, correct_text, merge_persons, undo, undoable
from articles.models import Person, Revision

from .helpers import articles_of, build_page, version

PAGE = [[("headline", "标题"), ("body", "正文一"), ("body", "正文二")]]


def _edits(page, editor, count: int) -> list[Revision]:
    body = page.blocks.order_by("seq")[1]
    start = Revision.objects.filter(page=page).count()
    return [correct_text(body, f"正文一（第{start + n}次）", user=editor, expected_version=version(page))
            for n in range(count)]


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_only_the_newest_page_change_is_undoable(make_page, editor):
    page = make_page(PAGE)
    revisions = _edits(page, editor, 3)
    assert undoable(revisions) == {revisions[-1].pk}
    undo(revisions[-1], user=editor, expected_version=version(page))
    revisions = list(Revision.objects.filter(page=page).order_by("pk"))
    assert undoable(revisions) == {revisions[1].pk}  # the undo and the undone one are not offered


def test_undo_checks_cost_the_same_for_one_revision_or_ten(make_page, editor):
    page = make_page(PAGE)
    first = _edits(page, editor, 1)
    one = _queries(lambda: undoable(Revision.objects.filter(pk__in=[r.pk for r in first])))
    ten = _edits(page, editor, 9) + first
    assert _queries(lambda: undoable(Revision.objects.filter(pk__in=[r.pk for r in ten]))) == one


def test_person_merge_checks_read_no_page_snapshots_and_stay_bounded(make_page, editor):
    article = articles_of(make_page(PAGE))[0]
    for name in ("陈晓峰", "陈晓锋"):
        add_credit(article, name, "mentioned", user=editor, expected_version=version(article.page))
    merge = merge_persons(Person.objects.get(name="陈晓峰"), Person.objects.get(name="陈晓锋"), user=editor)
    before = _queries(lambda: undoable([merge]))
    other = articles_of(build_page(PAGE))[0]  # later page edits elsewhere in the archive
    _edits(other.page, editor, 8)
    with CaptureQueriesContext(connection) as captured:
        assert undoable([merge]) == {merge.pk}
    assert len(captured) == before
    assert not any('"before"' in q["sql"] and "persons" not in q["sql"] for q in captured.captured_queries)
    # A later credit change on the merged article blocks it, in the same number of queries.
    add_credit(article, "林一", "mentioned", user=editor, expected_version=version(article.page))
    assert _queries(lambda: undoable([merge])) == before
    assert undoable([merge]) == set()
