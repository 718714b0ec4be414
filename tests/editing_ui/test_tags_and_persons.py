"""An article's persons (with roles), regions and topics, and merging two persons that are OCR
variants of one name — all through the editing operations, so each change is a revision."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import Credit, CreditRole, CreditStatus, Person, PersonAlias, Region, Revision, Topic

from .conftest import article_with, messages_in


def _post(client, article, **data):
    article.page.refresh_from_db()
    url = reverse("admin:articles_article_tags", args=[article.pk])
    response = client.post(url, {"version": article.page.version, **data}, follow=True)
    return response, messages_in(response)


@pytest.mark.django_db
def test_add_and_remove_a_credit(editor_client, page001):
    article = article_with(page001, "临平")
    response, messages = _post(editor_client, article, action="add_credit", name="王小明", role=CreditRole.PHOTOGRAPHER)
    assert any(m.startswith("success:") for m in messages), messages
    credit = Credit.objects.get(article=article, person__name="王小明", role=CreditRole.PHOTOGRAPHER)
    assert "王小明" in response.content.decode()
    response, messages = _post(editor_client, article, action="remove_credit", credit=credit.pk)
    assert any(m.startswith("success:") for m in messages), messages
    assert not Credit.objects.filter(pk=credit.pk, status=CreditStatus.PUBLISHED).exists()
    assert Revision.objects.filter(page=page001, action="credits").count() == 2


@pytest.mark.django_db
def test_add_and_remove_a_region_by_name_or_code(editor_client, page001):
    article = article_with(page001, "临平")
    region = Region.objects.get(name__endswith="临平区")
    response, messages = _post(editor_client, article, action="add_region", region=region.code)
    response, messages = _post(editor_client, article, action="remove_region", region=region.name)
    assert any(m.startswith("success:") for m in messages), messages
    response, messages = _post(editor_client, article, action="add_region", region="不存在的地方")
    assert any(m.startswith("error:") and "找不到" in m for m in messages), messages


@pytest.mark.django_db
def test_topics_add_primary_remove(editor_client, page001):
    article = article_with(page001, "临平")
    topic = Topic.objects.exclude(article_tags__article=article).first()
    for action in ("add_topic", "primary_topic", "remove_topic"):
        response, messages = _post(editor_client, article, action=action, topic=topic.pk)
        assert any(m.startswith("success:") for m in messages), (action, messages)
    response, messages = _post(editor_client, article, action="add_topic", topic="abc")
    assert any(m.startswith("error:") for m in messages)


@pytest.mark.django_db
def test_tags_page_refuses_a_stale_version(editor_client, page001):
    article = article_with(page001, "临平")
    url = reverse("admin:articles_article_tags", args=[article.pk])
    response = editor_client.post(url, {"version": page001.version - 1, "action": "add_credit", "name": "某人",
                                        "role": CreditRole.REPORTER}, follow=True)
    assert any("已被其他编辑修改" in m for m in messages_in(response))
    assert not Person.objects.filter(name="某人").exists()


@pytest.mark.django_db
def test_merge_two_persons_keeping_the_chosen_one(editor_client):
    keep = Person.objects.filter(name="金钧胤").first() or Person.objects.create(name="金钧胤", slug="jin-jun-yin-ui")
    drop = Person.objects.filter(name="金钩胤").first() or Person.objects.create(name="金钩胤", slug="jin-gou-yin-ui")
    changelist = reverse("admin:articles_person_changelist")
    # Step 1: the action asks which one to keep.
    response = editor_client.post(changelist, {"action": "merge_persons", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk]})
    assert response.status_code == 200
    assert "保留哪一位" in response.content.decode()
    # Step 2: confirm.
    response = editor_client.post(changelist, {"action": "merge_persons", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk],
                                               "keep": keep.pk, "confirm": "yes"}, follow=True)
    assert any(m.startswith("success:") for m in messages_in(response)), messages_in(response)
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert PersonAlias.objects.filter(person=keep, name="金钩胤").exists()


@pytest.mark.django_db
def test_merge_needs_exactly_two(editor_client):
    persons = list(Person.objects.all()[:3])
    response = editor_client.post(reverse("admin:articles_person_changelist"),
                                  {"action": "merge_persons", ACTION_CHECKBOX_NAME: [p.pk for p in persons]},
                                  follow=True)
    assert any("恰好选择两位" in m for m in messages_in(response))
