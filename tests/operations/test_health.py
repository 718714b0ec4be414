"""/healthz and /readyz answer JSON that no cache keeps; /readyz and ``manage.py status`` report the
database, the index, the queue (depth, age of the oldest update) and the last drift check."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from articles.models import IndexState
from articles.search.indexing import schedule_reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


def test_healthz_is_alive_and_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"] and not response.cookies


def test_readyz_reports_queue_depth_oldest_update_and_drift(client, search_index, empty_queue):
    schedule_reindex([1, 2, 3])
    IndexState.note(last_drift_check_at=timezone.now(), last_drift={"missing": 0, "orphaned": 0, "stale": 0},
                    worker_seen_at=timezone.now(), worker="host:1")
    response = client.get("/readyz")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    report = response.json()
    assert report["ready"] and report["database"]["ok"] and report["index"]["documents"] > 0
    assert report["queue"]["pending"] == 3 and report["queue"]["oldest_pending_seconds"] >= 0
    assert report["drift"]["found"]["stale"] == 0 and report["drift"]["last_check_seconds_ago"] >= 0
    assert report["warnings"] == []


def test_readyz_is_503_when_the_index_cannot_be_read(client, tmp_path, search_index):
    from tests.search_pages.conftest import point_index_at

    (tmp_path / "a-file").write_text("not a folder")
    point_index_at(tmp_path / "a-file" / "index")
    try:
        response = client.get("/readyz")
    finally:
        point_index_at(search_index)
    assert response.status_code == 503
    assert response.json()["ready"] is False and response.json()["index"]["ok"] is False


def test_readyz_warns_about_a_silent_worker_and_no_drift_check(client, search_index):
    warnings = " ".join(client.get("/readyz").json()["warnings"])
    assert "worker" in warnings and "drift" in warnings


def test_status_command_prints_the_same(search_index, empty_queue):
    schedule_reindex([4])
    out = io.StringIO()
    call_command("status", stdout=out)
    text = out.getvalue()
    assert "status: ready" in text and "pending 1" in text and "documents" in text


def test_status_command_exits_1_when_not_ready(tmp_path, search_index):
    from tests.search_pages.conftest import point_index_at

    (tmp_path / "a-file").write_text("not a folder")
    point_index_at(tmp_path / "a-file" / "index")
    try:
        with pytest.raises(CommandError) as raised:
            call_command("status", stdout=io.StringIO())
    finally:
        point_index_at(search_index)
    assert raised.value.returncode == 1
