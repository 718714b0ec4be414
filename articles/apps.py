from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The archive: newspapers, pages, blocks, articles, places, people, topics and their history."""

    name = "articles"
    verbose_name = "工报档案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles.ingest import checks as ingest_checks  # noqa: F401  (registers the importer's check)
        from articles.search import checks  # noqa: F401  (registers the search system checks)
        from unionarchive import database_checks  # noqa: F401  (text order and statistics on PostgreSQL)
        from articles.search.aliases import connect_signals

        connect_signals()  # person spellings searched are cached; a change empties the cache
