"""System check for the importer (``manage.py check``).

- ``articles.ingest.E001``: jieba's ``Tokenizer`` no longer keeps its dictionary in the ``FREQ``
  and ``total`` attributes. Lexical cohesion (``ingest/cohesion.py``) weighs words by their
  dictionary frequency read from there — not a documented API, so jieba is pinned (pyproject) and
  this check fails loudly if an upgrade moves them.
"""

from django.core import checks


@checks.register("ingest")
def check_jieba_internals(app_configs=None, **kwargs):
    import jieba

    tokenizer = jieba.Tokenizer()  # cheap: the dictionary is loaded only on first use
    if isinstance(getattr(tokenizer, "FREQ", None), dict) and isinstance(getattr(tokenizer, "total", None), int):
        return []
    return [checks.Error(
        f"jieba {getattr(jieba, '__version__', '?')}: Tokenizer has no FREQ dict / total count.",
        hint="The importer's lexical cohesion reads word frequencies there; keep jieba==0.42.1 or adapt "
             "articles/ingest/cohesion.py:_dictionary.",
        id="articles.ingest.E001",
    )]
