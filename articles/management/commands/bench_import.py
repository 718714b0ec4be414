"""``manage.py bench_import [--pages 1000] [--batch 50] [--sizes 1,4,16] [--keep]``

Times the importer as editors run it (``PageLoader``: parse, write, enrich) in a throwaway data
folder — never the configured archive: the command re-runs itself in a subprocess whose
UNIONARCHIVE_DATA_DIR and DATABASE_URL point at a temporary folder.

1. Throughput: ``--pages`` seed-sized synthetic pages (``articles.ingest.synthetic``: the seed
   pages with their digits drawn again), imported in batches of ``--batch``; prints
   pages per second (wall and CPU) and the median and 95th percentile per-page time of the batches.
   Reference, measured in the same run: parsing alone (``parse_page``, no database), pages/s.
2. Size: one page of each of ``--sizes`` MB, imported with the size limit raised; prints wall and
   CPU seconds and CPU seconds per MB — constant per MB when time is linear in the file's size.
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

SCRATCH_FLAG = "--inside-scratch-folder"


class Command(BaseCommand):
    help = "Time the page importer (with enrichment) on synthetic pages in a temporary data folder."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--batch", type=int, default=50)
        parser.add_argument("--sizes", default="1,4,16", help="MB sizes of the large pages (comma-separated)")
        parser.add_argument("--keep", action="store_true", help="keep the scratch folder and print its path")
        parser.add_argument(SCRATCH_FLAG, action="store_true", dest="inside", help="(internal)")

    def handle(self, *args, pages, batch, sizes, keep, inside, **options):
        sizes_mb = [float(size) for size in sizes.split(",") if size.strip()]
        if not inside:
            self._rerun(pages, batch, sizes, keep)
            return
        call_command("migrate", verbosity=0)
        from articles.ingest import synthetic

        base = Path(settings.BASE_DIR)
        folder = Path(settings.DATA_DIR) / "pages"
        self._throughput(folder / "small", pages, batch, synthetic.template_pages(base, seeds_only=True))
        self._sizes(folder / "large", sizes_mb, synthetic.template_pages(base))

    def _rerun(self, pages: int, batch: int, sizes: str, keep: bool) -> None:
        folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
        env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SEARCH_INDEX_PATH")}
        env.update({"UNIONARCHIVE_DATA_DIR": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"})
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_import", SCRATCH_FLAG,
                   "--pages", str(pages), "--batch", str(batch), "--sizes", sizes]
        try:
            subprocess.run(command, env=env, check=True)
        finally:
            if keep:
                self.stdout.write(f"scratch folder kept: {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)

    def _throughput(self, folder: Path, count: int, batch: int, templates: list[str]) -> None:
        from articles.ingest import synthetic
        from articles.ingest.loader import PageLoader
        from articles.ingest.pipeline import parse_page
        from articles.ingest.places import PlaceNames

        paths = synthetic.write_pages(folder, count, templates)
        size_kb = sum(p.stat().st_size for p in paths) / 1024 / len(paths)
        places = PlaceNames.from_database()
        parse_page(paths[0].read_text(encoding="utf-8"), places)  # loads jieba and the gazetteer once
        cpu, wall = time.process_time(), time.perf_counter()
        sample = paths[: min(len(paths), 200)]
        for path in sample:
            parse_page(path.read_text(encoding="utf-8"), places)
        parse_wall, parse_cpu = time.perf_counter() - wall, time.process_time() - cpu

        per_page_wall, per_page_cpu = [], []
        cpu, wall = time.process_time(), time.perf_counter()
        for start in range(0, len(paths), batch):
            chunk = paths[start:start + batch]
            batch_cpu, batch_wall = time.process_time(), time.perf_counter()
            PageLoader().load(chunk)
            per_page_wall.append((time.perf_counter() - batch_wall) / len(chunk))
            per_page_cpu.append((time.process_time() - batch_cpu) / len(chunk))
        total_wall, total_cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.stdout.write(f"throughput: {len(paths)} synthetic pages of {size_kb:.0f} KB on average "
                          f"(seed pages, digits redrawn), batches of {batch}, enrichment on")
        self.stdout.write(f"  import   {len(paths) / total_wall:6.1f} pages/s wall, {len(paths) / total_cpu:6.1f} "
                          f"pages/s CPU; {total_wall:.1f} s wall, {total_cpu:.1f} s CPU")
        self.stdout.write(f"  per page median {1000 * statistics.median(per_page_wall):.0f} ms wall "
                          f"({1000 * statistics.median(per_page_cpu):.0f} ms CPU), p95 "
                          f"{1000 * _p95(per_page_wall):.0f} ms wall ({1000 * _p95(per_page_cpu):.0f} ms CPU) "
                          f"over {len(per_page_wall)} batches")
        self.stdout.write(f"  reference: parsing alone (no database) {len(sample) / parse_wall:6.1f} pages/s wall, "
                          f"{len(sample) / parse_cpu:6.1f} pages/s CPU over {len(sample)} pages")

    def _sizes(self, folder: Path, sizes_mb: list[float], templates: list[str]) -> None:
        from articles.ingest import synthetic
        from articles.ingest.loader import PageLoader

        folder.mkdir(parents=True, exist_ok=True)
        self.stdout.write("size: one page each, imported with enrichment (size limit raised for the run)")
        for number, size in enumerate(sizes_mb, start=1):
            path = synthetic.write_large_page(folder / f"large_{number}_{size:g}mb.txt", int(size * 2**20),
                                              templates, seed=100 + number)
            cpu, wall = time.process_time(), time.perf_counter()
            summary = PageLoader(max_page_kb=int(size * 1024) + 1024).load([path])
            elapsed_cpu, elapsed_wall = time.process_time() - cpu, time.perf_counter() - wall
            self.stdout.write(f"  {size:5g} MB  {elapsed_wall:7.1f} s wall  {elapsed_cpu:7.1f} s CPU  "
                              f"{elapsed_cpu / size:5.1f} s CPU per MB  ({summary.articles} articles)")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
