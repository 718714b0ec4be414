"""Topics on the segmentation development set: the gold fits the pages, texts come from gold
segmentation, the figures meet the goal (recall ≥ 0.9, precision ≥ 0.85) and the command prints them."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.enrich.gold_texts import gold_texts
from articles.enrich.topics_dev_gold import DEV_GOLD_FILE, TopicGoldError, evaluate_dev, load_dev_gold
from articles.ingest.evaluation.gold import load_gold
from articles.models import Topic

DEV_DATA = json.loads(DEV_GOLD_FILE.read_text(encoding="utf-8"))
PAGES = DEV_GOLD_FILE.parent.parent.parent / DEV_DATA["pages"]
TUNING_MIGRATION = importlib.import_module("articles.migrations.0008_topic_keywords_service_culture_organisation")


@pytest.mark.django_db
def test_every_gold_article_of_the_dev_pages_has_topic_labels():
    labelled = load_dev_gold()
    pages = sorted(PAGES.glob("*.txt"))
    assert len(labelled) == sum(len(load_gold(page).articles) for page in pages)
    held_out_pages = {item.text.page for item in labelled if item.held_out}
    assert held_out_pages == set(DEV_DATA["held_out"]) and len(held_out_pages) < len(pages)
    assert all(item.topic in item.topics for item in labelled if item.topic)


@pytest.mark.django_db
def test_a_label_that_no_longer_fits_its_page_is_reported_with_file_and_line(tmp_path):
    data = json.loads(json.dumps(DEV_DATA))
    entry = data["articles"][0]
    entry["title"] = "并不存在的标题"
    drifted = tmp_path / "dev.json"
    drifted.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TopicGoldError, match=f"{entry['file']} line {entry['line']}"):
        load_dev_gold(drifted)


def test_gold_text_leaves_out_title_and_column_lines_and_joins_column_breaks():
    page = PAGES / DEV_DATA["articles"][0]["file"]
    gold = next(a for a in load_gold(page).articles if a.joins)
    text = next(t for t in gold_texts(page) if t.line == gold.headline.line)
    lines = page.read_text(encoding="utf-8").splitlines()
    assert text.title.splitlines() == [t.text for t in gold.titles]
    assert gold.headline.text not in text.body
    joined = gold.joins[0]
    previous = max(n for n in range(gold.first_line, joined) if lines[n - 1].strip())
    across_the_break = lines[previous - 1].strip() + lines[joined - 1].strip()
    assert any(across_the_break in paragraph for paragraph in text.body.splitlines())


@pytest.mark.django_db
def test_dev_set_topic_tags_reach_the_goal_on_the_tuning_pages():
    """Scored on gold segmentation; the held-out pages are reported by the command, not tuned on."""
    tuning = evaluate_dev()["tuning"]
    assert tuning["tags_recall"] >= 0.9 and tuning["tags_precision"] >= 0.85, tuning


@pytest.mark.django_db
def test_evaluate_enrichment_reports_seeds_and_dev_set_in_text_and_json(capsys):
    call_command("evaluate_enrichment", "--only", "topics", "--json")
    result = json.loads(capsys.readouterr().out)["topics"]
    assert {"tags_precision", "tags_recall"} <= set(result)
    dev = [result["dev_tuning"], result["dev_held_out"]]
    assert sum(part["articles"] for part in dev) == len(DEV_DATA["articles"])
    assert all({"main_topic_accuracy", "tags_precision", "tags_recall"} <= set(part) for part in dev)

    call_command("evaluate_enrichment", "--only", "topics", "--quiet-differences")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["topics", "topics dev_tuning", "topics dev_held_out"]


@pytest.mark.django_db
def test_keyword_tuning_leaves_an_editors_own_list_alone():
    edited, untouched = Topic.objects.order_by("position")[:2]
    edited.keywords = "编辑自己的词 3"
    edited.save()
    TUNING_MIGRATION.untune(apps, None)
    original = TUNING_MIGRATION.original_keywords()
    assert Topic.objects.get(pk=untouched.pk).keywords == original[untouched.slug]
    assert Topic.objects.get(pk=edited.pk).keywords == "编辑自己的词 3"
    TUNING_MIGRATION.tune(apps, None)
    assert Topic.objects.get(pk=untouched.pk).keywords == untouched.keywords
    assert Topic.objects.get(pk=edited.pk).keywords == "编辑自己的词 3"
