"""Two editors on one page: the second save against a stale version is refused with a clear
message and changes nothing. Broken or forged forms get a message, never a 500."""

import pytest

from articles.models import Block, Page, Revision

from .conftest import block_at, editor_url, messages_in, post_action, queued_messages


def _state(page):
    return list(Block.objects.filter(page=page).order_by("pk").values_list("article_id", "position", "kind",
                                                                             "text", "hidden"))


@pytest.mark.django_db
def test_stale_version_is_refused_and_changes_nothing(editor_client, page001):
    seen_version = page001.version
    # Another editor saves first.
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    page001.refresh_from_db()
    assert page001.version == seen_version + 1
    before, revisions = _state(page001), Revision.objects.count()

    response = editor_client.post(editor_url(page001), {
        "action": "split", "version": seen_version, "block": block_at(page001, 124).pk}, follow=True)
    assert response.status_code == 200  # back on the editor page, which shows the message
    messages = messages_in(response)
    assert any(m.startswith("error:") and "已被其他编辑修改" in m for m in messages), messages
    assert _state(page001) == before
    assert Revision.objects.count() == revisions
    page001.refresh_from_db()
    assert page001.version == seen_version + 1


@pytest.mark.django_db
@pytest.mark.parametrize("data", [
    {"action": "split"},  # no version
    {"action": "split", "version": "x", "block": "1"},
    {"action": "split", "version": "1", "block": "not-a-number"},
    {"action": "split", "version": "1"},  # no block
    {"action": "no-such-action", "version": "1"},
    {"action": "set_kind", "version": "1", "block": "0", "kind": "body"},
    {"action": "set_date", "version": "1", "date": "2022-13-45"},
    {"action": "set_number", "version": "1", "number": "zwei"},
    {"action": "gather", "version": "1"},
    {"action": "gather", "version": "1", "blocks": ["a"]},
    {"action": "move_after", "version": "1", "block": "0", "after_line": "9999"},
    {"action": "add_flag", "version": "1", "article": "0", "code": "missing_lead"},
    {"action": "resolve_flag", "version": "1", "flag": "0"},
])
def test_broken_forms_get_a_message_not_an_error_page(editor_client, page001, data):
    response = editor_client.post(editor_url(page001), data)
    assert response.status_code == 302
    assert any(m.startswith("error:") for m in queued_messages(response))
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_a_block_of_another_page_is_refused(editor_client, page001):
    other = Page.objects.exclude(pk=page001.pk).first()
    foreign = Block.objects.filter(page=other, article__isnull=False).order_by("seq")[3]
    response, messages = post_action(editor_client, page001, "split", block=foreign.pk)
    assert any("不在本版面" in m for m in messages), messages
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_refused_operation_explains_why(editor_client, page001):
    first = block_at(page001, 115)  # the headline: moving it past the article start is impossible
    kicker = block_at(page001, 113)
    response, messages = post_action(editor_client, page001, "split", block=kicker.pk)
    assert any(m.startswith("error:") for m in messages), messages
    response, messages = post_action(editor_client, page001, "edit_text", block=first.pk, text="   ")
    assert any(m.startswith("error:") for m in messages), messages
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_get_on_unknown_page_is_404(editor_client):
    assert editor_client.get("/admin/articles/page/999999/edit/").status_code == 404
