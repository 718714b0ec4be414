"""Throwaway databases of the configured kind, for benchmarks and tests that run whole processes.

A benchmark or an end-to-end test builds its own archive in a scratch folder and must never touch
the configured one. On SQLite the scratch database is a file in that folder; on PostgreSQL it is a
new database on the same server as ``DATABASE_URL`` (so the test runs on the database CI
configured, not silently on SQLite), dropped when the block ends. Only the standard library and
psycopg are used: no Django set-up is needed, so test processes and management commands share it.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


def is_postgres(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme.split("+")[0] in POSTGRES_SCHEMES


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def admin_connection(url: str):
    """An autocommit connection to the server's ``postgres`` database (CREATE/DROP DATABASE)."""
    import psycopg

    return psycopg.connect(with_database(url, "postgres").replace("postgres://", "postgresql://", 1),
                           autocommit=True)


@contextmanager
def scratch_database(folder: Path, base_url: str | None = None, *, keep: bool = False) -> Iterator[str]:
    """Yield a DATABASE_URL for a new, empty archive database; drop it afterwards unless ``keep``.

    ``base_url`` defaults to the environment's DATABASE_URL: PostgreSQL there means a new database
    on that server; anything else (or nothing) means SQLite in ``folder``."""
    base_url = os.environ.get("DATABASE_URL") if base_url is None else base_url
    if not is_postgres(base_url):
        yield f"sqlite:///{Path(folder).resolve() / 'db.sqlite3'}"
        return
    name = f"ua_scratch_{os.getpid()}_{secrets.token_hex(4)}"
    with admin_connection(base_url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(base_url, name)
    finally:
        if not keep:
            drop_database(with_database(base_url, name))


@contextmanager
def folder_database(folder: Path, *, keep: bool = False) -> Iterator[str]:
    """The scratch database that goes with a benchmark's data folder: the one an earlier run kept
    (for PostgreSQL its URL is noted in the folder as ``database_url``), or a new one, kept along with
    the folder if ``keep``."""
    noted = Path(folder) / "database_url"
    if noted.exists():
        yield noted.read_text(encoding="utf-8").strip()
        return
    with scratch_database(folder, keep=keep) as url:
        if keep and is_postgres(url):
            noted.write_text(url, encoding="utf-8")
        yield url


def drop_database(url: str) -> None:
    """Drop a scratch PostgreSQL database, ending the sessions a killed process left behind."""
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def connect(url: str):
    """A plain DB-API connection to a scratch database (autocommit), for tests that count rows from
    outside the processes under test. Both drivers accept ``execute(sql).fetchone()``."""
    if is_postgres(url):
        import psycopg

        return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
    return sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
