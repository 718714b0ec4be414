"""``manage.py export_articles [--format jsonl] [--output FILE]``: every article, one JSON per line."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.ingest.export import export_articles


class Command(BaseCommand):
    help = "Write every article as one JSON object per line (JSON Lines), to stdout or --output."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, format, output, **options):
        try:
            stream = open(output, "w", encoding="utf-8") if output else self.stdout
        except OSError as error:
            raise CommandError(f"{output}: cannot write ({error.strerror})") from None
        count = 0
        try:
            for record in export_articles():
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")  # OutputWrapper adds no second \n
                count += 1
        except BrokenPipeError:  # `export_articles | head`: the reader has what it wanted
            sys.stderr.close()
            return
        finally:
            if output:
                stream.close()
        if output and options["verbosity"] > 0:
            self.stderr.write(f"wrote {count} articles to {output}")
