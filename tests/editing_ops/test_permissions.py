"""The editors group: can correct content, cannot manage users; others cannot edit at all."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.editing import EDITORS_GROUP, NotAllowed, can_edit, correct_text
from articles.models import Block

from .helpers import version


def test_the_data_migration_created_the_editors_group(db):
    group = Group.objects.get(name=EDITORS_GROUP)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("articles", "change_block") in codenames
    assert ("articles", "change_article") in codenames and ("articles", "delete_article") in codenames
    assert ("articles", "add_credit") in codenames and ("articles", "change_issue") in codenames
    assert {app for app, _codename in codenames} == {"articles"}  # nothing from auth


def test_editor_can_edit_but_not_manage_users(editor):
    editor = get_user_model().objects.get(pk=editor.pk)  # fresh permission cache
    assert can_edit(editor)
    assert editor.has_perm("articles.change_article") and editor.has_perm("articles.change_block")
    for perm in ("auth.add_user", "auth.change_user", "auth.delete_user", "auth.change_group",
                 "auth.add_permission"):
        assert not editor.has_perm(perm), perm


def test_readers_and_anonymous_users_cannot_edit(make_page, reader):
    from django.contrib.auth.models import AnonymousUser

    page = make_page([[("headline", "甲"), ("body", "甲一")]])
    assert not can_edit(reader) and not can_edit(AnonymousUser()) and not can_edit(None)
    with pytest.raises(NotAllowed):
        correct_text(Block.objects.get(page=page, text="甲一"), "改", user=reader, expected_version=1)
    assert Block.objects.get(page=page, text="甲一") and version(page) == 1


def test_inactive_editor_cannot_edit(editor):
    editor.is_active = False
    editor.save()
    assert not can_edit(get_user_model().objects.get(pk=editor.pk))


def test_create_editor_command_makes_a_staff_user_in_the_group(db):
    call_command("create_editor", "newsdesk", password="a-long-password-1", verbosity=0)
    user = get_user_model().objects.get(username="newsdesk")
    assert user.is_staff and not user.is_superuser and user.check_password("a-long-password-1")
    assert user.groups.filter(name=EDITORS_GROUP).exists() and can_edit(user)
