"""``manage.py bench_editing [--page SOURCE_NAME] [--runs N]``: how long editors wait.

On one page (the first article with at least two blocks):
- the operations: a split and its undo (Python API), ``--runs`` times;
- the page editor as the browser gets it: its HTML size (raw and gzip-compressed; goal for
  page 001 ≤ 100 KB compressed), the first view and later views;
- an action's round trip as the JavaScript editor makes it: POST to the fragment endpoint (split,
  then merge back) through Django's whole request stack (middleware, session, CSRF-exempt test
  client, view, operation, re-render of the changed articles), goal ≤ 300 ms;
- a reference measured in the same run: the admin index page.
Medians and 95th percentiles, wall and CPU. Everything runs inside one transaction that is
rolled back at the end, so the archive is left as it was and nothing is queued for the index.
"""

import gzip
import json
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from articles.editing import ensure_editors_group, split_article, undo
from articles.models import Article, Block, Page


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


class _Timer:
    """Wall and CPU time of repeated calls."""

    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __call__(self, function):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        return result

    def line(self) -> str:
        return f"wall {_ms(self.wall)}; CPU {_ms(self.cpu)}"


class Command(BaseCommand):
    help = "Time split + undo, the page editor's size and views, and an action's round trip (rolled back)."

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
            user = get_user_model().objects.create_user("bench-editing-user", is_staff=True)
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
            web = self._web(target, block, user, runs)
            transaction.set_rollback(True)
        self.stdout.write(
            f"page {target.source_name}: {target.blocks.count()} blocks, {target.articles.count()} articles; "
            f"archive: {Page.objects.count()} pages, {Block.objects.count()} blocks; {runs} runs")
        self.stdout.write(f"split: {_ms(split_times)}")
        self.stdout.write(f"undo:  {_ms(undo_times)}")
        for line in web:
            self.stdout.write(line)

    def _web(self, page, block, user, runs: int) -> list[str]:
        """The editor's HTML and an action's round trip through Django's request stack."""
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        editor = reverse("admin:articles_page_editor", args=[page.pk])
        fragment = reverse("admin:articles_page_editor_fragment", args=[page.pk])
        first, views, actions, reference = _Timer(), _Timer(), _Timer(), _Timer()
        body = first(lambda: client.get(editor)).content
        for _run in range(runs):
            views(lambda: client.get(editor))
            reference(lambda: client.get(reverse("admin:index")))
            version = Page.objects.values_list("version", flat=True).get(pk=page.pk)
            answer = actions(lambda: json.loads(client.post(fragment, {
                "action": "split", "version": version, "block": block.pk}).content))
            if not answer["ok"]:
                raise CommandError(f"split refused: {answer['message']}")
            block.refresh_from_db()
            answer = actions(lambda: json.loads(client.post(fragment, {
                "action": "merge_previous", "version": answer["version"], "article": block.article_id}).content))
            if not answer["ok"]:
                raise CommandError(f"merge refused: {answer['message']}")
        return [
            f"editor HTML: {len(body) / 1000:.1f} KB, {len(gzip.compress(body)) / 1000:.1f} KB gzip-compressed "
            f"(goal ≤ 100 KB compressed)",
            f"editor first view: {first.wall[0] * 1000:.1f} ms; later views: {views.line()}",
            f"action round trip (fragment POST, split or merge back): {actions.line()} (goal ≤ 300 ms)",
            f"reference, admin index: {reference.line()}",
        ]
