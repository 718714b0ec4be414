"""Keeping the search index in step with the database. (Placeholder until the search helper lands
the durable single-writer queue.)"""

from collections.abc import Iterable


def schedule_reindex(article_ids: Iterable[int]) -> None:
    return None
