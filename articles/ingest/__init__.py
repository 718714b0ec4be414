"""The page importer: plain-text newspaper pages → Page, Block, Article, Credit and Flag rows.

The pipeline, one concern per module, in the order the loader runs it:

``reading``      read and decode a file; refuse empty, binary and non-UTF-8 files with a clear error
``manifest``     newspaper, issue date, page number and page name per file, when known
``paragraphs``   split the text into paragraphs between blank lines, remember line ranges, image gaps
                 (two or more blank lines) and markdown-ish marks (``#``, ``**…**``)
``bylines``      recognise and parse bylines (本报讯 记者X 通讯员Y报道 …) and closing photo credits
``roles``        what each paragraph is: byline, credit, caption, title-like line, body
``repair``       column-break repair: join an unfinished paragraph to its continuation
``layout``       title runs → banner, column labels, title groups (new articles) or inner subheads
``titles``       which line of a two-line title group is the headline
``damage``       flags: duplicates, orphans, truncation, lost text, misplaced leads, missing bylines
``dating``       the issue date when the manifest does not give it: years and months read from the text
``pipeline``     runs the pure steps above on one page's text → a ``PageDraft`` (no database)
``loader``       validates every input first, then writes each page in its own transaction
``export``       one JSON object per article, for ``manage.py export_articles``

Everything before ``loader`` is plain Python over strings, so it can be read and tested without a
database; only ``loader`` (and the gazetteer lookup in ``places``) touches the ORM.
"""
