"""``manage.py import_pages [PATH ...] [--manifest FILE] [--force]``: import newspaper pages.

A thin command over ``articles.ingest.loader.PageLoader``; the load log is ``ImportLog``.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest.errors import IngestError
from articles.ingest.loader import PageLoader
from unionarchive.database_checks import analyze_after_bulk_load


class Command(BaseCommand):
    help = "Import plain-text newspaper pages (files or folders; seeds/ by default)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="page files or folders (default: seeds/)")
        parser.add_argument("--manifest", type=Path,
                            help="CSV with file,newspaper,date,page,page_name[,image] (default: manifest.csv next to the pages)")
        parser.add_argument("--force", action="store_true", help="re-import pages whose file has changed")
        parser.add_argument("--max-page-kb", type=int, default=None,
                            help="refuse page files larger than this (default: IMPORT_MAX_PAGE_KB, 2048)")
        parser.add_argument("--discard-corrections", action="store_true",
                            help="with --force: re-import even pages editors have corrected (their work is lost)")

    def handle(self, *args, paths, manifest, force, discard_corrections, max_page_kb, verbosity, **options):
        paths = paths or [Path(settings.BASE_DIR) / "seeds"]
        show_bar = verbosity > 0 and sys.stderr.isatty()

        def progress(items):
            return tqdm(items, desc="pages", unit="page", file=sys.stderr, disable=not show_bar)

        loader = PageLoader(force=force, discard_corrections=discard_corrections, progress=progress,
                            max_page_kb=max_page_kb)
        try:
            summary = loader.load(paths, manifest)
        except IngestError as error:
            raise CommandError(str(error)) from None
        if summary.imported or summary.reimported:
            analyze_after_bulk_load()  # PostgreSQL plans the next queries with the new row counts
        if verbosity > 0:
            for line in summary.lines():
                self.stdout.write(line)
