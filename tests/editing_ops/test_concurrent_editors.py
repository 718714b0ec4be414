"""Two editors in two processes save the same page at the same moment, on a real database (a SQLite
file, or a scratch PostgreSQL database when DATABASE_URL names a PostgreSQL server):
exactly one split is applied, the other is refused as stale, and the page is consistent."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unionarchive.scratch_database import scratch_database

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("concurrent_split.py")


@pytest.mark.slow
def test_two_processes_saving_the_same_page_version(tmp_path):
    with scratch_database(tmp_path) as database_url:
        run_two_editors(tmp_path, database_url)


def run_two_editors(tmp_path, database_url):
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url,
           "SEARCH_INDEX_PATH": str(tmp_path / "index"), "DJANGO_SETTINGS_MODULE": "unionarchive.settings"}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=180)
    subprocess.run([python, str(SCRIPT), "setup"], cwd=ROOT, env=env, check=True, timeout=60)

    editors = [subprocess.Popen([python, str(SCRIPT), "edit", str(tmp_path), name], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name in ("editor-a", "editor-b")]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{name}").exists() for name in ("editor-a", "editor-b")):
        assert time.monotonic() < deadline, "editor processes did not start"
        time.sleep(0.02)
    (tmp_path / "go").touch()
    outcomes = []
    for process in editors:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outcomes.append(out.strip())

    assert sorted(o.split()[0] for o in outcomes) == ["ok", "stale"], outcomes
    assert any("请刷新后重做" in o for o in outcomes)
    check = subprocess.run(
        [python, "manage.py", "shell", "-c",
         "from articles.models import *; p = Page.objects.get(); "
         "print(p.version, Revision.objects.count(), Article.objects.count(), Block.objects.count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=60)
    assert check.stdout.split()[-4:] == ["2", "1", "2", "4"]
