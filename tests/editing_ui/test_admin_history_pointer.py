"""The admin's own "history" of a page or an article lists only changes made in its generic form;
an editor who opens it after working in the page editor must not be told there is no history:
it points to the revision history, where the editor's operations are."""

import pytest
from django.urls import reverse

from articles.editing import split_article
from articles.models import Article, Block
from articles.models.choices import RevisionAction

pytestmark = pytest.mark.django_db


def test_admin_history_points_to_the_revision_history(client, editor):
    article = Article.objects.filter(blocks__kind="body").order_by("pk").first()
    body = Block.objects.filter(article=article, kind="body").order_by("position")
    split_article(body.last(), user=editor, expected_version=article.page.version)
    client.force_login(editor)

    for url, revisions in (
        (reverse("admin:articles_page_history", args=[article.page_id]),
         reverse("admin:articles_page_revisions", args=[article.page_id])),
        (reverse("admin:articles_article_history", args=[article.pk]),
         reverse("admin:articles_article_revisions", args=[article.pk])),
    ):
        html = client.get(url).content.decode()
        assert f'<a href="{revisions}">修订历史</a>' in html, url
        revisions_html = client.get(revisions).content.decode()
        assert str(RevisionAction.SPLIT.label) in revisions_html  # the split is there
