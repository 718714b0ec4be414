"""``manage.py bench_people_topics [--articles 100000] [--repeat 15]``: time the topic and people pages.

Builds a synthetic archive (``articles.bench.corpus``: seed prose, tags, credits) in a
throwaway data folder — never in the configured archive: the command re-runs itself in a
subprocess with UNIONARCHIVE_DATA_DIR pointing at a temporary folder and a scratch database of the
DATABASE_URL kind (unionarchive/scratch_database.py) — then renders each page
``--repeat`` times and prints the median and 95th percentile time and the number of queries.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext

from unionarchive.database_checks import analyze_after_bulk_load
from unionarchive.scratch_database import folder_database, is_postgres

SCRATCH_FLAG = "--inside-scratch-folder"


class Command(BaseCommand):
    help = "Time /topics/ and /people/ pages on a synthetic archive in a temporary folder."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
        parser.add_argument("--enrich-sample", type=int, default=2000,
                            help="also time the persons and topics steps on this many articles (0: skip)")
        parser.add_argument(SCRATCH_FLAG, action="store_true", dest="inside", help="(internal)")

    def handle(self, *args, articles, repeat, keep, inside, enrich_sample, **options):
        if not inside:
            self._run_in_scratch_folder(articles, repeat, keep, enrich_sample)
            return
        self._build(articles)
        if enrich_sample:
            self._time_enrichment(enrich_sample)
        self._time_pages(articles, repeat)

    def _time_enrichment(self, sample: int) -> None:
        """Throughput of the persons and topics steps (one run each: they write, so no repeats)."""
        from articles.enrich.persons import enrich_persons
        from articles.enrich.topics import enrich_topics
        from articles.models import Article, Block

        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:sample])
        chars = sum(len(text) for text in Block.objects.filter(article_id__in=ids).values_list("text", flat=True))
        for name, step in (("persons", enrich_persons), ("topics", enrich_topics)):
            started = time.perf_counter()
            step(Article.objects.filter(pk__in=ids))
            elapsed = time.perf_counter() - started
            self.stdout.write(f"enrich {name}: {len(ids)} articles ({chars} characters) in {elapsed:.1f} s = "
                              f"{len(ids) / elapsed:.0f} articles/s")

    def _run_in_scratch_folder(self, articles: int, repeat: int, keep: bool, enrich_sample: int) -> None:
        folder = Path(tempfile.mkdtemp(prefix="bench-people-topics-"))
        manage = Path(settings.BASE_DIR) / "manage.py"
        with folder_database(folder, keep=keep) as database_url:
            env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(folder), "DATABASE_URL": database_url}
            env.pop("SEARCH_INDEX_PATH", None)
            try:
                subprocess.run(
                    [sys.executable, str(manage), "bench_people_topics", "--articles", str(articles),
                     "--repeat", str(repeat), "--enrich-sample", str(enrich_sample), SCRATCH_FLAG],
                    env=env, check=True,
                )
            finally:
                if keep:
                    self.stdout.write(f"kept {folder}" + (f" and {database_url}" if is_postgres(database_url) else ""))
                else:
                    shutil.rmtree(folder, ignore_errors=True)

    def _build(self, articles: int) -> None:
        from articles.bench.corpus import build_corpus

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        build_corpus(articles, Path(settings.BASE_DIR) / "seeds")
        analyze_after_bulk_load()
        self.stdout.write(f"built {articles} synthetic articles in {time.perf_counter() - started:.0f} s")

    def _time_pages(self, articles: int, repeat: int) -> None:
        from articles.models import Credit, Person, Topic
        from articles.views import people, topics

        biggest_topic = Topic.objects.annotate(n=Count("article_tags")).order_by("-n").first()
        busiest = Person.objects.annotate(n=Count("credits")).order_by("-n").first()
        role = Credit.objects.filter(person=busiest).values_list("role", flat=True).first()
        cases = [
            ("/topics/", topics.topic_list, {}),
            (f"/topics/{biggest_topic.slug}/", topics.topic_detail, {"slug": biggest_topic.slug}),
            (f"/topics/{biggest_topic.slug}/?page=200", topics.topic_detail, {"slug": biggest_topic.slug}),
            ("/people/", people.person_list, {}),
            ("/people/?page=20", people.person_list, {}),
            ("/people/?q=王", people.person_list, {}),
            (f"/people/{busiest.slug}/", people.person_detail, {"slug": busiest.slug}),
            (f"/people/{busiest.slug}/?role={role}&page=30", people.person_detail, {"slug": busiest.slug}),
        ]
        factory = RequestFactory()
        self.stdout.write(f"{articles} articles, {Person.objects.count()} people, {repeat} runs each "
                          f"(largest topic: {biggest_topic.article_tags.count()} articles; busiest person: "
                          f"{busiest.credits.count()} credits)")
        self.stdout.write(f"{'page':58} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for url, view, kwargs in cases:
            timings, queries = [], 0
            for _ in range(repeat):
                request = factory.get(url)
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = view(request, **kwargs)
                    timings.append((time.perf_counter() - started) * 1000)
                queries = len(captured.captured_queries)
                assert response.status_code == 200, (url, response.status_code)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            self.stdout.write(f"{url:58} {statistics.median(timings):10.1f} {p95:8.1f} {queries:8d}")
