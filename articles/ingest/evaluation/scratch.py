"""Import pages into a throw-away SQLite database and read back what the importer made.

The evaluation must measure the importer as a new user meets it — the real ``PageLoader`` writing
real rows — without touching the user's database. So the command runs a child process of
``manage.py`` whose data folder (database, search index, secret key) is a temporary directory:
``migrate``, then ``evaluate_segmentation --scratch-import`` which imports and prints, as JSON,
every page's blocks, articles and credits. The child refuses to import unless its data folder is
the scratch folder the parent made (``SCRATCH_ENV``), so the hidden option cannot write elsewhere.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

SCRATCH_ENV = "UNIONARCHIVE_SEGEVAL_SCRATCH"


class ScratchImportError(RuntimeError):
    pass


def import_in_scratch(pages: list[Path]) -> dict[str, dict]:
    """{file name: what the importer made of it} for pages imported together into a fresh database."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    with tempfile.TemporaryDirectory(prefix="segeval-") as folder:
        env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SEARCH_INDEX_PATH")}
        env.update({
            "UNIONARCHIVE_DATA_DIR": folder,
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'db.sqlite3'}",
            SCRATCH_ENV: str(Path(folder).resolve()),
        })
        out = Path(folder) / "made.json"
        for args in (["migrate", "--verbosity", "0"],
                     ["evaluate_segmentation", "--scratch-import", str(out), *map(str, pages)]):
            done = subprocess.run([sys.executable, str(manage), *args], env=env, capture_output=True, text=True)
            if done.returncode:
                raise ScratchImportError(f"manage.py {args[0]} in the scratch database failed:\n{done.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def check_scratch() -> None:
    """Refuse unless this process's data folder is the scratch folder a parent made for it."""
    scratch = os.environ.get(SCRATCH_ENV)
    if not scratch or Path(scratch).resolve() != Path(settings.DATA_DIR).resolve():
        raise ScratchImportError("--scratch-import is internal: it only runs in the scratch database "
                                 "that evaluate_segmentation makes")


def import_and_describe(pages: list[Path]) -> dict[str, dict]:
    """Run the real importer on ``pages`` (this process's database must be the scratch one) and
    describe every page it made: banner, blocks, and articles with title fields, credits and blocks."""
    from articles.ingest.loader import PageLoader
    from articles.models import Page

    check_scratch()
    PageLoader().load(pages)
    made = {}
    for page in Page.objects.prefetch_related("blocks", "articles__credits").order_by("source_name"):
        blocks = sorted(page.blocks.all(), key=lambda b: b.seq)
        articles = []
        for article in sorted(page.articles.all(), key=lambda a: a.order):
            articles.append({
                "order": article.order,
                "kicker": article.kicker, "headline": article.headline, "subtitle": article.subtitle,
                "column_label": article.column_label,
                "credits": [[c.printed_name, c.role] for c in sorted(article.credits.all(), key=lambda c: c.order)],
                "continued_from": _page_number(getattr(article, "continued_from", None)),
                "continued_to": _page_number(getattr(article, "continued_to", None)),
                "id": article.pk,
            })
        made[page.source_name] = {
            "banner": page.banner,
            "blocks": [{"kind": b.kind, "line_start": b.line_start, "line_end": b.line_end,
                        "article": b.article_id, "joined_lines": b.joined_lines, "text": b.text} for b in blocks],
            "articles": articles,
        }
    return made


def _page_number(link) -> int | None:
    """A continuation link as a page number, whatever form the importer records it in (a number,
    or an object with ``number``/``page_number``); None while the importer records none."""
    if isinstance(link, int) and not isinstance(link, bool):
        return link
    for attribute in ("number", "page_number"):
        value = getattr(link, attribute, None)
        if isinstance(value, int):
            return value
    return None
