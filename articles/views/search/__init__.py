"""The search pages: /search/ (HTML), its Atom feed and JSON, and the OpenSearch description.

One module per concern: ``engine`` calls the search engine, ``results`` / ``facets`` / ``paging`` /
``suggestions`` shape what a reader sees, and ``page``, ``feed``, ``api``, ``opensearch`` are the
views. The "more like this" box of the article page is a template tag (templatetags/search_tags.py).
"""
