"""``manage.py enrich [--only regions|persons|topics]``: (re)tag articles with places, people, topics."""

from django.core.management.base import BaseCommand, CommandError

from articles.enrich import STEPS, enrich_articles
from articles.search.indexing import schedule_reindex
from unionarchive.database_checks import analyze_after_bulk_load


class Command(BaseCommand):
    help = "Tag articles with regions, mentioned persons and topics. Never overrides an editor's choice."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=sorted(STEPS), help="run only this step (repeatable)")
        parser.add_argument("--article", action="append", type=int, dest="article_ids", help="only this article id")

    def handle(self, *args, only=None, article_ids=None, **options):
        try:
            written = enrich_articles(article_ids, only=only)
        except ValueError as error:
            raise CommandError(str(error)) from error
        from articles.models import Article

        if not article_ids:
            analyze_after_bulk_load()  # thousands of new tags: PostgreSQL's statistics would lag
        ids = article_ids or list(Article.objects.values_list("pk", flat=True))
        schedule_reindex(ids)
        if options["verbosity"]:
            summary = ", ".join(f"{name}: {count}" for name, count in written.items())
            self.stdout.write(f"enriched {len(ids)} articles ({summary})")
