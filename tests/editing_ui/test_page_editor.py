"""The page editor shows a page as an editor needs it: blocks in reading order, grouped into
articles with their title groups, kinds, flags and source lines beside the repaired text."""

import re

import pytest

from articles.models import Article, Block

from .conftest import editor_url


@pytest.mark.django_db
def test_every_block_is_shown_once_inside_its_article(editor_client, page001):
    html = editor_client.get(editor_url(page001)).content.decode()
    shown = [int(pk) for pk in re.findall(r'<li class="editor-block[^"]*" id="block-(\d+)"', html)]
    assert sorted(shown) == sorted(Block.objects.filter(page=page001).values_list("pk", flat=True))
    sections = re.findall(r'<section class="editor-article[^"]*" id="article-(\d+)"', html)
    assert [int(pk) for pk in sections] == list(
        Article.objects.filter(page=page001).order_by("order").values_list("pk", flat=True))


@pytest.mark.django_db
def test_article_groups_show_title_and_blocks_in_order(editor_client, page001):
    html = editor_client.get(editor_url(page001)).content.decode()
    ningbo = Article.objects.get(page=page001, subtitle__contains="宁波海建")
    section = html.split(f'id="article-{ningbo.pk}"', 1)[1].split("</section>", 1)[0]
    assert "宁波海建工会“新型带徒制”" in section
    lines = [int(n) for n in re.findall(r'data-lines="(\d+)-\d+"', section)]
    expected = list(ningbo.blocks.order_by("position", "seq").values_list("line_start", flat=True))
    assert lines == expected


@pytest.mark.django_db
def test_source_lines_flags_and_hidden_duplicates_are_visible(editor_client, page001):
    html = editor_client.get(editor_url(page001)).content.decode()
    assert '<span class="line-no">L118</span>' in html  # the orphan's source line, numbered
    assert "孤立片段" in html  # its ORPHAN flag as a badge
    assert "重复段落" in html or "不显示" in html  # the duplicates L141–147
    hidden = Block.objects.filter(page=page001, hidden=True).first()
    assert hidden is not None
    row = html.split(f'id="block-{hidden.pk}"', 1)[1].split("</li>", 1)[0]
    assert "恢复显示" in row  # a hidden block offers to show it again


@pytest.mark.django_db
def test_every_form_posts_with_csrf_and_the_page_version(editor_client, page001):
    html = editor_client.get(editor_url(page001)).content.decode()
    forms = re.findall(r"<form method=\"post\".*?</form>", html, re.S)
    assert len(forms) > 100
    for form in forms:
        assert "csrfmiddlewaretoken" in form
        if "logout" not in form:
            assert f'name="version" value="{page001.version}"' in form


@pytest.mark.django_db
def test_editor_page_uses_a_bounded_number_of_queries(editor_client, page001, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert editor_client.get(editor_url(page001)).status_code == 200


@pytest.mark.django_db
def test_page_change_list_links_to_the_editor(editor_client, page001):
    html = editor_client.get("/admin/articles/page/").content.decode()
    assert editor_url(page001) in html
    html = editor_client.get(f"/admin/articles/page/{page001.pk}/change/").content.decode()
    assert editor_url(page001) in html


@pytest.mark.django_db
def test_editor_views_render_in_english_too(editor_client, page001):
    from django.urls import reverse

    for url in (editor_url(page001), reverse("admin:articles_queue"),
                reverse("admin:articles_page_revisions", args=[page001.pk])):
        response = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert ">Home</a>" in response.content.decode()  # Django's own admin strings in English
