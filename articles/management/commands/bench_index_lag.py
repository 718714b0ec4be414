"""``manage.py bench_index_lag``: seconds from an editor's commit until the edit is findable, alone and
with three editors and an import running (see articles/search/edit_lag.py). Runs in a child process
over a throwaway database and index in a temporary folder, never the real ones."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.search.edit_lag import format_report, main_child, new_workdir


class Command(BaseCommand):
    help = "Edit-to-findable time (median, p95) with no load and with editors and an import running."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="synthetic articles besides the seeds")
        parser.add_argument("--rounds", type=int, default=40, help="probe edits under load (a third of it idle)")
        parser.add_argument("--editors", type=int, default=3)
        parser.add_argument("--no-import", action="store_true", help="no import running during the load")
        parser.add_argument("--child", action="store_true", help="internal: run in this process")
        parser.add_argument("--out", help="internal: where the child writes its JSON report")

    def handle(self, *args, articles, rounds, editors, no_import, child, out, **options):
        if child:
            main_child(articles, rounds, editors, not no_import, Path(out))
            return
        folder = new_workdir()
        out_path = folder / "report.json"
        env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(folder), "SEARCH_INDEX_PATH": str(folder / "index"),
               "LOG_LEVEL": "WARNING"}
        env.pop("DATABASE_URL", None)
        command = [sys.executable, "manage.py", "bench_index_lag", "--child", "--articles", str(articles),
                   "--rounds", str(rounds), "--editors", str(editors), "--out", str(out_path)] + (
                   ["--no-import"] if no_import else [])
        self.stderr.write(f"measuring in {folder} …")
        if subprocess.run(command, cwd=settings.BASE_DIR, env=env).returncode != 0:
            raise CommandError("the measurement failed")
        self.stdout.write(format_report(json.loads(out_path.read_text(encoding="utf-8"))))
