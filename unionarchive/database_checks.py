"""What the archive expects of its database beyond the schema: text ordered by code point, and
planner statistics refreshed after a bulk load.

Text order. Lists ordered by a name or a pinyin slug (people, tie-breaks in "top" lists) must come
out the same on every database. SQLite compares text as BINARY: Unicode code point order. PostgreSQL
compares by the collation the database was created with — ``en_US.UTF-8`` ignores hyphens at first
sight, ``zh_CN.UTF-8`` sorts by a glibc table that changes between releases (and silently corrupts
indexes across an upgrade). Rather than wrap every ORDER BY in ``COLLATE "C"`` (which would also
stop PostgreSQL using the ordinary indexes for those sorts), the archive's PostgreSQL database is
created with the C collation (``createdb --locale=C.UTF-8 --template=template0``, docs/DEPLOY.md):
byte order of UTF-8 is code point order, exactly SQLite's, and it never changes with the OS. Pinyin
order for readers comes from pinyin slugs, never from the database's collation. ``migrate`` warns
(unionarchive.W001) when the database was created otherwise.

Statistics. PostgreSQL's autovacuum analyses a table only after a fifth of it changed and a pause;
right after an import of thousands of pages the planner still believes the tables are nearly empty
and picks plans accordingly. And counts such as a region's articles are answered from an index
alone only for table pages VACUUM has marked all-visible (otherwise every row is fetched from the
table: 4× slower at 100,000 articles). So commands that load in bulk call
``analyze_after_bulk_load()``: VACUUM (ANALYZE), or just ANALYZE inside a transaction, where VACUUM
cannot run. On SQLite it does nothing: its queries are written for its planner without statistics
(region_queries.py), and ANALYZE would change plans that were measured without them.
"""

from __future__ import annotations

from django.core import checks
from django.db import connections

CODE_POINT_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"}


def analyze_after_bulk_load(using: str = "default") -> bool:
    """Refresh the planner's statistics (and, outside a transaction, the visibility map) after a
    bulk load; True if the database needed it."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    return True


@checks.register(checks.Tags.database)
def check_text_collation(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when a PostgreSQL database would order names differently from SQLite (see above)."""
    found = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT datlocprovider, datcollate FROM pg_database WHERE datname = current_database()")
            provider, collation = cursor.fetchone()
        if provider != "c" or collation not in CODE_POINT_COLLATIONS:
            found.append(checks.Warning(
                f"database {alias!r} sorts text by collation {collation!r} (provider {provider!r}): names "
                "and slugs will be listed in a different order than on SQLite",
                hint="create the database with: createdb --locale=C.UTF-8 --template=template0 NAME "
                     "(docs/DEPLOY.md, 'Text order')",
                id="unionarchive.W001",
            ))
    return found
