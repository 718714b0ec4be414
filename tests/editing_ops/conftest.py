"""Fixtures for the editing operations (``editor`` is tests/conftest.py's): a second editor, a
reader, and small hand-made pages.

``make_page`` builds a page from a compact description so that each test states the layout it
works on: a list of articles, each a list of (kind, text) blocks, plus optional loose blocks.
"""

import pytest
from django.contrib.auth import get_user_model

from articles.editing.permissions import ensure_editors_group

from .helpers import build_page


@pytest.fixture
def second_editor(db):
    user = get_user_model().objects.create_user("editor2", is_staff=True)
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user("reader1")


@pytest.fixture
def make_page(db):
    return build_page


