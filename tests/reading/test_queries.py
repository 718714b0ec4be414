"""No N+1 queries: the page and article views run a small fixed number of queries, however many
articles, blocks and credits they show."""

import pytest

from articles.models import Article

from .conftest import add_block, credit


@pytest.mark.parametrize("extra_articles", [0, 10])
def test_page_view_query_count_does_not_grow_with_articles(client, sample_article, django_assert_max_num_queries,
                                                             extra_articles):
    page = sample_article.page
    for n in range(extra_articles):
        article = Article.objects.create(page=page, order=1000 + n, headline=f"加量文章{n}", slug=f"jia-liang-{n}")
        add_block(article, "body", "正文。")
        credit(article, f"记者{n}", f"test-reporter-{n}", "reporter", 0)
    with django_assert_max_num_queries(8):
        response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["articles"]) == page.articles.count()


def test_article_view_query_count(client, sample_article, django_assert_max_num_queries):
    for n in range(10):
        add_block(sample_article, "body", f"更多段落{n}。")
    # Fixed, whatever the article's length: the ETag's version check, the article with its page,
    # body, credits, places, topics, flags, the page's articles, and the next page's first article
    # (the sample is the page's last article, so the sequence turns the page).
    with django_assert_max_num_queries(10):
        response = client.get(sample_article.get_absolute_url())
    assert response.status_code == 200
    assert "更多段落9。" in response.content.decode()


def test_issue_and_home_query_counts(client, sample_article, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(sample_article.page.issue.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
