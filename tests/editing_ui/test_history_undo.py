"""History of a page and of an article (who, when, what, before/after) with an Undo button."""

import re

import pytest
from django.urls import reverse

from articles.models import BlockKind, Revision

from .conftest import article_with, block_at, blocks_of, messages_in, post_action


@pytest.mark.django_db
def test_history_shows_who_what_and_before_after(editor_client, page001, editor):
    ningbo = article_with(page001, "宁波海建")
    post_action(editor_client, page001, "edit_text", block=block_at(page001, 128).pk,
                text=block_at(page001, 128).text + "“四梁八柱”。")
    html = editor_client.get(reverse("admin:articles_page_revisions", args=[page001.pk])).content.decode()
    assert "校正文本" in html
    assert editor.username in html
    assert "“四梁八柱”。" in html  # the after text in the diff
    assert 'class="before"' in html and 'class="after"' in html
    assert "撤销此修改" in html
    article_html = editor_client.get(reverse("admin:articles_article_revisions", args=[ningbo.pk])).content.decode()
    assert "校正文本" in article_html


@pytest.mark.django_db
def test_undo_restores_the_page(editor_client, page001):
    ningbo = article_with(page001, "宁波海建")
    before = blocks_of(ningbo)
    lead = block_at(page001, 139, BlockKind.BODY)
    post_action(editor_client, page001, "move_after", block=lead.pk, after_line=115)
    assert blocks_of(ningbo) != before
    revision = Revision.objects.get(page=page001)
    page001.refresh_from_db()
    response = editor_client.post(reverse("admin:articles_revision_undo", args=[revision.pk]),
                                  {"version": page001.version}, follow=True)
    assert any(m.startswith("success:") for m in messages_in(response)), messages_in(response)
    assert blocks_of(ningbo) == before
    assert Revision.objects.filter(undoes=revision).exists()
    html = response.content.decode()
    assert "已撤销" in html


@pytest.mark.django_db
def test_only_the_newest_change_offers_undo_and_undo_checks_the_version(editor_client, page001):
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    post_action(editor_client, page001, "move_up", block=block_at(page001, 122).pk)
    url = reverse("admin:articles_page_revisions", args=[page001.pk])
    html = editor_client.get(url).content.decode()
    assert len(re.findall(r"撤销此修改", html)) == 1
    older = Revision.objects.filter(page=page001).order_by("pk").first()
    page001.refresh_from_db()
    response = editor_client.post(reverse("admin:articles_revision_undo", args=[older.pk]),
                                  {"version": page001.version, "next": url}, follow=True)
    assert any(m.startswith("error:") for m in messages_in(response))
    newest = Revision.objects.filter(page=page001).order_by("pk").last()
    response = editor_client.post(reverse("admin:articles_revision_undo", args=[newest.pk]),
                                  {"version": page001.version - 1, "next": url}, follow=True)
    assert any("已被其他编辑修改" in m for m in messages_in(response))
    assert not Revision.objects.filter(undoes=newest).exists()


@pytest.mark.django_db
def test_undo_changes_only_on_post_and_next_must_stay_on_site(editor_client, page001):
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    revision = Revision.objects.get(page=page001)
    url = reverse("admin:articles_revision_undo", args=[revision.pk])
    assert editor_client.get(url).status_code == 200  # the confirmation page
    assert not Revision.objects.filter(undoes=revision).exists()
    page001.refresh_from_db()
    response = editor_client.post(url, {"version": page001.version, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_page_revisions", args=[page001.pk])


@pytest.mark.django_db
def test_editor_offers_to_undo_the_last_step(editor_client, page001):
    from .conftest import editor_url

    html = editor_client.get(editor_url(page001)).content.decode()
    assert "撤销上一步" not in html
    post_action(editor_client, page001, "move_up", block=block_at(page001, 120).pk)
    html = editor_client.get(editor_url(page001)).content.decode()
    revision = Revision.objects.get(page=page001)
    assert "撤销上一步" in html and reverse("admin:articles_revision_undo", args=[revision.pk]) in html
    page001.refresh_from_db()
    response = editor_client.post(reverse("admin:articles_revision_undo", args=[revision.pk]),
                                  {"version": page001.version, "next": editor_url(page001)})
    assert response["Location"] == editor_url(page001)
    assert Revision.objects.filter(undoes=revision).exists()
    assert "撤销上一步" not in editor_client.get(editor_url(page001)).content.decode()


@pytest.mark.django_db
def test_history_names_blocks_by_line_and_values_by_label(editor_client, page001):
    post_action(editor_client, page001, "set_kind", block=block_at(page001, 113).pk, kind=BlockKind.SUBHEAD)
    html = editor_client.get(reverse("admin:articles_page_revisions", args=[page001.pk])).content.decode()
    assert "文本块 L113「匠心传承释放出" in html
    assert "小标题" in html and "主题" in html  # kind labels, not "subhead"/"headline"
    assert "文本块 #" not in html and "地区 #" not in html  # no bare row ids


@pytest.mark.django_db
def test_tags_recreated_unchanged_are_not_reported(page001):
    from articles.admin.views.history_rows import readable_changes
    from articles.models import ArticleRegion

    tag = ArticleRegion.objects.filter(article__page=page001).first()
    row = {"id": tag.pk, "article_id": tag.article_id, "region_id": tag.region_id, "source": "automatic",
           "rejected": False, "mentions": 1, "evidence": "", "is_primary": False}
    recreated = {**row, "id": tag.pk + 100000, "mentions": 2}
    revision = Revision(before={"region_tags": [row]}, after={"region_tags": [recreated]})
    assert readable_changes(revision) == []
    rejected = {**row, "rejected": True}
    changes = readable_changes(Revision(before={"region_tags": [row]}, after={"region_tags": [rejected]}))
    assert len(changes) == 1 and tag.region.name in changes[0].what
    assert (changes[0].before, changes[0].after) == ("否", "是")
