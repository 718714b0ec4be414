"""``refresh_article_fields`` derives an article's title, byline and slug exactly as the importer
did, so an edit never changes what it did not touch."""

from articles.editing import refresh_article_fields
from articles.editing.fields import byline_credits
from articles.models import Article, Credit, Source


def test_refreshing_every_imported_article_changes_nothing(db):
    articles = list(Article.objects.all())
    assert len(articles) >= 38
    for article in articles:
        assert refresh_article_fields(article) == [], (article.pk, article.headline)


def test_byline_credits_agree_with_the_importers(db):
    for article in Article.objects.prefetch_related("blocks"):
        blocks = sorted(article.blocks.all(), key=lambda b: (b.position, b.seq))
        imported = set(Credit.objects.filter(article=article, source=Source.IMPORTER)
                       .values_list("printed_name", "role"))
        assert set(byline_credits(blocks)) == imported, article.headline
