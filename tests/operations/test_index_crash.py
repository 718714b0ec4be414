"""kill -9 the index worker at random moments, 20 times, while three editors work and another
process keeps taking the index's write lock for seconds at a time (as a long build does). After
one more start, with no reconciling and no drift check (the queue alone must be enough), the
index holds exactly the database's articles and headlines, and every edit is findable."""

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from live_site import synthetic_archive

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
LOAD = str(Path(__file__).with_name("index_load.py"))
EDITOR = str(ROOT / "tests" / "search_engine" / "concurrent_editor.py")
KILLS, EDITORS, ARTICLES = 20, 3, 60


def run(env, *args, timeout=120):
    return subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def pending(db_path: Path, claimed_only: bool = False) -> int:
    where = " WHERE lease_owner != ''" if claimed_only else ""
    with sqlite3.connect(db_path, timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM articles_pendingindexupdate" + where).fetchone()[0]


def start_worker(env, log):
    return subprocess.Popen([PY, "manage.py", "index_worker", "--interval", "0.05", "--no-reconcile"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_killing_the_worker_loses_no_edit(tmp_path):
    started = time.monotonic()
    env = synthetic_archive(tmp_path, ARTICLES)
    stop = tmp_path / "stop"
    rng = random.Random(20261130)
    log = open(tmp_path / "worker.log", "w")
    load = [subprocess.Popen([PY, LOAD, "edit", str(seed), str(stop), "0.05"], cwd=ROOT, env=env,
                             stderr=subprocess.PIPE, text=True) for seed in range(1, EDITORS + 1)]
    load.append(subprocess.Popen([PY, LOAD, "hold-lock", str(stop), "1.0"], cwd=ROOT, env=env,
                                 stderr=subprocess.PIPE, text=True))
    worker = start_worker(env, log)
    db_path, mid_batch = tmp_path / "db.sqlite3", 0
    try:
        for kill in range(KILLS):
            # Random moments of two kinds, alternately: anywhere early (start-up, a lock wait), and
            # while the worker holds claimed rows (reading, writing or committing a batch).
            if kill % 2:
                time.sleep(rng.uniform(0.2, 1.5))
            else:
                deadline = time.monotonic() + 20  # start-up takes seconds on a busy machine
                while time.monotonic() < deadline and not pending(db_path, claimed_only=True):
                    time.sleep(0.02)
                time.sleep(rng.uniform(0, 0.1))
            mid_batch += bool(pending(db_path, claimed_only=True))
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            worker = start_worker(env, log)
    finally:
        stop.touch()
        for process in load:
            _, err = process.communicate(timeout=60)
            assert process.returncode == 0, err[-2000:]
    try:
        deadline = time.monotonic() + 40
        while pending(db_path) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pending(db_path) == 0, "the last worker did not drain the queue"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    assert mid_batch >= 3, f"only {mid_batch} kills hit a batch in progress"
    assert "took back" in (tmp_path / "worker.log").read_text()  # claims of killed workers, released
    check = run(env, "manage.py", "check_index")  # no --fix
    assert check.returncode == 0, check.stdout + check.stderr
    verify = run(env, EDITOR, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    findable = run(env, LOAD, "findable")
    assert findable.returncode == 0, findable.stdout + findable.stderr
    assert time.monotonic() - started < 240  # about 60 s on a quiet 2-core machine
