"""System checks for search, with stable IDs (``manage.py check``), in the style of Wagtail's.

- ``articles.search.E001``: the index folder (or, if it does not exist yet, its nearest existing
  parent) is not a writable folder, so the worker cannot write the index.
- ``articles.search.W001``: the domain user dictionary is missing: Chinese words such as 工资集体协商
  are split and searches for them get worse.
- ``articles.search.W002``: the haystack engine is not ours: Chinese search will not work.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core import checks

ENGINE = "articles.search.backend.ChineseWhooshEngine"


@checks.register("search")
def check_search(app_configs=None, **kwargs):
    from .analysis import USERDICT_PATH

    problems = []
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
    if not USERDICT_PATH.exists():
        problems.append(checks.Warning(
            f"The search user dictionary {USERDICT_PATH} is missing.",
            hint="Restore articles/search/userdict.txt from the repository.",
            id="articles.search.W001",
        ))
    if connection.get("ENGINE") != ENGINE:
        problems.append(checks.Warning(
            f"HAYSTACK_CONNECTIONS['default']['ENGINE'] is {connection.get('ENGINE')!r}, not {ENGINE!r}.",
            hint="The stock engines do not segment Chinese.",
            id="articles.search.W002",
        ))
    return problems
