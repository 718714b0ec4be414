"""Several processes edit and delete articles at once while two real index workers run:
afterwards the index holds exactly the database's articles, with their current titles."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from live_site import synthetic_archive

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SCRIPT = str(Path(__file__).with_name("concurrent_editor.py"))
EDITORS, EDITS_EACH, ARTICLES = 3, 25, 100


def run(env, *args, timeout=180):
    return subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def pending_updates(db_path: Path) -> int:
    with sqlite3.connect(db_path, timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM articles_pendingindexupdate").fetchone()[0]


@pytest.mark.slow
def test_concurrent_edits_and_deletes_leave_the_index_exactly_in_step(tmp_path):
    env = synthetic_archive(tmp_path, ARTICLES)
    db_path = tmp_path / "db.sqlite3"
    with sqlite3.connect(db_path) as db:
        db.execute("DELETE FROM articles_pendingindexupdate")  # build_index covered them; be sure

    # Two workers although one is the rule: the index lock and read-after-lock keep them correct.
    workers = [subprocess.Popen([PY, "manage.py", "index_worker", "--interval", "0.1"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        editors = [subprocess.Popen([PY, SCRIPT, "edit", str(seed), str(EDITS_EACH)], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for seed in range(1, EDITORS + 1)]
        for editor in editors:
            _, err = editor.communicate(timeout=180)
            assert editor.returncode == 0, err[-2000:]
        deadline = time.monotonic() + 120
        while pending_updates(db_path) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pending_updates(db_path) == 0, "the workers did not drain the queue"
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    with sqlite3.connect(db_path) as db:
        remaining = db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
    assert 0 < remaining < ARTICLES  # some articles were deleted, some remain
    check = run(env, "manage.py", "check_index")
    assert check.returncode == 0, check.stdout + check.stderr
    verify = run(env, SCRIPT, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
