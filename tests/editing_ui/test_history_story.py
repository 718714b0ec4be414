"""History tells a story: one row per operation in words, renumbering folded away, a before/after
view of the page on demand, undo behind a confirmation that says what will change, and a bounded
number of queries per history page whatever the number of revisions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, BlockKind, Revision

from .conftest import article_with, block_at, blocks_of, post_action


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="revision-row[^"]*" id="revision-\d+">', html)


@pytest.mark.django_db
def test_a_merge_is_one_row_in_words_without_renumbering(editor_client, page001):
    first, second = Article.objects.filter(page=page001).order_by("order")[1:3]
    spans = list(second.blocks.values_list("line_start", "line_end"))
    first_line, last_line = min(s for s, _e in spans), max(e for _s, e in spans)
    post_action(editor_client, page001, "merge_next", article=first.pk)
    html = editor_client.get(reverse("admin:articles_page_revisions", args=[page001.pk])).content.decode()
    assert len(_rows(html)) == 1
    assert re.search(f"把 L{first_line}[–、L0-9]*L{last_line} 移到《{re.escape(first.headline[:10])}", html)
    assert f"删除已空的文章《{second.headline[:10]}" in html
    assert "文内顺序" not in html and "版内顺序" not in html


@pytest.mark.django_db
def test_moving_lines_reads_as_lines_and_article(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    lead = block_at(page001, 139, BlockKind.BODY)
    post_action(editor_client, page001, "move_after", block=lead.pk, after_line=115)
    html = editor_client.get(reverse("admin:articles_page_revisions", args=[page001.pk])).content.decode()
    assert f"把 L139 移到《{ningbo.headline[:10]}…》" in html


@pytest.mark.django_db
def test_before_after_view_shows_both_states_of_the_page(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    lead = block_at(page001, 139, BlockKind.BODY)
    post_action(editor_client, page001, "move_after", block=lead.pk, after_line=115)
    revision = Revision.objects.get(page=page001)
    html = editor_client.get(reverse("admin:articles_revision_compare", args=[revision.pk])).content.decode()
    assert "修改前" in html and "修改后" in html
    before, after = html.split('id="after-title"')
    assert before.count("L139") >= 1 and after.count("L139") >= 1
    assert 'class="is-changed' in after
    assert ningbo.headline in after


@pytest.mark.django_db
def test_undo_asks_first_and_says_what_will_change(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    before = blocks_of(ningbo)
    lead = block_at(page001, 139, BlockKind.BODY)
    post_action(editor_client, page001, "move_after", block=lead.pk, after_line=115)
    revision = Revision.objects.get(page=page001)
    history = reverse("admin:articles_page_revisions", args=[page001.pk])
    link = reverse("admin:articles_revision_undo", args=[revision.pk])
    assert link in editor_client.get(history).content.decode()
    confirm = editor_client.get(link, {"next": history})
    html = confirm.content.decode()
    assert "确认撤销" in html and 'data-testid="undo-story"' in html
    old_article = lead.article  # where the undo puts L139 back
    assert f"把 L139 移到《{old_article.headline[:10]}" in html
    assert blocks_of(ningbo) != before  # nothing undone by looking
    page001.refresh_from_db()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    response = editor_client.post(link, {"version": version, "next": history})
    assert response["Location"] == history
    assert blocks_of(ningbo) == before


@pytest.mark.django_db
def test_confirmation_of_a_blocked_undo_offers_no_button(editor_client, page001):
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    post_action(editor_client, page001, "move_up", block=block_at(page001, 122).pk)
    older = Revision.objects.filter(page=page001).order_by("pk").first()
    html = editor_client.get(reverse("admin:articles_revision_undo", args=[older.pk])).content.decode()
    assert "确认撤销" not in html and "不能撤销" in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_history_pages_run_the_same_queries_for_one_revision_or_ten(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    body = block_at(page001, 120)
    page_url = reverse("admin:articles_page_revisions", args=[page001.pk])
    article_url = reverse("admin:articles_article_revisions", args=[ningbo.pk])
    post_action(editor_client, page001, "edit_text", block=body.pk, text=body.text + "（一）")
    counts = (_count(editor_client, page_url), _count(editor_client, article_url))
    for n in range(9):
        post_action(editor_client, page001, "edit_text", block=body.pk, text=body.text + f"（{n}）")
    assert Revision.objects.filter(page=page001).count() == 10
    assert (_count(editor_client, page_url), _count(editor_client, article_url)) == counts
    assert len(_rows(editor_client.get(article_url).content.decode())) == 10


@pytest.mark.django_db
def test_editor_and_undo_confirmation_queries_do_not_grow_with_history(editor_client, page001):
    from .conftest import editor_url

    body = block_at(page001, 120)
    post_action(editor_client, page001, "edit_text", block=body.pk, text=body.text + "（一）")
    newest = Revision.objects.filter(page=page001).latest("pk")
    counts = (_count(editor_client, editor_url(page001)),
              _count(editor_client, reverse("admin:articles_revision_undo", args=[newest.pk])))
    for n in range(9):
        post_action(editor_client, page001, "edit_text", block=body.pk, text=body.text + f"（{n}）")
    newest = Revision.objects.filter(page=page001).latest("pk")
    assert (_count(editor_client, editor_url(page001)),
            _count(editor_client, reverse("admin:articles_revision_undo", args=[newest.pk]))) == counts
