"""haystack autodiscovers ``<app>/search_indexes.py``; the index itself lives in articles/search/."""

from articles.search.indexes import ArticleIndex  # noqa: F401
