"""WSGI entry point for gunicorn: ``gunicorn unionarchive.wsgi``.

What takes seconds to load is loaded here, as each worker starts, rather than on the first request a
reader or editor makes after a restart: jieba's dictionary for search and highlighting (about a
second, 90 MB), and the place matcher editors' corrections re-run (about 3 s: the gazetteer's own
jieba segmenter).
"""

import logging
import os

from django.core.wsgi import get_wsgi_application
from django.db import DatabaseError, connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")
application = get_wsgi_application()

from articles.enrich.regions import get_matcher  # noqa: E402 — needs the settings loaded above
from articles.search.analysis import get_segmenter  # noqa: E402

get_segmenter()
try:
    get_matcher()
except DatabaseError:  # not migrated yet, or the database is down: built on first use instead
    logging.getLogger(__name__).warning("place matcher not preloaded: the database is not ready")
finally:
    connections.close_all()  # never hand an open connection to processes forked from this one
