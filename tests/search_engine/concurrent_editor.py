"""A separate process for the concurrency test (run as ``python tests/search_engine/concurrent_editor.py``).

    setup N          build a synthetic archive of N articles (the benchmark's corpus)
    edit SEED COUNT  make COUNT random edits: headline changes, deletes, rolled-back changes
    verify           print how many indexed documents differ from the database (0 = in step)

Settings come from the environment (UNIONARCHIVE_DATA_DIR, SEARCH_INDEX_PATH), like serve.sh.
"""

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from articles.models import Article  # noqa: E402


class RollBack(Exception):
    pass


def edit(seed: int, count: int) -> None:
    rng = random.Random(seed)
    ids = list(Article.objects.values_list("pk", flat=True))
    for i in range(count):
        pk = rng.choice(ids)
        action = rng.random()
        with transaction.atomic():
            article = Article.objects.filter(pk=pk).first()
            if article is None:
                continue
            if action < 0.6:
                article.headline = f"编辑{seed}之{i}"
                article.save()
            elif action < 0.8:
                article.delete()
            else:
                try:
                    with transaction.atomic():
                        article.headline = "不该出现的标题"
                        article.save()
                        raise RollBack
                except RollBack:
                    pass


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
        edit(int(sys.argv[2]), int(sys.argv[3]))
    elif command == "verify":
        sys.exit(1 if verify() else 0)
