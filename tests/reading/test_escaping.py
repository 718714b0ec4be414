"""Text from the source or from editors is always escaped, on every page that shows it."""

from articles.models import Article

NASTY = '<script>alert("x")</script>职工&书屋'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;职工&amp;书屋"


def test_headline_byline_and_text_with_markup_are_escaped(client, sample_article):
    Article.objects.filter(pk=sample_article.pk).update(headline=NASTY, kicker=NASTY, byline=NASTY)
    sample_article.blocks.filter(kind="body").update(text=NASTY)
    sample_article.page.__class__.objects.filter(pk=sample_article.page_id).update(banner=NASTY)
    article = Article.objects.get(pk=sample_article.pk)
    for url in (article.get_absolute_url(), article.page.get_absolute_url(), article.page.issue.get_absolute_url(),
                "/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert ESCAPED in html, url
