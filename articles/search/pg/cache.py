"""Results of searches kept in each web process, keyed by the database *snapshot* they were read in:
exact, with no work at all for writers.

Why: a word found in most articles costs its count and facets over every matching row (tens to
hundreds of ms at 100,000+ articles, see ``articles.search.pg``), and the commonest words are the
ones typed again and again. Why the snapshot: two snapshots with the same ``pg_current_snapshot()``
text (xmin, xmax, in-progress xids) see exactly the same committed rows — every transaction below
xmax and not in progress has ended, and its outcome never changes — so a result read in one is the
result in the other. Any commit that could change a document changes the snapshot (a writing
transaction gets an xid, which moves xmax), so an edit is findable at once, on the primary and on
every replica, without a generation counter that every write would have to lock.

What it costs: one short statement per search (the snapshot); a transaction that has written
anything (it has an xid of its own, and sees its own uncommitted documents) never uses the cache.
What it does not do: any write anywhere in the cluster (another table, another database on the same
server, ANALYZE) moves xmax and empties the cache in effect — on a primary taking constant writes it
rarely hits; replicas and quiet hours are where it helps. Each process keeps its own entries
(``PG_SEARCH_CACHE_ENTRIES``, least recently used dropped first; 0 switches the cache off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings

_entries: OrderedDict = OrderedDict()
_lock = threading.Lock()

SNAPSHOT_SQL = "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL"


def capacity() -> int:
    return max(0, int(getattr(settings, "PG_SEARCH_CACHE_ENTRIES", 0)))


def key(connection_settings: dict, snapshot: str, statement: str, params: list) -> tuple:
    """The server and database (a snapshot is a point in one cluster's history; databases of a
    cluster differ), the snapshot, and the statement with its parameters."""
    where = (connection_settings.get("HOST"), connection_settings.get("PORT"), connection_settings.get("NAME"))
    return where, snapshot, statement, repr(params)


def get(cache_key: tuple):
    with _lock:
        found = _entries.get(cache_key)
        if found is not None:
            _entries.move_to_end(cache_key)
        return found


def put(cache_key: tuple, value) -> None:
    limit = capacity()
    if not limit:
        return
    with _lock:
        _entries[cache_key] = value
        _entries.move_to_end(cache_key)
        while len(_entries) > limit:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()
