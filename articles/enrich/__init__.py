"""Enrichment: the places, people and topics of each article.

Each step lives in its own module and takes a queryset of articles; ``enrich_articles`` runs the
chosen steps in order: regions, then persons (identities — OCR-variant merges, aliases — before
mentions, so that mentions and bylines see one person), then topics. Steps never override an
editor's choice (rows with source=editor, or rejected, are left alone) and are idempotent, so
``manage.py enrich`` can be rerun at any time.
"""

from collections.abc import Iterable

from django.utils.module_loading import import_string

# step name → callable(articles: QuerySet[Article]) -> int (how many tags it wrote)
STEPS = {
    "regions": "articles.enrich.regions.enrich_regions",
    "persons": "articles.enrich.persons.enrich_persons",
    "topics": "articles.enrich.topics.enrich_topics",
}


def enrich_articles(article_ids: Iterable[int] | None = None, only: Iterable[str] | None = None) -> dict[str, int]:
    """Run the enrichment steps (all, or ``only`` those named) on the given articles (all if None)."""
    from articles.models import Article

    articles = Article.objects.all() if article_ids is None else Article.objects.filter(pk__in=list(article_ids))
    names = list(only) if only else list(STEPS)
    unknown = set(names) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown enrichment step(s): {', '.join(sorted(unknown))}")
    # No transaction around the whole run: each step commits in batches, so enriching 100,000
    # articles never holds SQLite's write lock for minutes, and since every step is idempotent an
    # interrupted run is simply run again. A caller that needs all-or-nothing (the importer) wraps
    # the call in its own transaction.
    written = {}
    for name in names:
        written[name] = import_string(STEPS[name])(articles)
    return written
