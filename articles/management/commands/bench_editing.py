"""``manage.py bench_editing [--page SOURCE_NAME] [--runs N]``: how long editors wait.

Times a split and its undo on one page (the first article with at least two blocks), ``--runs``
times, and prints the median and 95th percentile with the page's and archive's size. Everything
runs inside one transaction that is rolled back at the end, so the archive is left as it was and
nothing is queued for the index.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.editing import ensure_editors_group, split_article, undo
from articles.models import Article, Block, Page


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


class Command(BaseCommand):
    help = "Time split + undo on one page (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--page", help="source file name of the page (default: the page with most blocks)")
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, page=None, runs=20, **options):
        pages = Page.objects.all()
        target = pages.filter(source_name=page).first() if page else (
            max(pages, key=lambda p: p.blocks.count(), default=None))
        if target is None:
            raise CommandError("no such page (import some pages first)")
        block = None
        for article in Article.objects.filter(page=target).order_by("order"):
            blocks = list(Block.objects.filter(article=article).order_by("position", "seq")[:2])
            if len(blocks) == 2:
                block = blocks[1]
                break
        if block is None:
            raise CommandError(f"{target.source_name}: no article with two blocks to split")
        split_times, undo_times = [], []
        with transaction.atomic():
            user = get_user_model().objects.create_user("bench-editing-user")
            user.groups.add(ensure_editors_group())
            user = get_user_model().objects.get(pk=user.pk)
            for run in range(runs + 1):  # the first run warms caches (enrichment's gazetteer) and is dropped
                version = Page.objects.values_list("version", flat=True).get(pk=target.pk)
                started = time.perf_counter()
                revision = split_article(block, user=user, expected_version=version)
                middle = time.perf_counter()
                undo(revision, user=user, expected_version=version + 1)
                if run:
                    split_times.append(middle - started)
                    undo_times.append(time.perf_counter() - middle)
            transaction.set_rollback(True)
        self.stdout.write(
            f"page {target.source_name}: {target.blocks.count()} blocks, {target.articles.count()} articles; "
            f"archive: {Page.objects.count()} pages, {Block.objects.count()} blocks; {runs} runs")
        self.stdout.write(f"split: {_ms(split_times)}")
        self.stdout.write(f"undo:  {_ms(undo_times)}")
