"""Which search engine answers: the Whoosh index on disk (default) or the tables in PostgreSQL.

``SEARCH_ENGINE`` (settings, from the environment variable of that name): ``whoosh`` — the index
folder of one machine, written by the index worker — or ``postgresql`` — the search documents in
the database itself, written in the same transaction as each change, so several web hosts need no
shared folder and no worker (``articles.search.pg``). The PostgreSQL engine needs the database to
be PostgreSQL: the system check ``articles.search.E004`` says so otherwise.

Read at every call, not at import, so a test can switch engines with ``settings.SEARCH_ENGINE``.
"""

from __future__ import annotations

from django.conf import settings

WHOOSH = "whoosh"
POSTGRESQL = "postgresql"
ENGINES = (WHOOSH, POSTGRESQL)


def selected() -> str:
    return getattr(settings, "SEARCH_ENGINE", WHOOSH) or WHOOSH


def uses_postgresql() -> bool:
    """True when searches and index writes go to the PostgreSQL engine."""
    return selected() == POSTGRESQL
