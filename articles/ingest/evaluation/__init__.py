"""Evaluation of page segmentation against hand-made gold files (``manage.py evaluate_segmentation``).

* ``gold``    — the gold format (one ``NAME.gold.json`` beside each ``NAME.txt``), reading and checking it;
* ``scratch`` — importing pages into a throw-away SQLite database and reading back what the importer made;
* ``scoring`` — pure functions comparing the two: articles found, headline lines, paragraph
  boundaries, credits, column labels, per genre.

The format is documented in ``evaluation/segmentation/README.md``.
"""
