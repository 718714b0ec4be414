"""One editor's process for test_concurrent_editors.py: wait for the start signal, then try to
split the test page's article with the page version both editors saw; print the outcome.

Run as ``python tests/editing_ops/concurrent_split.py setup|edit <data dir> [<name>]`` with
UNIONARCHIVE_DATA_DIR (and DATABASE_URL) set, like serve.sh does.
"""

import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from articles.editing import StaleVersion, ensure_editors_group, split_article  # noqa: E402
from articles.models import Article, Block, Issue, Newspaper, Page  # noqa: E402


def setup() -> None:
    group = ensure_editors_group()
    for name in ("editor-a", "editor-b"):
        get_user_model().objects.create_user(name, is_staff=True).groups.add(group)
    paper = Newspaper.objects.create(name="浙江工人日报", slug="zjgrb")
    issue = Issue.objects.create(newspaper=paper, date="2022-05-01", date_is_estimated=True)
    page = Page.objects.create(issue=issue, number=1, source_name="concurrent.txt", sha256="0" * 64, raw_text="")
    article = Article.objects.create(page=page, order=1, headline="甲")
    for seq, (kind, text) in enumerate([("headline", "甲"), ("body", "甲一"), ("headline", "乙"), ("body", "乙一")], 1):
        Block.objects.create(page=page, seq=seq, article=article, position=seq, kind=kind, text=text,
                             source_text=text, line_start=seq, line_end=seq)


def edit(data_dir: Path, name: str) -> None:
    user = get_user_model().objects.get(username=name)
    block = Block.objects.get(text="乙")
    seen = Page.objects.get().version  # both editors rendered the page at this version
    (data_dir / f"ready-{name}").touch()
    while not (data_dir / "go").exists():
        time.sleep(0.005)
    try:
        split_article(block, user=user, expected_version=seen)
    except StaleVersion as refused:
        print(f"stale {refused}")
    else:
        print("ok")


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup()
    else:
        edit(Path(sys.argv[2]), sys.argv[3])
