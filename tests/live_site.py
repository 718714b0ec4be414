"""A real served site for browser and end-to-end tests: gunicorn + the index worker over a
throwaway data folder holding the seeds (migrated, imported, enriched, indexed), on a scratch
database of the configured kind (SQLite in the folder, or a new PostgreSQL database on the server
DATABASE_URL names: see unionarchive/scratch_database.py).

Starting one costs ~15 s (mostly import + enrichment), so read-only tests share one per test
session through the ``served_site`` fixture (tests/conftest.py); a test that edits data starts its
own with ``serve_seeded_site`` so it cannot disturb the others.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from unionarchive.scratch_database import scratch_database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium, never a downloaded one; the flags keep it off this machine's closed network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Where browser tests write their screenshots (git-ignored), and the two screen sizes they use.
ARTIFACTS = ROOT / "test-artifacts"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SETUP_COMMANDS = (
    ["migrate", "--noinput", "-v0"],
    ["import_pages", str(ROOT / "seeds"), "-v0"],
    ["enrich", "-v0"],
    ["build_index", "-v0"],
)


@dataclass
class ServedSite:
    base: str
    env: dict[str, str]
    data_dir: Path

    def url(self, path: str) -> str:
        return self.base + path

    def manage(self, *args: str, timeout: int = 180) -> str:
        """Run a manage.py command against this site's data; returns its stdout, fails loudly."""
        done = subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def python(self, code: str) -> str:
        """Run Django code against this site's data (``django.setup()`` done); returns stdout."""
        return self.manage("shell", "--no-imports", "-c", code)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within 60 s:\n{log_path.read_text()[-3000:]}")


@contextmanager
def serve_seeded_site(data_dir: Path, *, extra_env: dict[str, str] | None = None,
                      extra_commands: tuple[list[str], ...] = (), workers: int = 2,
                      database_url: str | None = None,
                      setup_commands: tuple[list[str], ...] = SETUP_COMMANDS) -> Iterator[ServedSite]:
    """Prepare ``data_dir`` with the seeds, start the index worker and gunicorn, yield the site,
    and stop both processes (and drop a scratch PostgreSQL database) whatever happens.

    ``database_url`` serves an existing database instead of a scratch one (several web hosts on
    one database); ``setup_commands`` then usually shrinks to ``build_index`` (the host's own index)."""
    if database_url:
        with _serve(_site(data_dir, database_url, extra_env), (*setup_commands, *extra_commands), workers) as site:
            yield site
        return
    with scratch_database(data_dir) as scratch_url:
        with _serve(_site(data_dir, scratch_url, extra_env), (*setup_commands, *extra_commands), workers) as site:
            yield site


def _site(data_dir: Path, database_url: str, extra_env: dict[str, str] | None) -> ServedSite:
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "unionarchive.settings",
           "LOG_LEVEL": "WARNING", "DATABASE_URL": database_url, **(extra_env or {})}
    for name in ("SEARCH_INDEX_PATH", "DEBUG", "DATABASE_REPLICA_URLS"):
        if name not in (extra_env or {}):
            env.pop(name, None)
    return ServedSite(base="", env=env, data_dir=data_dir)


@contextmanager
def _serve(site: ServedSite, commands: tuple[list[str], ...], workers: int) -> Iterator[ServedSite]:
    env, data_dir = site.env, site.data_dir
    for command in commands:
        site.manage(*command, timeout=300)

    log_path = data_dir / "processes.log"
    with open(log_path, "w") as log:
        manage = [sys.executable, str(ROOT / "manage.py")]
        worker = subprocess.Popen(manage + ["index_worker", "--interval", "0.2"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                                   "--workers", str(workers), "--timeout", "60", "unionarchive.wsgi"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            site.base = f"http://127.0.0.1:{port}"
            _wait_until_up(site.url("/robots.txt"), server, log_path)
            yield site
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def synthetic_archive(data_dir: Path, articles: int, database_url: str | None = None) -> dict[str, str]:
    """A throwaway data folder holding a synthetic archive of ``articles`` articles (the benchmark's
    corpus), migrated and indexed; returns the environment that points manage.py and the helper
    scripts at it. For tests that run several processes against one archive. ``database_url``: a
    scratch database (``unionarchive.scratch_database``); without it, SQLite in the data folder."""
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(data_dir), "SEARCH_INDEX_PATH": str(data_dir / "index"),
           "DJANGO_SETTINGS_MODULE": "unionarchive.settings", "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    editor = ROOT / "tests" / "search_engine" / "concurrent_editor.py"
    for args in (["manage.py", "migrate", "--noinput", "-v0"], [str(editor), "setup", str(articles)],
                 ["manage.py", "build_index", "-v0"]):
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return env
