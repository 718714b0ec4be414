"""Each button of the page editor, pressed on the scrambled seed page 001: the change happens,
the editor is sent back to the page (PRG) with a message, and a revision is written."""

import pytest

from articles.models import Article, ArticleStatus, Block, BlockKind, Flag, FlagCode, Revision

from .conftest import article_with, block_at, blocks_of, post_action


@pytest.fixture
def ningbo(page001):
    return article_with(page001, "宁波海建")


@pytest.fixture
def linping(page001):
    return article_with(page001, "临平")


def _ok(response, messages):
    """Redirected back to the page editor (PRG) with a success message."""
    assert response.status_code == 302
    page_id = response.wsgi_request.resolver_match.kwargs["page_id"]
    assert response["Location"].split("#")[0] == f"/admin/articles/page/{page_id}/edit/"
    assert any(m.startswith("success:") for m in messages), messages


@pytest.mark.django_db
def test_split_here_starts_a_new_article_at_the_block(editor_client, page001, ningbo):
    count, before = page001.articles.count(), blocks_of(ningbo)
    response, messages = post_action(editor_client, page001, "split", block=block_at(page001, 120).pk)
    _ok(response, messages)
    assert page001.articles.count() == count + 1
    assert blocks_of(ningbo) == before[:before.index(120)]
    assert blocks_of(block_at(page001, 120).article) == before[before.index(120):]
    assert Revision.objects.filter(page=page001, action="split").exists()


@pytest.mark.django_db
def test_merge_with_next_and_previous(editor_client, page001, ningbo, linping):
    count = page001.articles.count()
    response, messages = post_action(editor_client, page001, "merge_next", article=ningbo.pk)
    _ok(response, messages)
    assert page001.articles.count() == count - 1
    assert not Article.objects.filter(pk=linping.pk).exists()
    assert blocks_of(ningbo)[-1] == 147

    songyang = article_with(page001, "松阳")
    response, messages = post_action(editor_client, page001, "merge_previous", article=songyang.pk)
    _ok(response, messages)
    assert page001.articles.count() == count - 2


@pytest.mark.django_db
def test_move_up_and_down_within_the_article(editor_client, page001, ningbo):
    before = blocks_of(ningbo)
    i = before.index(120)
    response, messages = post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    _ok(response, messages)
    assert blocks_of(ningbo)[i - 1:i + 1] == [120, before[i - 1]]
    response, messages = post_action(editor_client, page001, "move_down", block=block_at(page001, 120).pk)
    _ok(response, messages)
    assert blocks_of(ningbo) == before


@pytest.mark.django_db
def test_move_block_to_the_next_and_previous_article(editor_client, page001, ningbo, linping):
    response, messages = post_action(editor_client, page001, "move_to_next", block=block_at(page001, 132).pk)
    _ok(response, messages)
    assert blocks_of(linping)[0] == 132
    response, messages = post_action(editor_client, page001, "move_to_previous", block=block_at(page001, 132).pk)
    _ok(response, messages)
    assert blocks_of(ningbo)[-1] == 132


@pytest.mark.django_db
def test_move_block_after_a_source_line_anywhere_on_the_page(editor_client, page001, ningbo, linping):
    lead = block_at(page001, 139, BlockKind.BODY)
    byline = block_at(page001, 139, BlockKind.BYLINE)
    response, messages = post_action(editor_client, page001, "move_after", block=lead.pk, after_line=115)
    _ok(response, messages)
    response, messages = post_action(editor_client, page001, "move_after", block=byline.pk, after_line=115)
    _ok(response, messages)
    lines = blocks_of(ningbo)
    assert lines[lines.index(115) + 1:lines.index(115) + 3] == [139, 139]
    ningbo.refresh_from_db()
    assert "张浩星" in ningbo.byline
    assert 139 not in blocks_of(linping)


@pytest.mark.django_db
def test_change_kind(editor_client, page001, ningbo):
    response, messages = post_action(editor_client, page001, "set_kind", block=block_at(page001, 113).pk,
                                     kind=BlockKind.SUBHEAD)
    _ok(response, messages)
    assert block_at(page001, 113).kind == BlockKind.SUBHEAD
    ningbo.refresh_from_db()
    assert ningbo.kicker == ""


@pytest.mark.django_db
def test_show_a_hidden_duplicate_and_hide_it_again(editor_client, page001):
    duplicate = block_at(page001, 141)
    assert duplicate.hidden
    response, messages = post_action(editor_client, page001, "unhide", block=duplicate.pk)
    _ok(response, messages)
    duplicate.refresh_from_db()
    assert not duplicate.hidden
    response, messages = post_action(editor_client, page001, "hide_duplicate", block=duplicate.pk, of_line=126)
    _ok(response, messages)
    duplicate.refresh_from_db()
    assert duplicate.hidden and duplicate.duplicate_of == block_at(page001, 126)


@pytest.mark.django_db
def test_edit_text_keeps_the_original(editor_client, page001):
    block = block_at(page001, 128)
    before = block.text
    response, messages = post_action(editor_client, page001, "edit_text", block=block.pk,
                                     text=before + "“四梁八柱”。")
    _ok(response, messages)
    block.refresh_from_db()
    assert block.text.endswith("工作的“四梁八柱”。")
    assert block.original_text == before


@pytest.mark.django_db
def test_gather_checked_blocks_into_a_new_article(editor_client, page001, ningbo):
    count = page001.articles.count()
    chosen = [block_at(page001, 132).pk, block_at(page001, 130).pk]
    response, messages = post_action(editor_client, page001, "gather", blocks=chosen)
    _ok(response, messages)
    assert page001.articles.count() == count + 1
    new = Block.objects.get(pk=chosen[0]).article
    assert blocks_of(new) == [130, 132]  # in the order the editor sees them, not the order ticked
    assert 130 not in blocks_of(ningbo)


@pytest.mark.django_db
def test_reorder_articles(editor_client, page001, ningbo, linping):
    ningbo_order = ningbo.order
    response, messages = post_action(editor_client, page001, "article_down", article=ningbo.pk)
    _ok(response, messages)
    ningbo.refresh_from_db()
    linping.refresh_from_db()
    assert (ningbo.order, linping.order) == (ningbo_order + 1, ningbo_order)
    response, messages = post_action(editor_client, page001, "article_up", article=ningbo.pk)
    _ok(response, messages)
    ningbo.refresh_from_db()
    assert ningbo.order == ningbo_order


@pytest.mark.django_db
def test_set_title_lines(editor_client, page001, ningbo):
    kicker, headline = block_at(page001, 113), block_at(page001, 115)
    response, messages = post_action(editor_client, page001, "set_titles", article=ningbo.pk,
                                     **{f"title_role_{headline.pk}": "headline", f"title_role_{kicker.pk}": ""})
    _ok(response, messages)
    ningbo.refresh_from_db()
    assert ningbo.kicker == "" and "宁波海建" in ningbo.headline
    assert block_at(page001, 113).kind == BlockKind.SUBHEAD


@pytest.mark.django_db
def test_confirm_issue_date_and_page_number(editor_client, page001):
    response, messages = post_action(editor_client, page001, "set_date", date="2022-05-06")
    _ok(response, messages)
    page001.refresh_from_db()
    assert str(page001.issue.date) == "2022-05-06" and not page001.issue.date_is_estimated
    response, messages = post_action(editor_client, page001, "set_number", number=3)
    _ok(response, messages)
    page001.refresh_from_db()
    assert page001.number == 3 and not page001.number_is_estimated


@pytest.mark.django_db
def test_add_and_resolve_flags(editor_client, page001, linping):
    response, messages = post_action(editor_client, page001, "add_flag", article=linping.pk,
                                     code=FlagCode.MISSING_LEAD, message="导语在版面上丢失")
    _ok(response, messages)
    flag = Flag.objects.get(article=linping, code=FlagCode.MISSING_LEAD, resolved_at__isnull=True)
    response, messages = post_action(editor_client, page001, "resolve_flag", flag=flag.pk)
    _ok(response, messages)
    flag.refresh_from_db()
    assert flag.resolved_at is not None


@pytest.mark.django_db
def test_mark_reviewed_from_the_editor(editor_client, page001, ningbo, editor):
    response, messages = post_action(editor_client, page001, "mark_reviewed", article=ningbo.pk)
    _ok(response, messages)
    ningbo.refresh_from_db()
    assert ningbo.status == ArticleStatus.REVIEWED and ningbo.reviewed_by == editor


@pytest.mark.django_db
def test_revisions_record_the_editor(editor_client, page001, editor):
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    revision = Revision.objects.get(page=page001)
    assert revision.user == editor and revision.block_ids


@pytest.mark.django_db
def test_join_with_previous_repairs_the_orphan(editor_client, page001, ningbo):
    orphan = block_at(page001, 118)
    post_action(editor_client, page001, "move_after", block=orphan.pk, after_line=128)
    response, messages = post_action(editor_client, page001, "join_previous", block=orphan.pk)
    _ok(response, messages)
    orphan.refresh_from_db()
    assert orphan.hidden
    assert block_at(page001, 128).text.endswith("工作的“四梁八柱”。")


@pytest.mark.django_db
def test_a_loose_block_becomes_an_articles_column_label(editor_client, page001, ningbo):
    banner = Block.objects.filter(page=page001, article__isnull=True).order_by("seq").first()
    response, messages = post_action(editor_client, page001, "column_label", block=banner.pk, article=ningbo.pk)
    _ok(response, messages)
    ningbo.refresh_from_db()
    assert ningbo.column_label == banner.text.strip()[:100]


@pytest.mark.django_db
def test_move_ticked_blocks_after_a_line_or_a_block(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    pair = [block_at(page001, 126), block_at(page001, 128)]
    response, messages = post_action(editor_client, page001, "move_ticked_after",
                                     blocks=[b.pk for b in pair], after_line=115)
    assert any(m.startswith("success:") for m in messages), messages
    assert blocks_of(ningbo)[:4] == [113, 115, 126, 128]
    response, messages = post_action(editor_client, page001, "move_ticked_after",
                                     blocks=[pair[0].pk], after_block=block_at(page001, 124).pk)
    assert any(m.startswith("success:") for m in messages), messages
    lines = blocks_of(ningbo)
    assert lines.index(126) == lines.index(124) + 1
    response, messages = post_action(editor_client, page001, "move_ticked_after", blocks=[pair[0].pk])
    assert any(m.startswith("error:") for m in messages), messages  # after what?
