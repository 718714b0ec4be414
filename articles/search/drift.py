"""Comparing the index with the database, for ``manage.py check_index``.

Stale means the document's stored ``updated``/``version`` differ from the article's. Changes
that do not touch the Article row (a new place tag, a renamed person) do not change those
fields: they are covered by the queue, and a full ``build_index`` resets everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.models import Article

from .writer import indexed_versions


@dataclass
class Drift:
    missing: set[int] = field(default_factory=set)
    orphaned: set[int] = field(default_factory=set)
    stale: set[int] = field(default_factory=set)
    indexed: int = 0
    in_database: int = 0

    def __bool__(self) -> bool:
        return bool(self.missing or self.orphaned or self.stale)

    @property
    def all_ids(self) -> set[int]:
        return self.missing | self.orphaned | self.stale


def find_drift() -> Drift:
    indexed = indexed_versions()
    database = {
        pk: (updated.isoformat() if updated else "", version)
        for pk, updated, version in Article.objects.values_list("pk", "updated_at", "version").iterator()
    }
    return Drift(
        missing=set(database) - set(indexed),
        orphaned=set(indexed) - set(database),
        stale={pk for pk in set(database) & set(indexed) if database[pk] != indexed[pk]},
        indexed=len(indexed),
        in_database=len(database),
    )
