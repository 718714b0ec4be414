"""List (and with ``--delete`` remove) stored page images that no page points to any more."""

from django.core.management.base import BaseCommand

from articles.ingest.page_images import image_storage, unreferenced_images


class Command(BaseCommand):
    help = ("List stored page images that no page points to (an import rolled back and never retried, a "
            "re-import that gave the page another image); --delete removes them.")

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the files listed")
        parser.add_argument("--older-than", type=float, default=24.0, metavar="HOURS",
                            help="only files unchanged for this many hours (default 24: a running import "
                                 "may have stored its file and not yet committed)")

    def handle(self, *args, delete=False, older_than=24.0, verbosity=1, **options):
        names = unreferenced_images(older_than * 3600)
        storage = image_storage()
        for name in names:
            if delete:
                storage.delete(name)
            if verbosity:
                self.stdout.write(("deleted " if delete else "") + name)
        if verbosity:
            action = "deleted" if delete else "unreferenced (--delete removes them)"
            self.stdout.write(f"{len(names)} page image(s) {action}")
