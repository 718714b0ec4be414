"""The segmentation gold files and ``manage.py evaluate_segmentation``.

Every gold file must fit its page (a wrong line number would silently score the importer against the
wrong text); the scorer must give full marks to the gold itself and notice a merged article; the
command must import into a scratch database, print the measures and leave the archive alone.
"""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.ingest.evaluation.gold import GOLD_SUFFIX, check_gold, load_gold
from articles.ingest.evaluation.scoring import figures, score_page, source_paragraph_starts
from articles.models import Page

ROOT = Path(__file__).resolve().parent.parent.parent
DEV_DIR = ROOT / "evaluation" / "segmentation" / "dev"
HELDOUT_DIR = ROOT / "evaluation" / "segmentation" / "heldout"
GOLD_PAGES = sorted(ROOT.glob("seeds/*.txt")) + sorted(DEV_DIR.glob("*.txt")) + sorted(HELDOUT_DIR.glob("*.txt"))


def _lines(page: Path) -> list[str]:
    return page.read_text(encoding="utf-8-sig").splitlines()


def test_the_development_set_has_at_least_30_pages_of_5_to_9_items_each():
    dev_pages = sorted(DEV_DIR.glob("*.txt"))
    assert len(dev_pages) >= 30
    for page in dev_pages:
        assert 5 <= len(load_gold(page).articles) <= 9, page.name
    assert all(page.with_name(page.stem + GOLD_SUFFIX).is_file() for page in GOLD_PAGES)


@pytest.mark.parametrize("page", GOLD_PAGES, ids=lambda page: page.name)
def test_every_gold_file_fits_its_page(page):
    """Line numbers point at non-blank lines, titles and labels equal their lines, articles are in
    print order and do not overlap (``check_gold``)."""
    assert check_gold(load_gold(page), _lines(page)) == []


def test_a_gold_file_that_does_not_fit_is_reported_with_file_and_line(tmp_path):
    page = DEV_DIR / "dev_001.txt"
    shutil.copy(page, tmp_path / page.name)
    data = json.loads(page.with_name("dev_001" + GOLD_SUFFIX).read_text(encoding="utf-8"))
    first, second = data["articles"][0], data["articles"][1]
    first["titles"][0]["text"] += "（改）"
    second["first_line"] = first["last_line"]  # overlaps the article before
    (tmp_path / ("dev_001" + GOLD_SUFFIX)).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = check_gold(load_gold(tmp_path / page.name), _lines(page))
    assert any(f"differs from line {first['titles'][0]['line']}" in p for p in problems)
    assert any("inside what comes before" in p for p in problems)
    assert all(p.startswith("dev_001.txt: ") for p in problems)


def made_from_gold(gold, lines) -> dict:
    """What a perfect importer would make of the page: the gold as blocks and articles."""
    blocks, articles = [], []
    if gold.banner_lines:
        blocks.append({"kind": "banner", "line_start": gold.banner_lines[0], "line_end": gold.banner_lines[1],
                       "article": None})
    starts = source_paragraph_starts(lines)
    for number, article in enumerate(gold.articles, start=1):
        titled = {article.column_line} if article.column else set()
        if article.column:
            blocks.append({"kind": "column_label", "line_start": article.column_line,
                           "line_end": article.column_line, "article": number})
        for title in article.titles:
            titled.update(range(title.line, title.end + 1))
            blocks.append({"kind": title.role, "line_start": title.line, "line_end": title.end, "article": number})
        for start in starts:
            if article.first_line <= start <= article.last_line and start not in titled:
                end = start
                while end < len(lines) and lines[end].strip():
                    end += 1
                if start in article.joins:
                    blocks[-1]["line_end"] = end
                else:
                    blocks.append({"kind": "body", "line_start": start, "line_end": end, "article": number})
        articles.append({
            "id": number, "headline": article.label(), "column_label": article.column,
            "credits": [[name, "reporter" if role == "author" else role] for name, role in article.credits],
            "continued_from": article.continued_from, "continued_to": article.continued_to,
        })
    return {"banner": gold.banner, "blocks": blocks, "articles": articles}


@pytest.mark.parametrize("page", GOLD_PAGES, ids=lambda page: page.name)
def test_the_scorer_gives_the_gold_itself_full_marks(page):
    gold, lines = load_gold(page), _lines(page)
    result = figures(score_page(gold, lines, made_from_gold(gold, lines)).counts)
    assert result["found"] == result["articles"] == len(gold.articles)
    assert result["spurious"] == 0
    for measure in ("headline_rate", "title_role_rate", "span_exact_rate", "boundary_f1", "credits_exact_rate"):
        assert result[measure] in (1.0, None), measure


def test_an_article_merged_into_the_one_before_is_missed_and_its_headline_becomes_a_subhead():
    page = DEV_DIR / "dev_005.txt"
    gold, lines = load_gold(page), _lines(page)
    made = made_from_gold(gold, lines)
    victim = next(n for n, a in enumerate(gold.articles[1:], start=2) if len(a.titles) == 1)
    for block in made["blocks"]:
        if block["article"] == victim:
            block["article"] = victim - 1
            if block["kind"] == "headline":
                block["kind"] = "subhead"
    made["articles"] = [a for a in made["articles"] if a["id"] != victim]
    tally = score_page(gold, lines, made)
    result = figures(tally.counts)
    assert result["found"] == len(gold.articles) - 1
    assert result["headline_right"] == len(gold.articles) - 1
    assert any("not found (its line is made subhead)" in line for line in tally.differences)


@pytest.mark.slow
@pytest.mark.django_db
def test_evaluate_segmentation_prints_the_measures_and_leaves_the_archive_alone(tmp_path):
    for name in ("dev_001", "dev_002"):
        for suffix in (".txt", GOLD_SUFFIX):
            shutil.copy(DEV_DIR / (name + suffix), tmp_path / (name + suffix))
    pages_before = sorted(Page.objects.values_list("source_name", flat=True))
    expected_articles = sum(len(load_gold(p).articles) for p in tmp_path.glob("*.txt"))

    out = io.StringIO()
    call_command("evaluate_segmentation", str(tmp_path), "--json", stdout=out)
    result = json.loads(out.getvalue())[str(tmp_path)]
    measures = result["figures"]
    assert measures["pages"] == 2
    assert measures["articles"] == expected_articles
    assert 0 < measures["found"] <= expected_articles
    assert measures["found_rate"] == round(measures["found"] / expected_articles, 4)
    assert measures["made_articles"] - measures["spurious"] == measures["found"]
    for measure in ("headline_rate", "title_role_rate", "boundary_f1", "credit_precision", "credit_recall"):
        assert 0 <= measures[measure] <= 1
    assert set(result["genres"]) == {a.genre for p in tmp_path.glob("*.txt") for a in load_gold(p).articles}
    assert result["gold_problems"] == []

    text = io.StringIO()
    call_command("evaluate_segmentation", str(tmp_path), stdout=text)
    printed = text.getvalue()
    assert f"{measures['found']}/{expected_articles}" in printed
    assert "paragraph boundaries" in printed and "per genre" in printed
    assert sorted(Page.objects.values_list("source_name", flat=True)) == pages_before
