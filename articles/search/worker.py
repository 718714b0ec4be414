"""The index worker's loop (``manage.py index_worker``): the one process that keeps the index up.

On start it reconciles (articles changed since the index's last commit) and checks the whole
index for drift; then, until it is asked to stop, it indexes every pending update in one writer
commit as soon as there is one, checks for drift again every ``drift_every`` seconds, and notes
that it is alive (``IndexState.worker_seen_at``, shown by ``/readyz``).

SIGTERM or SIGINT stop it after the batch in hand (a clean stop never leaves a claimed row);
kill -9 leaves at most a claim that the next worker takes back (``queue.release_abandoned``).
If another writer holds the index (a long ``build_index``), the worker waits and tries again.
"""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import dataclass

from django.db import close_old_connections
from django.utils import timezone
from whoosh.index import LockError

from articles.models import IndexState

from . import queue
from .drift import check_and_repair, reconcile_recent
from .writer import BATCH, index_pending

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
ERROR_BACKOFF = (0.5, 1, 2, 5, 10, 30)  # seconds to wait after successive unexpected errors


@dataclass
class WorkerOptions:
    interval: float = 0.2  # seconds between looks at an empty queue
    drift_every: float = 600.0  # seconds between full drift checks (0: only at start)
    batch: int = BATCH
    lock_timeout: float = 2.0  # short: a stop request is honoured between tries
    once: bool = False  # index what is pending, then return (tests, cron)
    # Tests that prove the queue alone loses nothing switch the safety nets off.
    reconcile: bool = True


class IndexWorker:
    def __init__(self, options: WorkerOptions | None = None, out=None) -> None:
        self.options = options or WorkerOptions()
        self.stopping = False
        self.name = queue.worker_name()
        self.out = out or (lambda message: log.info("%s", message))
        self._next_drift = 0.0
        self._next_heartbeat = 0.0
        self._errors = 0

    def stop(self, *_args) -> None:
        self.stopping = True

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def run(self) -> None:
        queue.release_abandoned()
        if self.options.reconcile:
            found = reconcile_recent()
            self.out(f"index worker {self.name}: {found} recently changed article(s) re-checked on start")
            self._check_drift()
        while not self.stopping:
            try:
                worked = self.step()
                self._errors = 0
            except Exception:  # noqa: BLE001 — a database or disk hiccup must not end the worker
                delay = ERROR_BACKOFF[min(self._errors, len(ERROR_BACKOFF) - 1)]
                self._errors += 1
                log.exception("index worker: unexpected error; trying again in %s s", delay)
                close_old_connections()
                self._sleep(delay)
                continue
            if self.options.once and not worked:
                return
            if not worked:
                self._sleep(self.options.interval)
        self.out(f"index worker {self.name}: stopped")

    def step(self) -> bool:
        """Index one batch if anything is pending; run the drift check when due. True if it wrote."""
        now = time.monotonic()
        if now >= self._next_heartbeat:
            IndexState.note(worker_seen_at=timezone.now(), worker=self.name)
            self._next_heartbeat = now + HEARTBEAT_SECONDS
        if (self.options.reconcile and self.options.drift_every and now >= self._next_drift
                and not self.options.once):
            self._check_drift()
        if not queue.waiting():
            return False
        try:
            report = index_pending(self.options.batch, timeout=self.options.lock_timeout)
        except LockError:
            self.out("index worker: another writer holds the index (a full build?); waiting")
            return False
        if report.updated or report.deleted:
            log.info("indexed %d, deleted %d in %.2f s", report.updated, report.deleted, report.seconds)
        return bool(report.updated or report.deleted or report.failed)

    def _check_drift(self) -> None:
        drift = check_and_repair()
        self._next_drift = time.monotonic() + (self.options.drift_every or float("inf"))
        if drift:
            self.out(f"index worker: drift found and queued for repair: {len(drift.missing)} missing, "
                     f"{len(drift.orphaned)} orphaned, {len(drift.stale)} stale")

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.05, seconds))
