"""What the archive asks of PostgreSQL beyond the schema (unionarchive/database_checks.py): fresh
planner statistics after a bulk import, and a warning when the database would order text
differently from SQLite. Skipped on SQLite (the PostgreSQL pass of scripts/test.sh runs them)."""

import os
import subprocess
import sys
from contextlib import closing

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from unionarchive.scratch_database import admin_connection, drop_database, is_postgres, with_database

pytestmark = pytest.mark.skipif(not is_postgres(os.environ.get("DATABASE_URL")),
                                reason="PostgreSQL only: runs in the PostgreSQL pass of scripts/test.sh")

PAGE = "市总工会举办职工技能比武\n\n本报讯 记者方某报道 日前，市总工会在新区举办职工技能比武，两百余名职工参赛。\n"


def planner_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def exact_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_import_leaves_the_planner_with_the_new_row_counts(tmp_path):
    (tmp_path / "951_jineng.txt").write_text(PAGE, encoding="utf-8")
    before = exact_rows("articles_block")
    call_command("import_pages", str(tmp_path), verbosity=0)
    after = exact_rows("articles_block")
    assert after > before
    assert planner_rows("articles_block") == after  # small tables: ANALYZE reads every row


def check_output(database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "UNIONARCHIVE_DATA_DIR": settings.DATA_DIR.as_posix()}
    done = subprocess.run([sys.executable, "manage.py", "check", "--database", "default"], cwd=settings.BASE_DIR,
                          env=env, capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


@pytest.mark.slow
def test_check_warns_when_the_database_orders_text_by_a_language_collation():
    base = os.environ["DATABASE_URL"]
    name = f"ua_icu_{os.getpid()}"
    with closing(admin_connection(base)) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' "
                      "LOCALE 'C.UTF-8'")
    try:
        warned = check_output(with_database(base, name))
    finally:
        drop_database(with_database(base, name))
    assert "unionarchive.W001" in warned and "createdb --locale=C.UTF-8" in warned
    assert "unionarchive.W001" not in check_output(base)
