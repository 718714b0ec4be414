"""The page around the results: a date range with a removable chip (chosen or typed), one search
box on the search page, and result lines that show the column label and the byline."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Article, Block, BlockKind

pytestmark = pytest.mark.django_db


def article_years() -> list[int]:
    return sorted({a.page.issue.date.year for a in Article.objects.select_related("page__issue")})


def result_ids(response) -> set[int]:
    return {item.article.pk for item in response.context["items"]}


def test_date_controls_filter_and_show_a_removable_chip(client, search_engine):
    years = article_years()
    assert len(years) >= 2, "the seeds span several years"
    year = years[-1]
    response = client.get(reverse("search"), {"q": "工会", "from": str(year), "to": str(year)})
    expected = set(Article.objects.filter(page__issue__date__year=year).values_list("pk", flat=True))
    assert result_ids(response) and result_ids(response) <= expected
    chips = [c for c in response.context["chips"] if c.param == "date"]
    assert [c.label for c in chips] == [str(year)]
    removed = client.get(chips[0].remove_url)
    assert removed.context["total"] > response.context["total"]
    assert not [c for c in removed.context["chips"] if c.param == "date"]
    html = response.content.decode()
    assert f'name="from" value="{year}"' in html


def test_a_typed_date_range_gets_a_chip_that_removes_it(client, search_engine):
    years = article_years()
    response = client.get(reverse("search"), {"q": f"工会 {years[-1]}..{years[-1]}"})
    [chip] = [c for c in response.context["chips"] if c.param == "date"]
    assert chip.label.startswith(str(years[-1]))
    assert unescape(chip.remove_url).endswith("?q=%E5%B7%A5%E4%BC%9A")  # ?q=工会, the range gone


@pytest.mark.parametrize("value", ["abc", "2024-13", "2024-02-30", "<script>", "99999", "２０２４"])
def test_bad_dates_are_dropped_not_errors(client, search_engine, value):
    response = client.get(reverse("search"), {"q": "工会", "from": value, "to": value})
    assert response.status_code == 200
    assert response.context["params"].date_from in ("", "2024")  # full-width digits: not a date here


def test_the_search_page_has_one_search_box(client, search_engine):
    html = client.get(reverse("search"), {"q": "工会"}).content.decode()
    assert html.count('type="search"') == 1
    assert html.count('role="search"') == 1
    home = client.get("/").content.decode()
    assert home.count('role="search"') == 1  # other pages keep the header box


def test_results_show_column_label_and_byline(client, search_engine):
    labelled = Article.objects.exclude(column_label="").exclude(byline="").first()
    assert labelled is not None, "a seed article has a column label (工会“小灵通”) and a byline"
    response = client.get(reverse("search"), {"q": f'"{labelled.headline}"'})
    html = response.content.decode()
    item = next(i for i in response.context["items"] if i.article.pk == labelled.pk)
    assert f'<span class="result-column">{labelled.column_label}</span>' in html
    assert item.byline_short and "本报讯" not in item.byline_short and not item.byline_short.endswith("报道")
    assert re.search(r'<span class="result-byline">[^<]+</span>', html)


def test_syntax_help_lists_dates_title_and_person(client, search_engine):
    html = client.get(reverse("search")).content.decode()
    help_text = html[html.index('<details class="search-help">'):html.index("</details>", html.index('<details class="search-help">'))]
    for example in ("2022..2023", "title:", "person:", "|"):
        assert example in help_text


def test_result_snippets_show_full_width_punctuation_and_json_keeps_the_source(client, search_index):
    """A result line shows “据了解，…” like the article page does, never the source's ASCII comma;
    the JSON keeps the text as printed (search folds both forms alike)."""
    comma = re.compile(r"([\u4e00-\u9fff]{4}),(?=[\u4e00-\u9fff])")
    body_blocks = Block.objects.filter(kind=BlockKind.BODY, hidden=False, article__isnull=False).order_by("pk")
    block, before = next((b, m.group(1)) for b in body_blocks for m in [comma.search(b.text)] if m)
    response = client.get(reverse("search"), {"q": f'"{before}"'})
    assert block.article_id in result_ids(response)
    shown = re.sub(r"<[^>]+>", "", response.content.decode())
    assert f"{before}，" in shown and f"{before}," not in shown
    data = client.get(reverse("search_json"), {"q": f'"{before}"'}).json()
    [hit] = [hit for hit in data["results"] if hit["id"] == block.article_id]
    assert any(f"{before}," in text for text in hit["snippet"]["text"])
