"""A gunicorn worker loads the Chinese segmenter when it starts, not on a reader's first request."""

import importlib
import sys

from articles.search import analysis


def test_importing_the_wsgi_module_loads_the_segmenter(monkeypatch):
    monkeypatch.setattr(analysis, "_segmenter", None)
    sys.modules.pop("unionarchive.wsgi", None)
    importlib.import_module("unionarchive.wsgi")
    assert analysis._segmenter is not None
