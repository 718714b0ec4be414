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


def test_a_byline_printed_as_a_closing_credit_keeps_its_photographer_after_an_edit():
    """The importer reads a byline line that is really a closing credit (杨磊 摄) as a credit;
    re-deriving the byline after an edit must read it the same way, or the photographer vanishes."""
    from articles.ingest.bylines import credits_of_lines, unique_credits
    from articles.models import Block, BlockKind, CreditRole

    blocks = [Block(kind=BlockKind.BODY, text="正文。", hidden=False),
              Block(kind=BlockKind.BYLINE, text="杨磊 摄", hidden=False),
              Block(kind=BlockKind.CREDIT, text="记者周敏 摄", hidden=True)]
    imported = unique_credits(credits_of_lines((b.kind, b.text) for b in blocks if not b.hidden))
    assert ("杨磊", CreditRole.PHOTOGRAPHER) in imported
    assert byline_credits(blocks) == imported  # the hidden line counts for neither
