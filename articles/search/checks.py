"""System checks for search, with stable IDs (``manage.py check``), in the style of Wagtail's.

- ``articles.search.E001``: the index folder (or, if it does not exist yet, its nearest existing
  parent) is not a writable folder, so the worker cannot write the index.
- ``articles.search.E003``: the numpy fast path cannot read Whoosh's posting blocks, or the full
  build's writer cannot write them a block at a time (another Whoosh version, or its private
  matcher/writer attributes changed): search or the build would be wrong or many times slower;
  or segment files would be copied into every reader again (``articles.search.mapped_files``).
  See ``articles.search.postings``, ``articles.search.bulkwrite`` and the pins in pyproject.toml.
- ``articles.search.W003``: the index on disk was built with other fields than ``ArticleIndex``
  declares (e.g. before the ``grams`` field for exact strings): run ``manage.py build_index``.
- ``articles.search.W001``: the domain user dictionary is missing: Chinese words such as 工资集体协商
  are split and searches for them get worse.
- ``articles.search.W002``: the haystack engine is not ours: Chinese search will not work.
- ``articles.search.E004``: ``SEARCH_ENGINE`` names no engine, or is ``postgresql`` while the
  database is not PostgreSQL (the engine's tables and SQL exist only there).

With ``SEARCH_ENGINE=postgresql`` there is no index folder: E001, W003 and W002 do not apply.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, connections

from .engines import ENGINES, POSTGRESQL, selected, uses_postgresql

ENGINE = "articles.search.backend.ChineseWhooshEngine"


@checks.register("search")
def check_search(app_configs=None, **kwargs):
    from . import mapped_files
    from .bulkwrite import internals_problems
    from .postings import fast_path_problems

    problems = _engine_problems()
    if problems or uses_postgresql():
        return problems + _dictionary_problems()
    connection = getattr(settings, "HAYSTACK_CONNECTIONS", {}).get("default", {})
    path = Path(connection.get("PATH") or "")
    existing = path if path.exists() else next((p for p in path.parents if p.exists()), None)
    if (not connection.get("PATH") or existing is None or not existing.is_dir()
            or not os.access(existing, os.W_OK)):
        problems.append(checks.Error(
            f"The search index folder {path} is not writable.",
            hint="Set SEARCH_INDEX_PATH (or UNIONARCHIVE_DATA_DIR) to a folder the worker can write.",
            id="articles.search.E001",
        ))
    for problem in fast_path_problems() + internals_problems() + mapped_files.internals_problems():
        problems.append(checks.Error(
            f"The search fast path is not active: {problem}.",
            hint="Install Whoosh==2.7.4 as pinned in pyproject.toml (articles/search/postings.py reads its "
                 "posting blocks directly, articles/search/bulkwrite.py writes them, "
                 "articles/search/mapped_files.py reads segment files in place).",
            id="articles.search.E003",
        ))
    problems += _dictionary_problems()
    stale = _stale_index_fields(connection.get("PATH") or "") if connection.get("ENGINE") == ENGINE else None
    if stale:
        problems.append(checks.Warning(
            f"The search index at {connection.get('PATH')} differs from ArticleIndex ({stale}).",
            hint="Rebuild it: manage.py build_index (exact-string search needs the grams field).",
            id="articles.search.W003",
        ))
    if connection.get("ENGINE") != ENGINE:
        problems.append(checks.Warning(
            f"HAYSTACK_CONNECTIONS['default']['ENGINE'] is {connection.get('ENGINE')!r}, not {ENGINE!r}.",
            hint="The stock engines do not segment Chinese.",
            id="articles.search.W002",
        ))
    return problems


def _engine_problems() -> list:
    engine = selected()
    if engine not in ENGINES:
        return [checks.Error(f"SEARCH_ENGINE is {engine!r}: no such search engine.",
                             hint=f"Set SEARCH_ENGINE to one of: {', '.join(ENGINES)}.", id="articles.search.E004")]
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if engine == POSTGRESQL and vendor != "postgresql":
        return [checks.Error(
            f"SEARCH_ENGINE=postgresql needs a PostgreSQL database; DATABASE_URL is {vendor}.",
            hint="Point DATABASE_URL at PostgreSQL, or unset SEARCH_ENGINE to use the Whoosh index.",
            id="articles.search.E004")]
    return []


def _dictionary_problems() -> list:
    from .analysis import USERDICT_PATH

    if USERDICT_PATH.exists():
        return []
    return [checks.Warning(f"The search user dictionary {USERDICT_PATH} is missing.",
                           hint="Restore articles/search/userdict.txt from the repository.", id="articles.search.W001")]


def _stale_index_fields(path: str) -> str | None:
    """What differs between the fields of the index on disk and ArticleIndex's, or None."""
    from whoosh import index as whoosh_index

    try:
        if not path or not whoosh_index.exists_in(path):
            return None
        from .store import get_schema

        found = whoosh_index.open_dir(path).schema
        wanted = get_schema()
    except Exception as error:  # noqa: BLE001 — an unreadable index is drift's and E001's business
        return f"unreadable: {error}"
    missing = sorted(set(wanted.names()) - set(found.names()))
    retyped = sorted(n for n in set(wanted.names()) & set(found.names()) if type(wanted[n]) is not type(found[n]))
    if not missing and not retyped:
        return None
    return "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                       f"other type: {', '.join(retyped)}" if retyped else "") if part)
