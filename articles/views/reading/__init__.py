"""The reading site: home, issues by date (calendars), an issue, a page, an article, sitemap/robots.

One module per page kind; ``queries`` holds the querysets (each view runs a fixed, small number
of queries), ``body`` turns blocks into paragraphs, ``citation`` writes the GB/T 7714 line.
"""

from .article import article_cite, article_detail, article_detail_short
from .calendar import issue_archive, issue_month, issue_year
from .home import home
from .issues import issue_detail, page_detail
from .sitemaps import SITEMAPS, robots_txt

__all__ = [
    "SITEMAPS",
    "article_cite",
    "article_detail",
    "article_detail_short",
    "home",
    "issue_archive",
    "issue_detail",
    "issue_month",
    "issue_year",
    "page_detail",
    "robots_txt",
]
