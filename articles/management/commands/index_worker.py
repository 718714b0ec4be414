"""Run the index worker: the one process that writes the search index (see articles/search/worker.py)."""

from django.core.management.base import BaseCommand

from articles.search.worker import IndexWorker, WorkerOptions


class Command(BaseCommand):
    help = ("Keep the search index up to date: index pending updates (all of them in one commit), "
            "reconcile on start and check for drift on a schedule. Stops cleanly on SIGTERM/SIGINT.")

    def add_arguments(self, parser):
        defaults = WorkerOptions()
        parser.add_argument("--interval", type=float, default=defaults.interval,
                            help="seconds between looks at an empty queue (default %(default)s)")
        parser.add_argument("--drift-every", type=float, default=defaults.drift_every,
                            help="seconds between full drift checks; 0 = only on start (default %(default)s)")
        parser.add_argument("--batch", type=int, default=defaults.batch,
                            help="most articles indexed in one commit (default %(default)s)")
        parser.add_argument("--once", action="store_true", help="index what is pending, then exit")
        parser.add_argument("--no-reconcile", action="store_false", dest="reconcile",
                            help="no reconciling or drift checks, only the queue (tests that prove it loses nothing)")

    def handle(self, *args, interval, drift_every, batch, once, reconcile, verbosity=1, **options):
        worker = IndexWorker(WorkerOptions(interval=interval, drift_every=drift_every, batch=batch, once=once,
                                           reconcile=reconcile),
                             out=(lambda message: self.stdout.write(message)) if verbosity else (lambda m: None))
        worker.install_signal_handlers()
        worker.run()
