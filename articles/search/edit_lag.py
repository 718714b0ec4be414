"""How long until an edit is findable, with editors and an import running: ``manage.py bench_index_lag``.

Runs in a throwaway data folder (never the real archive): the seeds plus a synthetic corpus,
a full index, the real index worker (``manage.py index_worker``, as serve.sh starts it), then

1. a reference: probe edits with nothing else running;
2. under load: three editor processes changing headlines (and some deletes and rolled-back edits)
   and an import of generated page variants running at the same time, the same probes.

A probe edits one article's headline to carry a unique token, commits, then searches for the token
every 50 ms (through the same search service the site uses) until the article is found. Each
editor process saves a correction every ``EDITOR_PAUSE`` seconds — far more often than a person
does — and the import brings in pages of five at a time, one batch after another.

Also run as ``python -m articles.search.edit_lag edit SEED STOPFILE PAUSE``: one editor process.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TOKEN = "crashtok"
EDITOR_PAUSE = 1.0


def edit_loop(seed: int, stop: Path | None = None, pause: float = 0.0, count: int | None = None) -> int:
    """Edit random articles until ``stop`` exists (or ``count`` edits are made); returns the number
    of edits. Each headline edit ends the headline with a unique token (``crashtok<seed>x<n>``);
    one in twenty deletes the article (at most a tenth of them per process), one in ten is rolled back."""
    from django.db import transaction

    from articles.models import Article

    class RollBack(Exception):
        pass

    rng = random.Random(seed)
    ids = list(Article.objects.values_list("pk", flat=True))
    done, deletes_left = 0, len(ids) // 10
    while not (stop and stop.exists()) and (count is None or done < count):
        done += 1
        pk, action = rng.choice(ids), rng.random()
        with transaction.atomic():
            article = Article.objects.filter(pk=pk).first()
            if article is None:
                continue
            if action < 0.85:
                article.headline = f"{article.headline.split(f' {TOKEN}')[0]} {TOKEN}{seed}x{done}"
                article.save()
            elif action < 0.9 and deletes_left:
                article.delete()
                deletes_left -= 1
            elif action >= 0.9:
                try:
                    with transaction.atomic():
                        article.headline = "不该出现的标题"
                        article.save()
                        raise RollBack
                except RollBack:
                    pass
        time.sleep(pause)
    return done


def _percentiles(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    cuts = statistics.quantiles(samples, n=20, method="inclusive") if len(samples) > 1 else samples * 19
    return {"n": len(samples), "p50_s": round(statistics.median(samples), 3), "p95_s": round(cuts[18], 3),
            "max_s": round(max(samples), 3)}


def probe(rounds: int, rng: random.Random, timeout: float = 30.0) -> list[float]:
    """Seconds from commit to findable for ``rounds`` edits, one after another."""
    from django.db import transaction

    from articles.models import Article
    from articles.search.service import search

    samples = []
    ids = list(Article.objects.values_list("pk", flat=True))
    for i in range(rounds):
        token = f"lagprobe{i}q{rng.randrange(10**6)}"
        with transaction.atomic():
            article = Article.objects.filter(pk=rng.choice(ids)).first()
            if article is None:
                continue
            article.headline = f"{article.headline.split(' lagprobe')[0]} {token}"
            article.save()
        committed = time.perf_counter()
        while article.pk not in {hit.article_id for hit in search(token, facets=False).hits}:
            if time.perf_counter() - committed > timeout:
                break
            time.sleep(0.05)
        samples.append(time.perf_counter() - committed)
        time.sleep(rng.uniform(0.1, 0.4))  # editors pause between corrections
    return samples


def _wait_for_empty_queue(timeout: float) -> None:
    from articles.models import PendingIndexUpdate

    deadline = time.monotonic() + timeout
    while PendingIndexUpdate.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)


def _variant_pages(seeds: Path, folder: Path, batches: int) -> list[Path]:
    """Folders of page files made from the seed pages with a line added (so each is a new page)."""
    out = []
    for batch in range(batches):
        target = folder / f"import{batch}"
        target.mkdir(parents=True)
        for path in sorted(seeds.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (target / f"b{batch}_{path.name}").write_text(f"{text}\n（第{batch + 1}批补录）\n", encoding="utf-8")
        out.append(target)
    return out


def _manage(*args: str) -> list[str]:
    return [sys.executable, "manage.py", *args]


def run(articles: int, rounds: int, editors: int, with_import: bool, workdir: Path) -> dict:
    from django.conf import settings
    from django.core.management import call_command

    from articles.bench.corpus import build_corpus
    from articles.search.store import reset_searcher
    from articles.search.writer import build_index

    root = Path(settings.BASE_DIR)
    call_command("migrate", verbosity=0)
    call_command("import_pages", str(root / "seeds"), verbosity=0)
    build_corpus(articles, root / "seeds")
    build_index()
    reset_searcher()
    from articles.models import Article

    report: dict = {"articles": Article.objects.count(), "editors": editors, "import": with_import,
                    "load_average_start": os.getloadavg()}
    rng = random.Random(20261130)
    env = os.environ.copy()
    worker = subprocess.Popen(_manage("index_worker", "--interval", "0.2"), cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load: list[subprocess.Popen] = []
    stop = workdir / "stop"
    importing = threading.Event()
    imported = {"pages_batches": 0}
    try:
        probe(1, rng, timeout=60)  # the worker's start-up (Django, jieba), not counted
        _wait_for_empty_queue(timeout=300)  # and what its start-up reconciling queued
        report["idle"] = _percentiles(probe(max(rounds // 3, 5), rng))

        load = [subprocess.Popen([sys.executable, "-m", "articles.search.edit_lag", "edit", str(seed), str(stop),
                                  str(EDITOR_PAUSE)], cwd=root, env=env, stdout=subprocess.PIPE, text=True)
                for seed in range(1, editors + 1)]
        if with_import:
            folders = _variant_pages(root / "seeds", workdir / "pages", batches=8)

            def import_until_stopped() -> None:
                importing.set()
                for folder in folders:
                    if stop.exists():
                        break
                    subprocess.run(_manage("import_pages", str(folder), "-v0"), cwd=root, env=env, check=True)
                    imported["pages_batches"] += 1

            threading.Thread(target=import_until_stopped, daemon=True).start()
            importing.wait(10)
        started, cpu = time.perf_counter(), time.process_time()
        report["under_load"] = _percentiles(probe(rounds, rng))
        report["load_seconds"] = round(time.perf_counter() - started, 1)
    finally:
        stop.touch()
        edits = [int((p.communicate(timeout=120)[0] or "0").strip() or 0) for p in load]
        worker.terminate()
        _, _, usage = os.wait4(worker.pid, 0)
    report["editor_edits"] = sum(edits)
    report["import_batches_done"] = imported["pages_batches"]
    report["worker_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 1)
    report["load_average_end"] = os.getloadavg()
    return report


def format_report(report: dict) -> str:
    idle, loaded = report["idle"], report["under_load"]
    return "\n".join([
        f"== edit → findable, {report['articles']:,} articles; load average "
        f"{report['load_average_start'][0]:.1f} → {report['load_average_end'][0]:.1f} on {os.cpu_count()} cores ==",
        f"reference (nothing else running): p50 {idle['p50_s']} s, p95 {idle['p95_s']} s, max {idle['max_s']} s "
        f"({idle['n']} edits)",
        f"{report['editors']} editors{' + an import' if report['import'] else ''}: p50 {loaded['p50_s']} s, "
        f"p95 {loaded['p95_s']} s, max {loaded['max_s']} s ({loaded['n']} edits in {report['load_seconds']} s; "
        f"editors made {report['editor_edits']} edits, {report['import_batches_done']} import batches of 5 pages; "
        f"worker CPU {report['worker_cpu_s']} s)",
    ])


def main_child(articles: int, rounds: int, editors: int, with_import: bool, out: Path) -> None:
    out.write_text(json.dumps(run(articles, rounds, editors, with_import, out.parent), ensure_ascii=False,
                              indent=1), encoding="utf-8")


def new_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="bench_index_lag_"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")
    import django

    django.setup()
    if sys.argv[1] == "edit":
        print(edit_loop(int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])))
