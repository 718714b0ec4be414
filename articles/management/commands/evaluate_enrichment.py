"""``manage.py evaluate_enrichment [--only regions|persons|topics] [--json]``

Scores the tags in the database against the hand-judged gold files in articles/enrich/gold/ (the 38
seed articles). Run it on a database with the seeds imported and enriched, e.g.

    UNIONARCHIVE_DATA_DIR=/tmp/eval .venv/bin/python manage.py migrate
    UNIONARCHIVE_DATA_DIR=/tmp/eval .venv/bin/python manage.py import_pages seeds/
    UNIONARCHIVE_DATA_DIR=/tmp/eval .venv/bin/python manage.py enrich
    UNIONARCHIVE_DATA_DIR=/tmp/eval .venv/bin/python manage.py evaluate_enrichment

Each section is a function returning a dict with at least ``precision`` and ``recall`` (floats)
and optionally ``differences`` (lines to show) and any other figures; register it in EVALUATORS.
A value that is itself such a dict is a part of the section, printed on its own line (``topics``
has ``dev``, the segmentation development set, and ``held_out``, the held-out pages written for
issue 12 and never tuned on: both scored on gold segmentation — see
articles/enrich/topics_dev_gold.py; they need only a migrated database).
"""

import json

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# section name → dotted path of a callable() -> dict
EVALUATORS = {
    "regions": "articles.enrich.places_gold.evaluate",
    "bylines": "articles.enrich.people_gold.evaluate_bylines",
    "persons": "articles.enrich.people_gold.evaluate_mentions",
    "topics": "articles.enrich.topics_gold.evaluate",
}


class Command(BaseCommand):
    help = "Print precision and recall of the enrichment tags against the gold files of the seed articles."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=sorted(EVALUATORS), help="only this section (repeatable)")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--quiet-differences", action="store_true", help="do not list the differences")

    def handle(self, *args, only=None, **options):
        results = {name: import_string(EVALUATORS[name])() for name in (only or EVALUATORS)}
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for name, result in results.items():
            self._write(name, result, options["quiet_differences"])
            for part, figures in result.items():
                if isinstance(figures, dict):
                    self._write(f"{name} {part}", figures, options["quiet_differences"])

    def _write(self, name: str, result: dict, quiet_differences: bool) -> None:
        figures = ", ".join(
            f"{key} {value:.3f}" if isinstance(value, float) else f"{key} {value}"
            for key, value in result.items() if key != "differences" and not isinstance(value, dict)
        )
        self.stdout.write(f"{name}: {figures}")
        if not quiet_differences:
            for line in result.get("differences", []):
                self.stdout.write(f"  - {line}")
