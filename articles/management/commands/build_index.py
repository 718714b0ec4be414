"""Rebuild the whole search index from the database in one commit (faster than haystack's
``rebuild_index``, which commits per batch; that one keeps working too). With ``SEARCH_ENGINE=postgresql``: every search
document rewritten in one transaction (``articles.search.pg.documents.rebuild``)."""

from django.core.management.base import BaseCommand

from articles.search.bulkwrite import MAX_SEGMENT_DOCS
from articles.search.engines import uses_postgresql
from articles.search.pg.documents import rebuild
from articles.search.store import reset_searcher
from articles.search.writer import build_index


class Command(BaseCommand):
    help = "Rebuild the search index from the database (one writer; waits for the index worker)."

    def add_arguments(self, parser):
        parser.add_argument("--procs", type=int, default=None,
                            help="indexing processes (default: 2 on a machine with 2 or more cores)")
        parser.add_argument("--segment-docs", type=int, default=MAX_SEGMENT_DOCS,
                            help="most articles per index segment (bounds each process's memory)")

    def handle(self, *args, procs=None, segment_docs=MAX_SEGMENT_DOCS, verbosity=1, **options):
        def progress(done, total):
            if verbosity > 1:
                self.stdout.write(f"  {done}/{total}")

        if uses_postgresql():
            report = rebuild(progress=progress, procs=procs)
            if verbosity:
                rate = report.updated / report.seconds if report.seconds else 0
                self.stdout.write(self.style.SUCCESS(
                    f"Wrote {report.updated} PostgreSQL search documents in {report.seconds:.1f} s ({rate:.0f} docs/s); "
                    f"{report.deleted} of deleted articles removed."))
            return
        report = build_index(procs=procs, segment_docs=segment_docs, progress=progress)
        reset_searcher()
        rate = report.updated / report.seconds if report.seconds else 0
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Indexed {report.updated} articles in {report.seconds:.1f} s ({rate:.0f} docs/s); "
                f"{report.deleted} pending update(s) it covered were cleared."))
