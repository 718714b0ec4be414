"""The manifest: what is known about each file (newspaper, issue date, page number, page name).

A small CSV, one row per file, so an editor can keep it in any spreadsheet::

    file,newspaper,date,page,page_name,image
    000_b5643cc4bf363cac.txt,浙江工人日报,,,,
    001_….txt,浙江工人日报,2023-05-04,1,要闻,scans/2023-05-04-01.jpg

Empty cells mean "not known": the date is then estimated from the text and the page gets the next
free number in its issue, both marked as estimates. The optional ``image`` column names a picture
of the printed page, relative to the manifest's folder (checked by ``page_images.py``); an empty
cell keeps whatever image the page already has. Errors name the manifest file and line.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError
from .page_images import PageImage, check_page_image

DEFAULT_NEWSPAPER = "浙江工人日报"
MANIFEST_NAME = "manifest.csv"
COLUMNS = ("file", "newspaper", "date", "page", "page_name", "image")
MAX_PAGE_NUMBER = 2_147_483_647  # Page.number is a PositiveIntegerField: 32 bits on PostgreSQL


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    newspaper: str = DEFAULT_NEWSPAPER
    date: datetime.date | None = None
    page: int | None = None
    page_name: str = ""
    image: PageImage | None = None
    where: str = ""  # "manifest.csv:3", for messages


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Entries by file name; raises ``IngestError`` naming ``path:line`` for any bad row."""
    if not path.is_file():
        raise IngestError(f"{path}: manifest not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(f"{path}: manifest is not UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
    if missing:
        raise IngestError(f"{path}:1: manifest header must name the columns {', '.join(COLUMNS)}")
    entries: dict[str, ManifestEntry] = {}
    for row in reader:
        line = reader.line_num
        where = f"{path}:{line}"
        name = (row.get("file") or "").strip()
        if not name:
            raise IngestError(f"{where}: empty file name")
        if name in entries:
            raise IngestError(f"{where}: {name} is listed twice (first at {entries[name].where})")
        entry = ManifestEntry(
            file=name,
            newspaper=(row.get("newspaper") or "").strip() or DEFAULT_NEWSPAPER,
            date=_parse_date(row.get("date"), where, name),
            page=_parse_page(row.get("page"), where, name),
            page_name=(row.get("page_name") or "").strip(),
            image=_page_image(row.get("image"), path.parent, where, name),
            where=where,
        )
        check_fits(entry, where)
        entries[name] = entry
    return entries


def column_limits() -> dict[str, int]:
    """How many characters the archive keeps for each manifest field (read from the models, so the
    check follows the columns: PostgreSQL refuses a longer value, SQLite would store it silently)."""
    from articles.models import Newspaper, Page

    return {
        "file": Page._meta.get_field("source_name").max_length,
        "newspaper": Newspaper._meta.get_field("name").max_length,
        "page_name": Page._meta.get_field("name").max_length,
    }


def check_fits(entry: ManifestEntry, where: str) -> None:
    """Refuse, before anything is written, a value longer than its column or a page number larger
    than the database's integer column holds."""
    for field, limit in column_limits().items():
        value = getattr(entry, field)
        if len(value) > limit:
            raise IngestError(f"{where}: {field} of {entry.file[:40]} is {len(value)} characters long; "
                              f"the archive keeps at most {limit} — shorten it")
    if entry.page is not None and entry.page > MAX_PAGE_NUMBER:
        raise IngestError(f"{where}: page number {entry.page} for {entry.file} is too large "
                          f"(at most {MAX_PAGE_NUMBER})")


def _parse_date(value: str | None, where: str, name: str) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"{where}: bad date {value!r} for {name} (expected YYYY-MM-DD)") from None


def _page_image(value: str | None, folder: Path, where: str, name: str) -> PageImage | None:
    value = (value or "").strip()
    return check_page_image(value, folder, where, name) if value else None


def _parse_page(value: str | None, where: str, name: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise IngestError(f"{where}: bad page number {value!r} for {name} (expected 1, 2, 3…)")
    return int(value)
