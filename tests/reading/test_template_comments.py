"""No template shows its own comments to readers: Django's ``{# … #}`` ends at the end of its line,
so one written over several lines is printed as text (an article page once showed its report
link's design note under the related articles). Several lines need ``{% comment %}``."""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def template_files():
    for folder in settings.TEMPLATES[0]["DIRS"]:
        yield from sorted(Path(folder).rglob("*.html"))


def test_every_short_comment_closes_on_its_own_line():
    unclosed = [f"{path}:{number}" for path in template_files()
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.count("{#") > line.count("#}")]
    assert not unclosed, "use {% comment %} for comments over several lines: " + ", ".join(unclosed)


def test_an_article_page_shows_no_template_syntax(client):
    from articles.models import Article

    html = client.get(Article.objects.order_by("pk").first().get_absolute_url()).content.decode()
    assert "{#" not in html and "#}" not in html and "{%" not in html
