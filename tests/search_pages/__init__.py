"""Tests of the search pages: /search/, its feed, JSON, OpenSearch description and related articles."""
