"""The page editor shows, next to a block, why the importer started a new article there or kept a
title line inside the article before (and which title role it gave a line and why)."""

import pytest

from articles.models import Block, BlockKind

from .conftest import editor_url

pytestmark = pytest.mark.django_db


def test_boundary_and_title_role_reasons_are_shown_beside_their_blocks(editor_client, page001):
    html = editor_client.get(editor_url(page001)).content.decode()
    opener = Block.objects.filter(page=page001, kind=BlockKind.HEADLINE).order_by("seq")[1]
    row = html.split(f'id="block-{opener.pk}"', 1)[1].split("</li>", 1)[0]
    assert opener.decision["summary"].startswith("新文章")
    assert f"导入判断：{opener.decision['summary']}" in row
    assert "主题+副题" in row


def test_an_inner_subhead_shows_its_cohesion(editor_client):
    from articles.models import Page

    page = Page.objects.get(source_name__startswith="003_")
    subhead = Block.objects.get(page=page, kind=BlockKind.SUBHEAD, line_start=21)
    html = editor_client.get(editor_url(page)).content.decode()
    row = html.split(f'id="block-{subhead.pk}"', 1)[1].split("</li>", 1)[0]
    assert "小标题（文内）" in row and "与上文词汇重合" in row
