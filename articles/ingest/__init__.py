"""The page importer: plain-text newspaper pages → Page, Block, Article, Credit and Flag rows.

The pipeline, one concern per module, in the order the loader runs it:

``reading``      read and decode a file; refuse too large, empty, binary, UTF-16 and non-UTF-8 files
``manifest``     newspaper, issue date, page number and page name per file, when known
``paragraphs``   split the text into paragraphs between blank lines, remember line ranges, image gaps
                 (two or more blank lines) and markdown-ish marks (``#``, ``**…**``)
``bylines``      recognise and parse bylines (本报讯 记者X 通讯员Y报道 …, ■ X) and closing credits
``jumps``        continuation markers (下转第4版 / 上接第1版)
``roles``        what each paragraph is: byline, credit, jump, caption, title-like line, body
``repair``       column-break repair: join an unfinished paragraph to its continuation
``layout``       title runs → banner, column labels, title groups (new articles) or inner subheads
``boundary``     the named signals and the one decision: new article or inner subhead, with reasons
``cohesion``     lexical cohesion (TextTiling) of the text before and after a title
``titles``       which line of a title group is the headline (主题 + 副题 unless a cue says 引题)
``damage``       flags: duplicates, orphans, truncation, lost text, misplaced leads, missing bylines
``dating``       the issue date when the manifest does not give it: years and months read from the text
``pipeline``     runs the pure steps above on one page's text → a ``PageDraft`` (no database)
``loader``       validates every input first, then writes each page in its own transaction
``export``       one JSON object per article, for ``manage.py export_articles``
``synthetic``    varied copies of the seed pages for ``manage.py bench_import``

Everything before ``loader`` is plain Python over strings, so it can be read and tested without a
database; only ``loader`` touches the ORM (``places`` reads place names through enrichment's
place matcher, built once per process from the Region table).
"""
