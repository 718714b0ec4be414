"""A gunicorn worker loads the Chinese segmenter and the place matcher when it starts, not on a
reader's or editor's first request."""

import importlib
import sys

from articles.enrich import regions
from articles.search import analysis


def test_importing_the_wsgi_module_loads_the_segmenter_and_place_matcher(monkeypatch, db):
    monkeypatch.setattr(analysis, "_segmenter", None)
    regions._cached_matcher.cache_clear()
    sys.modules.pop("unionarchive.wsgi", None)
    importlib.import_module("unionarchive.wsgi")
    assert analysis._segmenter is not None
    assert regions._cached_matcher.cache_info().currsize == 1
