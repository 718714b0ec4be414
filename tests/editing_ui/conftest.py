"""Fixtures for the editors' admin views, driven through Django's test client on the seeded archive.

``page001`` is the scrambled seed page (see SEEDS.md); ``block_at(page, line)`` finds a block by the
source line it starts on, as an editor reads it off the page editor.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article, Block, Page


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, db):
    """Signed in to the admin, but not an editor."""
    user = get_user_model().objects.create_user("ui-staff", password=None, is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def page001(db) -> Page:
    return Page.objects.get(source_name__startswith="001_")


def block_at(page: Page, line: int, kind: str | None = None) -> Block:
    blocks = Block.objects.filter(page=page, line_start=line)
    if kind:
        blocks = blocks.filter(kind=kind)
    return blocks.order_by("seq").first()


def article_with(page: Page, headline_part: str) -> Article:
    """The article with ``headline_part`` in one of its title lines (the seeds' plain pages print
    主题 + 副题, so the place-naming line is often the subtitle)."""
    from django.db.models import Q

    return Article.objects.get(Q(headline__contains=headline_part) | Q(subtitle__contains=headline_part)
                               | Q(kicker__contains=headline_part), page=page)


def editor_url(page: Page) -> str:
    return reverse("admin:articles_page_editor", args=[page.pk])


def post_action(client, page: Page, action: str, **fields):
    """POST one editor form with the page's current version (as a fresh form would); returns
    (response, ["success: …" / "error: …" messages queued for the next page])."""
    page.refresh_from_db()
    data = {"action": action, "version": page.version, **fields}
    response = client.post(editor_url(page), data)
    return response, queued_messages(response)


def queued_messages(response) -> list[str]:
    """Messages the view queued for the page it redirects to (without rendering that page)."""
    return [f"{message.level_tag}: {message}" for message in get_messages(response.wsgi_request)]


def messages_in(response) -> list[str]:
    """The admin's message list of a rendered page: ["success: …", "error: …"]."""
    return [f"{level}: {html.unescape(text).strip()}" for level, text in
            re.findall(r'<li class="(success|error|warning|info)">(.*?)</li>', response.content.decode(), re.S)]


def blocks_of(article: Article) -> list[int]:
    """Source start lines of an article's blocks in reading order."""
    return list(article.blocks.order_by("position", "seq").values_list("line_start", flat=True))
