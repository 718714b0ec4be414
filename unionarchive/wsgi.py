"""WSGI entry point for gunicorn: ``gunicorn unionarchive.wsgi``.

jieba's dictionary (about a second and 90 MB) is loaded here, as each worker starts, rather than on
the first search or article page a reader opens after a restart (which took 3–4 s).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionarchive.settings")
application = get_wsgi_application()

from articles.search.analysis import get_segmenter  # noqa: E402 — needs the settings loaded above

get_segmenter()
