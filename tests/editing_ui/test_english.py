"""The editors' admin in English (locale/en): a maintainer who reads no Chinese can work in it."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import FlagCode, RevisionAction

from .conftest import block_at, editor_url, post_action


@pytest.mark.django_db
def test_editor_queue_and_history_in_english(editor_client, page001):
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    editor = editor_client.get(editor_url(page001), **english).content.decode()
    assert "Split here" in editor and "Join to previous" in editor and "Undo last step" in editor
    assert "从此处拆分" not in editor
    queue = editor_client.get(reverse("admin:articles_queue"), **english).content.decode()
    assert "Problems to fix" in queue and "Orphaned fragment" in queue and "待办清单" not in queue
    history = editor_client.get(reverse("admin:articles_page_revisions", args=[page001.pk]), **english).content
    assert "Move block" in history.decode() and "Before / after" in history.decode()


def test_vocabularies_translate():
    with translation.override("en"):
        assert str(RevisionAction.MERGE.label) == "Merge articles"
        assert str(FlagCode.JOINED_ACROSS_BREAK.label) == "Joined across a column break"
    with translation.override("zh-hans"):
        assert str(RevisionAction.MERGE.label) == "合并文章"
