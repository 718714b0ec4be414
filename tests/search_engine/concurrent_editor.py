"""A separate process for the concurrency test (run as ``python tests/search_engine/concurrent_editor.py``).

    setup N          build a synthetic archive of N articles (the benchmark's corpus)
    edit SEED COUNT  make COUNT random edits (``edit_lag.edit_loop``): headlines, deletes, roll-backs
    verify           print how many indexed documents differ from the database (0 = in step)

Settings come from the environment (UNIONARCHIVE_DATA_DIR, SEARCH_INDEX_PATH), like serve.sh.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")

import django  # noqa: E402

django.setup()

from articles.models import Article  # noqa: E402
from articles.search.edit_lag import edit_loop  # noqa: E402


def verify() -> int:
    from articles.search.store import open_index

    database = dict(Article.objects.values_list("pk", "headline"))
    with open_index().searcher() as searcher:
        indexed = {int(f["django_id"]): f.get("headline") for f in searcher.all_stored_fields()}
    differing = {pk for pk in database.keys() | indexed.keys() if database.get(pk) != indexed.get(pk)}
    print(f"{len(differing)} differing of {len(database)} articles, {len(indexed)} documents")
    return len(differing)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        from articles.bench.corpus import build_corpus

        build_corpus(int(sys.argv[2]), ROOT / "seeds", seed=11)
    elif command == "edit":
        edit_loop(int(sys.argv[2]), count=int(sys.argv[3]))
    elif command == "verify":
        sys.exit(1 if verify() else 0)
