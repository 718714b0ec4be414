"""``manage.py evaluate_search``: exact-string recall and precision, and judged queries, on the
seeds and on a synthetic corpus (see ``articles/search/evaluation.py`` for what is measured).

Each corpus is built in a child process over a throwaway database and index in a temporary folder
(never the real ones): the seeds are imported, enriched and indexed; the synthetic corpus is the
one ``bench_search`` uses (``articles/bench/corpus.py``), at ``--synthetic`` articles.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

CORPORA = ("seeds", "synthetic")


class Command(BaseCommand):
    help = "Exact-string recall/precision (runs of 1–8 characters) and judged queries, on the seeds and a synthetic corpus."

    def add_arguments(self, parser):
        parser.add_argument("--samples", type=int, default=300, help="runs sampled per corpus")
        parser.add_argument("--synthetic", type=int, default=2000, help="articles of the synthetic corpus (0: skip it)")
        parser.add_argument("--seed", type=int, default=8, help="random seed of the sample")
        parser.add_argument("--child", choices=CORPORA, help="internal: evaluate one corpus in this process")

    def handle(self, *args, samples, synthetic, seed, child, **options):
        if child:
            self._evaluate(child, samples, synthetic, seed)
            return
        failed = False
        for corpus in CORPORA:
            if corpus == "synthetic" and synthetic <= 0:
                continue
            with tempfile.TemporaryDirectory(prefix=f"evaluate_search_{corpus}_") as folder:
                env = {**os.environ, "UNIONARCHIVE_DATA_DIR": folder, "SEARCH_INDEX_PATH": str(Path(folder) / "index"),
                       "LOG_LEVEL": "WARNING"}
                env.pop("DATABASE_URL", None)
                command = [sys.executable, "manage.py", "evaluate_search", "--child", corpus, "--samples", str(samples),
                           "--synthetic", str(synthetic), "--seed", str(seed)]
                self.stdout.flush()
                failed |= subprocess.run(command, cwd=settings.BASE_DIR, env=env).returncode != 0
        if failed:
            raise CommandError("an evaluation failed (see above)")

    def _evaluate(self, corpus: str, samples: int, synthetic: int, seed: int) -> None:
        from articles.search.evaluation import evaluate_judged, evaluate_runs
        from articles.search.store import reset_searcher

        call_command("migrate", verbosity=0)
        if corpus == "seeds":
            call_command("import_pages", str(Path(settings.BASE_DIR) / "seeds"), verbosity=0)
            call_command("enrich", verbosity=0)
            title = "the five seed pages"
        else:
            from articles.bench.corpus import build_corpus

            build_corpus(synthetic, Path(settings.BASE_DIR) / "seeds")
            title = f"synthetic corpus of {synthetic:,} articles (bench_search's generator)"
        call_command("build_index", verbosity=0)
        reset_searcher()
        self.stdout.write(f"== {title} ==")
        for line in evaluate_runs(samples, seed).lines():
            self.stdout.write("  " + line)
        if corpus == "seeds":
            rows = evaluate_judged()
            top3 = sum(1 for *_, rank in rows if rank is not None and rank <= 3)
            self.stdout.write(f"  judged queries, wanted article in the top 3: {top3} of {len(rows)}")
            for q, title_line, rank in rows:
                self.stdout.write(f"    {'ok  ' if rank and rank <= 3 else 'MISS'} {q} → {title_line} "
                                  f"(rank {rank or '> 10'})")
