"""``manage.py evaluate_enrichment --only regions`` scores the seed articles against the gold file."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import ArticleRegion

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("evaluate_enrichment", "--only", "regions", *args, stdout=out)
    return out.getvalue()


def test_prints_precision_and_recall():
    text = run()
    assert text.startswith("regions: articles 38, found 38, precision ")
    figures = json.loads(run("--json"))["regions"]
    assert figures["precision"] >= 0.95 and figures["recall"] >= 0.95
    assert figures["main_city_accuracy"] >= 0.95


def test_scores_drop_when_tags_are_wrong():
    ArticleRegion.objects.filter(region__level="city").update(rejected=True)
    figures = json.loads(run("--json"))["regions"]
    assert figures["recall"] < 0.7 and figures["main_city_accuracy"] < 0.1
    assert any("gold" in line for line in figures["differences"])
