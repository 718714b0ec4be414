"""Several processes edit and delete articles at once while two real index workers run:
afterwards the index holds exactly the database's articles, with their current titles."""

import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from live_site import synthetic_archive
from unionarchive.scratch_database import connect, scratch_database

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SCRIPT = str(Path(__file__).with_name("concurrent_editor.py"))
EDITORS, EDITS_EACH, ARTICLES = 3, 25, 100


def run(env, *args, timeout=180):
    return subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def execute(database_url: str, sql: str):
    """Run one statement from outside the processes under test; the first column of its first row."""
    with closing(connect(database_url)) as db:
        cursor = db.execute(sql)
        return cursor.fetchone()[0] if cursor.description else None


def pending_updates(database_url: str) -> int:
    return execute(database_url, "SELECT COUNT(*) FROM articles_pendingindexupdate")


@pytest.fixture
def database_url(tmp_path):
    """A scratch database of the configured kind (SQLite file, or a new PostgreSQL database)."""
    with scratch_database(tmp_path) as url:
        yield url


@pytest.mark.slow
def test_concurrent_edits_and_deletes_leave_the_index_exactly_in_step(tmp_path, database_url):
    env = synthetic_archive(tmp_path, ARTICLES, database_url=database_url)
    execute(database_url, "DELETE FROM articles_pendingindexupdate")  # build_index covered them; be sure

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
        while pending_updates(database_url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pending_updates(database_url) == 0, "the workers did not drain the queue"
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    remaining = execute(database_url, "SELECT COUNT(*) FROM articles_article")
    assert 0 < remaining < ARTICLES  # some articles were deleted, some remain
    check = run(env, "manage.py", "check_index")
    assert check.returncode == 0, check.stdout + check.stderr
    verify = run(env, SCRIPT, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
