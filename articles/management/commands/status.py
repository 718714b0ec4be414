"""``manage.py status``: the same readiness report as ``/readyz``, for an operator's terminal."""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.health import readiness


class Command(BaseCommand):
    help = ("Is the site ready? Database, search index, index queue (pending, oldest, failing), "
            "index worker and last drift check. Exits 1 when not ready.")

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the JSON of /readyz")

    def handle(self, *args, **options):
        report = readiness()
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self._print(report)
        if not report["ready"]:
            raise CommandError("not ready", returncode=1)

    def _print(self, report: dict) -> None:
        style = self.style.SUCCESS if report["ready"] else self.style.ERROR
        self.stdout.write(style(f"status: {report['status']}"))
        for part in ("database", "index", "queue", "worker", "drift"):
            if part in report:
                values = ", ".join(f"{key} {value}" for key, value in report[part].items())
                self.stdout.write(f"  {part:9} {values}")
        for warning in report.get("warnings", []):
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
