"""URLs of the search pages."""

from django.urls import path

from articles.views.search.api import search_json
from articles.views.search.feed import SearchFeed
from articles.views.search.opensearch import opensearch_description
from articles.views.search.page import search_page

urlpatterns: list = [
    path("search/", search_page, name="search"),
    path("search/feed/", SearchFeed(), name="search_feed"),
    path("search.json", search_json, name="search_json"),
    path("opensearch.xml", opensearch_description, name="opensearch"),
]
