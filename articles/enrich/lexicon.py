"""Small committed word lists the person steps read: common surnames and OCR-confusable characters.

They live as plain text under ``articles/enrich/data/`` so that an editor can read and extend them
without touching code; each file's header says where its entries come from.
"""

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _entries(filename: str) -> list[str]:
    """Non-comment lines of a data file, with any trailing ``# comment`` removed."""
    lines = []
    for raw in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Single-character and compound (欧阳, 司马 …) surnames."""
    return frozenset(word for line in _entries("surnames.txt") for word in line.split())


def surname_of(name: str) -> str | None:
    """The surname a name starts with (compound surnames first), or None if it is not a common one."""
    known = surnames()
    if len(name) >= 3 and name[:2] in known:
        return name[:2]
    if name[:1] in known:
        return name[:1]
    return None


@lru_cache(maxsize=1)
def confusable_pairs() -> frozenset[frozenset[str]]:
    """Unordered character pairs that OCR mistakes for each other (钧/钩)."""
    pairs = set()
    for line in _entries("confusables.tsv"):
        first, second = line.split("\t")[:2]
        pairs.add(frozenset((first.strip(), second.strip())))
    return frozenset(pairs)
