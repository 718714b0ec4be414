"""``manage.py bench_regions [--articles 100000] [--repeat 15] [--enrich-sample 2000] [--keep | --reuse DIR]``

Times the place pages and the place matcher on a synthetic archive (``articles.bench.corpus``:
seed prose, random tags) built in a throwaway data folder — never in the configured archive: the
command re-runs itself in a subprocess with UNIONARCHIVE_DATA_DIR pointing at a temporary folder and
a scratch database of the configured kind (SQLite there, or a new database on the PostgreSQL server
DATABASE_URL names: ``DATABASE_URL=postgres://… manage.py bench_regions`` times PostgreSQL).
Region tags are rolled up to county and city as the enrichment step stores them. Prints the median
and 95th percentile time and the number of queries of each page, and the matcher's articles per
second over ``--enrich-sample`` articles.
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
    help = "Time /regions/ pages and the place matcher on a synthetic archive in a temporary folder."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)
        parser.add_argument("--enrich-sample", type=int, default=2000)
        parser.add_argument(SCRATCH_FLAG, action="store_true", dest="inside", help="(internal)")
        parser.add_argument("--reuse", metavar="DATA_DIR",
                            help="time the pages on a data folder an earlier run built (kept with --keep)")
        parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print its path")
        parser.add_argument("--no-build", action="store_true", help="(internal, with --reuse)")

    def handle(self, *args, articles, repeat, enrich_sample, inside, reuse, keep, **options):
        if reuse:
            self._rerun(Path(reuse), articles, repeat, enrich_sample, keep=True, extra=["--no-build"])
            return
        if options.get("no_build"):
            self._time_matcher(enrich_sample)
            self._time_pages(articles, repeat)
            return
        if not inside:
            self._rerun(Path(tempfile.mkdtemp(prefix="bench-regions-")), articles, repeat, enrich_sample, keep)
            return
        from articles.bench.corpus import build_corpus

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        build_corpus(articles, Path(settings.BASE_DIR) / "seeds")
        roll_up_tags()
        analyze_after_bulk_load()
        self.stdout.write(f"built {articles} synthetic articles in {time.perf_counter() - started:.0f} s")
        self._time_matcher(enrich_sample)
        self._time_pages(articles, repeat)

    def _rerun(self, folder: Path, articles: int, repeat: int, enrich_sample: int, keep: bool, extra=()) -> None:
        """Run this command again in a subprocess whose data folder is ``folder``."""
        with folder_database(folder, keep=keep) as database_url:
            env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(folder), "DATABASE_URL": database_url}
            env.pop("SEARCH_INDEX_PATH", None)
            try:
                subprocess.run([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_regions",
                                "--articles", str(articles), "--repeat", str(repeat),
                                "--enrich-sample", str(enrich_sample), SCRATCH_FLAG, *extra], env=env, check=True)
            finally:
                if keep:
                    self.stdout.write(f"kept {folder}" + (f" and {database_url}" if is_postgres(database_url) else ""))
                else:
                    shutil.rmtree(folder, ignore_errors=True)

    def _time_matcher(self, sample: int) -> None:
        from articles.enrich.regions import enrich_regions, get_matcher
        from articles.models import Article

        get_matcher()  # loading jieba is paid once per process; not part of the rate
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:sample])
        started = time.perf_counter()
        written = enrich_regions(Article.objects.filter(pk__in=ids))
        elapsed = time.perf_counter() - started
        self.stdout.write(f"enrich_regions: {len(ids)} articles in {elapsed:.1f} s "
                          f"({len(ids) / elapsed:.0f} articles/s, {written} tags)")

    def _time_pages(self, articles: int, repeat: int) -> None:
        from articles.models import ArticleRegion
        from articles.views import regions

        def busiest(level: str) -> str:
            row = (ArticleRegion.objects.filter(region__level=level, rejected=False).values("region__slug")
                   .annotate(n=Count("id")).order_by("-n").first())
            return row["region__slug"]

        city, county, town = busiest("city"), busiest("county"), busiest("town")
        cases = [("/regions/", regions.region_list, {})] + [
            (f"/regions/{slug}/{query}", regions.region_detail, {"slug": slug})
            for slug, query in ((city, ""), (city, "?page=200"), (county, ""), (town, ""))
        ]
        factory = RequestFactory()
        self.stdout.write(f"{articles} articles, {ArticleRegion.objects.count()} region tags, {repeat} runs each; "
                          f"{connection.vendor} {connection.Database.__name__} server "
                          f"{'.'.join(map(str, connection.get_database_version()))}; "
                          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
                          f"database {database_megabytes():.0f} MB")
        self.stdout.write(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for url, view, kwargs in cases:
            timings, queries = [], 0
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = view(factory.get(url), **kwargs)
                    timings.append((time.perf_counter() - started) * 1000)
                queries = len(captured.captured_queries)
                assert response.status_code == 200, (url, response.status_code)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            self.stdout.write(f"{url:40} {statistics.median(timings):10.1f} {p95:8.1f} {queries:8d}")


def database_megabytes() -> float:
    """The database's size on disk (SQLite: the file and its write-ahead log)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
    name = Path(settings.DATABASES["default"]["NAME"])
    return sum(p.stat().st_size for p in (name, name.with_name(name.name + "-wal")) if p.exists()) / 1e6


def roll_up_tags() -> None:
    """Give every town/county tag its county and city tag too, as enrich_regions stores them."""
    from articles.models import ArticleRegion, Region

    parent = dict(Region.objects.values_list("id", "parent_id"))
    level = dict(Region.objects.values_list("id", "level"))
    have = set(ArticleRegion.objects.values_list("article_id", "region_id"))
    missing = set()
    for article_id, region_id in have:
        region = parent.get(region_id)
        while region and level[region] != "province":
            if (article_id, region) not in have:
                missing.add((article_id, region))
            region = parent.get(region)
    ArticleRegion.objects.bulk_create(
        [ArticleRegion(article_id=a, region_id=r, mentions=0) for a, r in missing], batch_size=5000)
