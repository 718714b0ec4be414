"""Several processes edit and delete articles at once while two real index workers run:
afterwards the index holds exactly the database's articles, with their current titles."""

import os
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

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


def count(database_url: str, sql: str) -> int:
    return execute(database_url, sql)


def pending_tasks(database_url: str) -> int:
    return count(database_url,
                 "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')")


@pytest.fixture
def database_url(tmp_path):
    """A scratch database of the configured kind (SQLite file, or a new PostgreSQL database)."""
    with scratch_database(tmp_path) as url:
        yield url


@pytest.mark.slow
def test_concurrent_edits_and_deletes_leave_the_index_exactly_in_step(tmp_path, database_url):
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(tmp_path), "SEARCH_INDEX_PATH": str(tmp_path / "index"),
           "DJANGO_SETTINGS_MODULE": "unionarchive.settings", "LOG_LEVEL": "WARNING", "DATABASE_URL": database_url}
    assert run(env, "manage.py", "migrate", "--noinput", "-v0").returncode == 0
    assert run(env, SCRIPT, "setup", str(ARTICLES)).returncode == 0
    assert run(env, "manage.py", "build_index", "-v0").returncode == 0
    # the corpus's bulk rows queued nothing; be sure
    execute(database_url, "DELETE FROM django_tasks_database_dbtaskresult")

    # Two workers although one is the rule: the index lock and read-after-lock keep them correct.
    workers = [subprocess.Popen([PY, "manage.py", "db_worker", "--queue-name", "search", "--interval", "0.1",
                                 "--no-startup-delay"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        editors = [subprocess.Popen([PY, SCRIPT, "edit", str(seed), str(EDITS_EACH)], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for seed in range(1, EDITORS + 1)]
        for editor in editors:
            _, err = editor.communicate(timeout=180)
            assert editor.returncode == 0, err[-2000:]
        deadline = time.monotonic() + 120
        while pending_tasks(database_url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pending_tasks(database_url) == 0, "the workers did not drain the queue"
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    failed = count(database_url, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
    remaining = count(database_url, "SELECT COUNT(*) FROM articles_article")
    assert failed == 0
    assert 0 < remaining < ARTICLES  # some articles were deleted, some remain
    check = run(env, "manage.py", "check_index")
    assert check.returncode == 0, check.stdout + check.stderr
    verify = run(env, SCRIPT, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
