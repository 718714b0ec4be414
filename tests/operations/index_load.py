"""A separate process for the index crash test (run as ``python tests/operations/index_load.py``).
Settings come from the environment.

    edit SEED STOPFILE PAUSE   edit random articles until STOPFILE exists (``edit_lag.edit_loop``): each
                               edit gives the headline a unique token — some delete, some roll back
    hold-lock STOPFILE HOLD    hold the index's write lock HOLD seconds at a time (as a long build
                               does), with a pause between, until STOPFILE exists
    findable                   exit 1 unless every article's current token finds that article
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")

import django  # noqa: E402

django.setup()

from articles.models import Article  # noqa: E402
from articles.search.edit_lag import TOKEN, edit_loop  # noqa: E402


def hold_lock(stop: Path, hold: float) -> None:
    from articles.search.store import open_index

    while not stop.exists():
        writer = open_index().writer(timeout=30)
        time.sleep(hold)
        writer.cancel()
        time.sleep(hold / 2)


def findable() -> int:
    from articles.search.service import search

    missing = []
    for pk, headline in Article.objects.filter(headline__contains=TOKEN).values_list("pk", "headline"):
        token = headline.split(" ")[-1]
        if pk not in {hit.article_id for hit in search(token, facets=False).hits}:
            missing.append((pk, token))
    edited = Article.objects.filter(headline__contains=TOKEN).count()
    print(f"{len(missing)} of {edited} edited article(s) not findable by their token: {missing[:10]}")
    return len(missing) if edited else 1  # no edited article left would prove nothing


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "edit":
        edit_loop(int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
    elif command == "hold-lock":
        hold_lock(Path(sys.argv[2]), float(sys.argv[3]))
    elif command == "findable":
        sys.exit(1 if findable() else 0)
