"""Benchmark search on synthetic corpora: ``manage.py bench_search --articles 10000 100000``.

Each size runs in a child process over a throwaway database and index in a temporary folder
(never the real ones); see articles/search/bench/runner.py for what is measured.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.search.bench.runner import format_report, run


class Command(BaseCommand):
    help = "Measure index build speed, search latency and edit-to-findable time on synthetic corpora."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, nargs="+", default=[10000])
        parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (after a warm-up)")
        parser.add_argument("--no-stock", action="store_true", help="skip haystack's stock backend baseline")
        parser.add_argument("--workdir", help="keep the throwaway data here instead of a temp folder")
        parser.add_argument("--reuse", action="store_true",
                            help="measure searches again on the corpus and index a previous run left in --workdir")
        parser.add_argument("--child", action="store_true", help="internal: run one size in this process")
        parser.add_argument("--out", help="internal: where the child writes its JSON report")

    def handle(self, *args, articles, repeat, no_stock, workdir, reuse, child, out, **options):
        if child:
            run(articles[0], repeat, not no_stock, Path(out), reuse=reuse)
            return
        if reuse and not workdir:
            raise CommandError("--reuse needs the --workdir of a previous run")
        for count in articles:
            folder = Path(workdir or tempfile.mkdtemp(prefix=f"bench_search_{count}_"))
            folder.mkdir(parents=True, exist_ok=True)
            if (folder / "db.sqlite3").exists() and not reuse:
                raise CommandError(f"{folder} already holds a database; give an empty --workdir")
            out_path = folder / "report.json"
            env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(folder), "SEARCH_INDEX_PATH": str(folder / "index"),
                   "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}
            env.pop("DATABASE_URL", None)
            command = [sys.executable, "manage.py", "bench_search", "--child", "--articles", str(count),
                       "--repeat", str(repeat), "--out", str(out_path)] + (["--no-stock"] if no_stock else []) + (
                       ["--reuse"] if reuse else [])
            self.stderr.write(f"benchmarking {count} articles in {folder} …")
            result = subprocess.run(command, cwd=settings.BASE_DIR, env=env)
            if result.returncode != 0:
                raise CommandError(f"the benchmark of {count} articles failed (exit {result.returncode})")
            self.stdout.write(format_report(json.loads(out_path.read_text(encoding="utf-8"))))
