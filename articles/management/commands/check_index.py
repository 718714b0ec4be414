"""Report drift between the database and the search index; ``--fix`` queues the repairs."""

from django.core.management.base import BaseCommand, CommandError

from articles.search.drift import find_drift
from articles.search.engines import uses_postgresql
from articles.search.indexing import schedule_reindex


class Command(BaseCommand):
    help = ("Compare the search index with the database: articles missing from the index, documents "
            "of deleted articles, stale documents (updated_at/version differ). Exits 1 on drift.")

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="queue index updates for every drifting id")
        parser.add_argument("--show", type=int, default=10, help="how many ids of each kind to list")

    def handle(self, *args, fix=False, show=10, verbosity=1, **options):
        drift = find_drift()
        for label, ids in (("in the database but not in the index", drift.missing),
                           ("in the index but not in the database", drift.orphaned),
                           ("stale in the index (changed since indexed)", drift.stale)):
            sample = ", ".join(str(i) for i in sorted(ids)[:show]) + (" …" if len(ids) > show else "")
            if verbosity:
                self.stdout.write(f"{len(ids):>7} {label}{': ' + sample if ids else ''}")
        if verbosity:
            self.stdout.write(f"{drift.indexed:>7} documents in the index, {drift.in_database} articles in the database")
        if not drift:
            if verbosity:
                self.stdout.write(self.style.SUCCESS("No drift."))
            return
        if fix:
            schedule_reindex(drift.all_ids)
            done = "Rewrote the search documents of" if uses_postgresql() else "Queued"
            self.stdout.write(f"{done} {len(drift.all_ids)} article id(s)"
                              + ("." if uses_postgresql() else " for the index worker."))
        raise CommandError(f"Index drift: {len(drift.all_ids)} article id(s).", returncode=1)
