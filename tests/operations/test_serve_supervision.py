"""``scripts/serve.sh`` keeps the index worker alive: kill -9 it and a new one starts (and reports
in through /readyz); SIGTERM to serve.sh stops gunicorn and the worker cleanly."""

import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from live_site import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def readyz(base: str) -> dict | None:
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_serve_sh_restarts_a_killed_worker_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(tmp_path), "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1",
           "LOG_LEVEL": "WARNING"}
    for name in ("DATABASE_URL", "SEARCH_INDEX_PATH", "DEBUG"):
        env.pop(name, None)
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "serve.log", "w") as log:
        serve = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True)
    try:
        first = wait_for(lambda: (r := readyz(base)) and r["worker"]["last_seen_seconds_ago"] is not None
                         and r["worker"]["name"], 300, "the first worker")
        os.kill(int(first.rsplit(":", 1)[1]), signal.SIGKILL)
        second = wait_for(lambda: (r := readyz(base)) and r["worker"]["name"] != first and r["worker"]["name"],
                          60, "a restarted worker")
        second_pid = int(second.rsplit(":", 1)[1])
        assert alive(second_pid)
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        assert not alive(second_pid)
        assert readyz(base) is None  # gunicorn is gone too
        assert "starting it again" in (tmp_path / "serve.log").read_text()
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
