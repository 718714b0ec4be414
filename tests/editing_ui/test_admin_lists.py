"""Every model is registered with a working change list (columns, search, filters) and the
history-like models are read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles import models

MODELS = [models.Newspaper, models.Issue, models.Page, models.Block, models.Article, models.Flag, models.Region,
          models.ArticleRegion, models.Person, models.PersonAlias, models.Credit, models.Topic,
          models.ArticleTopic, models.Revision, models.ProblemReport, models.ImportLog]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ui-root", password=None))
    return client


def test_every_model_is_registered():
    for model in MODELS:
        assert admin.site.is_registered(model), model


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_list_and_search_work(superuser_client, model, django_assert_max_num_queries):
    url = reverse(f"admin:articles_{model._meta.model_name}_changelist")
    with django_assert_max_num_queries(30):  # no query per row
        assert superuser_client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert superuser_client.get(url, {"q": "宁波"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert superuser_client.get(reverse(f"admin:articles_{model._meta.model_name}_change",
                                            args=[obj.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", [models.Revision, models.ImportLog])
def test_history_models_are_read_only(editor_client, model):
    model_admin = admin.site._registry[model]
    request = editor_client.get("/admin/").wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.django_db
def test_blocks_cannot_be_deleted_or_added(editor_client):
    model_admin = admin.site._registry[models.Block]
    request = editor_client.get("/admin/").wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [models.Issue, models.Flag, models.Credit, models.ArticleRegion,
                                   models.ArticleTopic, models.ProblemReport], ids=lambda m: m.__name__)
def test_editors_change_these_in_the_page_editor_not_in_raw_forms(editor_client, model):
    """Raw forms would skip the revision (no undo) and the reindex: editors may look, not change."""
    from articles.editing.reports import report_problem

    if model is models.ProblemReport:
        report_problem(models.Article.objects.first(), "测试报告")
    obj = model.objects.first()
    url = reverse(f"admin:articles_{model._meta.model_name}_change", args=[obj.pk])
    assert editor_client.get(url).status_code == 200  # view permission
    assert editor_client.post(url, {}).status_code == 403
    delete = reverse(f"admin:articles_{model._meta.model_name}_delete", args=[obj.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
