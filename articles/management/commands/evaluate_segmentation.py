"""``manage.py evaluate_segmentation [PATH ...] [--json] [--differences]``

Imports pages into a scratch SQLite database (a temporary data folder; never the user's database)
with the real importer, and scores what it made against each page's ``NAME.gold.json``: articles
found (headline matched) and spurious, headline on the right line, title roles, article extents,
paragraph-boundary F1, credits, column labels, continuation links — overall and per genre.

Each folder given is one set (default: ``seeds/`` and ``evaluation/segmentation/dev/``); loose files
are grouped by their folder. The gold format: ``evaluation/segmentation/README.md``.
"""

import argparse
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest.evaluation.gold import GoldError, check_gold, load_gold
from articles.ingest.evaluation.scoring import Tally, figures, genre_figures, score_page
from articles.ingest.evaluation.scratch import ScratchImportError, import_and_describe, import_in_scratch


def default_sets() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return [base / "seeds", base / "evaluation" / "segmentation" / "dev"]


def page_sets(paths: list[Path]) -> dict[Path, list[Path]]:
    """{folder: its page files}, in the order given."""
    sets: dict[Path, list[Path]] = {}
    for path in paths:
        if path.is_dir():
            pages = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not pages:
                raise CommandError(f"{path}: no .txt pages in this folder")
            sets.setdefault(path, []).extend(pages)
        elif path.is_file():
            sets.setdefault(path.parent, []).append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return sets


def evaluate_set(pages: list[Path]) -> tuple[Tally, list[str]]:
    """Import the pages together into a scratch database and score them; (tally, gold problems)."""
    golds, problems = [], []
    for page in pages:
        try:
            gold = load_gold(page)
        except GoldError as error:
            problems.append(str(error))
            continue
        lines = page.read_text(encoding="utf-8-sig").splitlines()
        found = check_gold(gold, lines)
        if found:
            problems.extend(found)
            continue
        golds.append((gold, lines))
    made = import_in_scratch([gold.path for gold, _lines in golds]) if golds else {}
    tally = Tally()
    for gold, lines in golds:
        tally.add(score_page(gold, lines, made[gold.name]))
    return tally, problems


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def report_lines(name: str, result: dict) -> list[str]:
    f = result["figures"]
    lines = [
        f"{name}: {f['pages']} pages, {f['articles']} articles",
        f"  articles found (headline matched)  {f['found']}/{f['articles']} {_percent(f['found_rate'])}; "
        f"spurious {f['spurious']}/{f['made_articles']} made {_percent(f['spurious_rate'])}",
        f"  headline on the right line          {f['headline_right']} {_percent(f['headline_rate'])}; "
        f"title lines with the right role {_percent(f['title_role_rate'])} of {f['title_lines']}",
        f"  article extent exact                {_percent(f['span_exact_rate'])} of found",
        f"  paragraph boundaries                P {_percent(f['boundary_precision'])} R {_percent(f['boundary_recall'])} "
        f"F1 {_percent(f['boundary_f1'])}; column-break joins repaired {f['joins_repaired']}/{f['joins']}",
        f"  credits                             P {_percent(f['credit_precision'])} R {_percent(f['credit_recall'])}; "
        f"articles with exactly the right credits {_percent(f['credits_exact_rate'])}",
        f"  column labels right                 {_percent(f['column_label_rate'])}; continuation links "
        f"{f['continuation_links_right']}/{f['continuation_links']}; banners {_percent(f['banner_rate'])}",
        "  per genre (articles / found / headline right / extent exact / credits exact):",
    ]
    for genre, g in sorted(result["genres"].items(), key=lambda item: -item[1]["articles"]):
        lines.append(f"    {genre:<14}{g['articles']:>4}  {_percent(g['found_rate']):>7} {_percent(g['headline_rate']):>7} "
                     f"{_percent(g['span_exact_rate']):>7} {_percent(g['credits_exact_rate']):>7}")
    for problem in result["gold_problems"]:
        lines.append(f"  GOLD PROBLEM: {problem}")
    return lines


class Command(BaseCommand):
    help = "Score the importer's page segmentation against the gold files (seeds and development set by default)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="page files or folders with NAME.gold.json beside each page")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the figures as JSON")
        parser.add_argument("--differences", action="store_true", help="list every difference from the gold")
        parser.add_argument("--scratch-import", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, paths, as_json: bool, differences: bool, scratch_import, **options):
        try:
            if scratch_import:
                made = import_and_describe(paths)
                scratch_import.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
                return
            results = {}
            for folder, pages in page_sets(paths or default_sets()).items():
                tally, problems = evaluate_set(pages)
                results[str(folder)] = {
                    "figures": figures(tally.counts),
                    "genres": {genre: genre_figures(counts) for genre, counts in tally.by_genre.items()},
                    "gold_problems": problems,
                    "differences": tally.differences,
                }
        except ScratchImportError as error:
            raise CommandError(str(error)) from None
        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for folder, result in results.items():
            for line in report_lines(_short(folder), result):
                self.stdout.write(line)
            if differences:
                for line in result["differences"]:
                    self.stdout.write(f"  - {line}")



def _short(folder: str) -> str:
    try:
        return str(Path(folder).resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return folder
