"""Markup inside an article's own text is shown as text in titles, snippets, the feed and the JSON;
the only tags a result carries are the <mark>s around the query's words."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Block, BlockKind

from .conftest import point_index_at

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
NASTY = '<img src=x onerror="alert(1)">'


@pytest.fixture
def article_with_markup(search_index, tmp_path):
    """An article whose headline and body hold markup, in an index of this test's own."""
    article = Article.objects.filter(blocks__kind=BlockKind.BODY).distinct().first()
    article.headline = f"{NASTY}劳模工匠档案测试"
    article.save()
    block = Block.objects.filter(article=article, kind=BlockKind.BODY, hidden=False).first()
    block.text = f"前文{NASTY}劳模工匠&amp;x后文" + block.text  # ";x": no full-width display
    block.save()
    point_index_at(tmp_path / "index")
    call_command("build_index", verbosity=0)
    yield article
    point_index_at(search_index)


def test_markup_in_articles_is_escaped_everywhere(client, article_with_markup):
    page = client.get(reverse("search"), {"q": "劳模工匠"}).content.decode()
    assert "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&amp;amp;" in page  # a literal "&amp;" in the text is shown as such
    assert set(re.findall(r"<mark>(.*?)</mark>", page)) == {"劳模工匠"}

    feed = ET.fromstring(client.get(reverse("search_feed"), {"q": "劳模工匠"}).content)
    entry = next(e for e in feed.iter(f"{ATOM}entry") if NASTY in e.find(f"{ATOM}title").text)
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")  # plain text: shown, not run
    summary = entry.find(f"{ATOM}summary").text  # type="html": the HTML a reader renders
    assert "<img" not in summary and "onerror=\"" not in summary
    assert "onerror=&quot;alert(1)&quot;&gt;<mark>劳模工匠</mark>&amp;amp;x后文" in summary

    data = client.get(reverse("search_json"), {"q": "劳模工匠"}).json()
    result = next(r for r in data["results"] if r["id"] == article_with_markup.pk)
    assert result["headline"].startswith(NASTY)  # plain text fields hold the text itself
    html = " ".join(result["snippet"]["html"]) + result["title_lines_html"][0]["html"]
    assert "<img" not in html and "&lt;img" in html
    assert any('onerror="alert(1)">劳模工匠&amp;x后文' in text for text in result["snippet"]["text"])
