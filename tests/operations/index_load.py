"""A separate process for the index crash test and the edit-to-findable measure
(run as ``python tests/operations/index_load.py``). Settings come from the environment.

    edit SEED STOPFILE PAUSE   edit random articles until STOPFILE exists: each edit gives the headline a
                               unique token (crashtok…) — some are deleted, some rolled back
    hold-lock STOPFILE HOLD    hold the index's write lock HOLD seconds at a time (as a long build
                               does), with a pause between, until STOPFILE exists
    findable                   exit 1 unless every article's current token finds that article
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from articles.models import Article  # noqa: E402

TOKEN = "crashtok"


class RollBack(Exception):
    pass


def edit(seed: int, stop: Path, pause: float) -> None:
    rng = random.Random(seed)
    ids = list(Article.objects.values_list("pk", flat=True))
    i = 0
    while not stop.exists():
        i += 1
        pk = rng.choice(ids)
        action = rng.random()
        with transaction.atomic():
            article = Article.objects.filter(pk=pk).first()
            if article is None:
                continue
            if action < 0.85:
                base = article.headline.split(f" {TOKEN}")[0]
                article.headline = f"{base} {TOKEN}{seed}x{i}"
                article.save()
            elif action < 0.9:
                article.delete()
            else:
                try:
                    with transaction.atomic():
                        article.headline = "不该出现的标题"
                        article.save()
                        raise RollBack
                except RollBack:
                    pass
        time.sleep(pause)


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
    print(f"{len(missing)} edited article(s) not findable by their token: {missing[:10]}")
    return len(missing)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "edit":
        edit(int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]))
    elif command == "hold-lock":
        hold_lock(Path(sys.argv[2]), float(sys.argv[3]))
    elif command == "findable":
        sys.exit(1 if findable() else 0)
