"""Two web hosts, one PostgreSQL primary and one streaming replica, all real and on loopback ports.

Both hosts write to the primary and read from the replica (DATABASE_REPLICA_URLS); each has its own
data folder and its own search index — nothing on disk is shared. An editor signs in on A
and corrects a paragraph through the admin's page editor. With the replica's replay paused (so
"from the replica" is visible, not a race):
  * a reader on B still sees the old text — B really reads the replica;
  * the editor, whose browser just wrote, sees the new text on B at once (read-your-writes cookie);
then, replay resumed, the reader on B sees the new text too.
Search on host B is not checked: B's Whoosh index is its own folder, filled by B's index worker
from B's queue; a search engine inside PostgreSQL (issue 11, later) is what lets every host find
the edit. Runs in the PostgreSQL pass of scripts/test.sh (it needs PostgreSQL's binaries).
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import secrets
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager

import pytest

from live_site import ROOT, serve_seeded_site
from unionarchive.scratch_database import connect, is_postgres

pytestmark = pytest.mark.slow
CLUSTER = ROOT / "scripts" / "pg_cluster.sh"
EDITOR, PASSWORD = "replica-editor", "replica-test-pass"
MARK = "（本段经编辑核对）"


@contextmanager
def cluster(*args: str) -> Iterator[str]:
    """A throwaway cluster from scripts/pg_cluster.sh; yields its DATABASE_URL, stops it after."""
    out = subprocess.run(["bash", str(CLUSTER), "start", *args], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    found = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    try:
        yield found["DATABASE_URL"]
    finally:
        subprocess.run(["bash", str(CLUSTER), "stop", found["PGDATA"]], timeout=120)


def sql(url: str, statement: str):
    with closing(connect(url)) as db:
        cursor = db.execute(statement)
        return cursor.fetchone()[0] if cursor.description else None


class Browser:
    """urllib with a cookie jar: one person's browser (cookies are per host name, not per port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode("utf-8")

    def post_form(self, url: str, fields: dict[str, str]) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(url)).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode("utf-8")


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    if not is_postgres(os.environ.get("DATABASE_URL")):
        pytest.skip("runs in the PostgreSQL pass of scripts/test.sh (bash scripts/pg_cluster.sh run …)")
    # Every host of one site shares SECRET_KEY (docs/DEPLOY.md): the read-your-writes pin is signed.
    shared = {"DATABASE_REPLICA_URLS": "", "SECRET_KEY": secrets.token_urlsafe(50)}
    with cluster() as primary, cluster("--replica-of", primary) as replica:
        shared["DATABASE_REPLICA_URLS"] = replica
        with serve_seeded_site(tmp_path_factory.mktemp("host_a"), database_url=primary,
                               extra_env={"EDITOR_PASSWORD": PASSWORD, **shared},
                               extra_commands=(["create_editor", EDITOR],)) as host_a:
            with serve_seeded_site(tmp_path_factory.mktemp("host_b"), database_url=primary,
                                   extra_env=shared,
                                   setup_commands=(["build_index", "-v0"],)) as host_b:
                yield host_a, host_b, replica


def test_an_edit_on_one_host_is_read_on_the_other_from_the_replica(hosts):
    host_a, host_b, replica = hosts
    assert sql(replica, "SELECT pg_is_in_recovery()") is True
    page_id, block_id, version, article_url, before = host_a.python(
        "from articles.models import Block\n"
        "b = Block.objects.filter(kind='body', hidden=False, article__isnull=False)"
        ".select_related('page', 'article').order_by('page__source_name', 'seq').first()\n"
        "print(b.page_id, b.pk, b.page.version, b.article.get_absolute_url(), b.text, sep='\\t')"
    ).strip().split("\t")

    editor, reader = Browser(), Browser()
    editor.post_form(host_a.url("/admin/login/"), {"username": EDITOR, "password": PASSWORD, "next": "/admin/"})
    assert before[:8] in text_of(reader.get(host_b.url(article_url)))

    sql(replica, "SELECT pg_wal_replay_pause()")
    try:
        saved = editor.post_form(host_a.url(f"/admin/articles/page/{page_id}/edit/"),
                                 {"action": "edit_text", "version": version, "block": block_id,
                                  "text": before + MARK})
        assert MARK in text_of(saved), "the editor's save did not go through"
        assert MARK not in text_of(reader.get(host_b.url(article_url))), "host B should read the paused replica"
        assert MARK in text_of(editor.get(host_b.url(article_url))), "the editor must read their own write"
    finally:
        sql(replica, "SELECT pg_wal_replay_resume()")

    deadline = time.monotonic() + 30
    while MARK not in text_of(reader.get(host_b.url(article_url))):
        assert time.monotonic() < deadline, "the replica never caught up"
        time.sleep(0.2)
