"""An article's reference in the formats reference managers import: RIS, BibTeX and CSL-JSON.

Zotero, EndNote, NoteExpress and CNKI's E-Study import RIS; LaTeX users want BibTeX; citeproc (Zotero,
Pandoc, Mendeley) reads CSL-JSON. All three are written from the same ``CitationSource`` as the
GB/T 7714 line (``citation.py``), so the authors, the title and the estimated-date rule are decided
once.

Written here rather than with rispy/bibtexparser: each record is a handful of fixed fields, and the
only subtle part is escaping, which those writers leave to the caller anyway (bibtexparser 2 writes
field values verbatim; rispy writes lines as given). The tests read every output back with rispy,
bibtexparser and ``json`` to prove it parses.

Choices:
- Item type: RIS ``NEWS``, BibTeX ``@article`` with ``journal`` = the newspaper (BibTeX has no
  newspaper type; biblatex-chinese styles and Zotero's BibTeX import read it as a newspaper article
  only through ``journal``), CSL ``article-newspaper``.
- An estimated date is still exported as the date (reference managers need one), with a note that
  it was read from the text — the same fact the brackets carry in the GB/T 7714 line.
- The subtitle joins the headline after “：”, as the GB/T line does; the kicker is left out.
"""

from __future__ import annotations

import json
import re

from .citation import CitationSource

ESTIMATED_NOTE = "出版日期据文章内容推断，尚待编辑核实"


def full_title(source: CitationSource) -> str:
    title = source.headline or "（无题）"
    if source.subtitle:
        title += "：" + source.subtitle.lstrip("—－- ")
    return title


def _notes(source: CitationSource) -> list[str]:
    notes = []
    if source.date_is_estimated:
        notes.append(ESTIMATED_NOTE)
    if source.page_number_is_estimated:
        notes.append("版次据内容推断")
    return notes


# --- RIS ------------------------------------------------------------------------------------------

def _ris_value(text: str) -> str:
    """RIS is one field per line: line breaks inside a value would start a bogus field."""
    return " ".join(str(text).split())


def to_ris(source: CitationSource) -> str:
    lines = [("TY", "NEWS")]
    lines += [("AU", name) for name in source.authors]
    lines += [
        ("TI", full_title(source)),
        ("T2", source.newspaper),
        ("DA", source.issue_date.strftime("%Y/%m/%d")),
        ("PY", str(source.issue_date.year)),
        ("SP", str(source.page_number)),
        ("LA", "zh"),
    ]
    if source.url:
        lines.append(("UR", source.url))
    lines += [("N1", note) for note in _notes(source)]
    out = [f"{tag}  - {_ris_value(value)}" for tag, value in lines]
    out.append("ER  - ")  # end of record: a tag with no value
    return "\r\n".join(out) + "\r\n"


# --- BibTeX ---------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_value(text: str) -> str:
    """Escape LaTeX's special characters so a title with % or & does not break the entry."""
    text = " ".join(str(text).split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_key(source: CitationSource) -> str:
    """ASCII citation key: gongbao + date + article id (stable and unique in the archive)."""
    return f"gongbao{source.issue_date:%Y%m%d}a{source.article_id or 0}"


def to_bibtex(source: CitationSource) -> str:
    fields = []
    if source.authors:
        fields.append(("author", " and ".join(source.authors)))
    fields += [
        ("title", full_title(source)),
        ("journal", source.newspaper),
        ("date", source.issue_date.isoformat()),
        ("year", str(source.issue_date.year)),
        ("month", str(source.issue_date.month)),
        ("pages", str(source.page_number)),
        ("language", "chinese"),
    ]
    if source.url:
        fields.append(("url", source.url))
    notes = _notes(source)
    if notes:
        fields.append(("note", "；".join(notes)))
    # The URL is not escaped: LaTeX's \url{} takes it verbatim, and it has no braces.
    body = ",\n".join(f"  {name} = {{{value if name == 'url' else _bibtex_value(value)}}}"
                      for name, value in fields)
    return f"@article{{{bibtex_key(source)},\n{body}\n}}\n"


# --- CSL-JSON -------------------------------------------------------------------------------------

def to_csl(source: CitationSource) -> dict:
    item = {
        "id": bibtex_key(source),
        "type": "article-newspaper",
        "title": full_title(source),
        "container-title": source.newspaper,
        "issued": {"date-parts": [[source.issue_date.year, source.issue_date.month, source.issue_date.day]]},
        "page": str(source.page_number),
        "language": "zh-CN",
        # Chinese names are not split into family/given here: a byline prints them whole, and CSL's
        # "literal" keeps them as printed (张浩星, not 浩星 张).
        "author": [{"literal": name} for name in source.authors],
    }
    if source.url:
        item["URL"] = source.url
    notes = _notes(source)
    if notes:
        item["note"] = "；".join(notes)
    return item


def to_csl_json(source: CitationSource) -> str:
    return json.dumps([to_csl(source)], ensure_ascii=False, indent=2) + "\n"


# format name → (writer, content type, file extension)
EXPORTS = {
    "ris": (to_ris, "application/x-research-info-systems", "ris"),
    "bibtex": (to_bibtex, "application/x-bibtex", "bib"),
    "csl-json": (to_csl_json, "application/vnd.citationstyles.csl+json", "json"),
}
