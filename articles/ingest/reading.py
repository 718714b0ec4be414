"""Reading a page file: bytes → text, refusing what is not a UTF-8 text file.

The archive keeps the decoded text verbatim (``Page.raw_text``) and its sha256 (of the bytes), so a
re-import of the same file can be recognised and skipped.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import IngestError


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


def read_source(path: Path, max_bytes: int | None = None) -> SourceFile:
    """Read ``path`` as UTF-8 text (a leading BOM is allowed and dropped); refuse files larger than
    ``max_bytes`` before reading them."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a regular file")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            f"{path}: {size / 1024:,.0f} KB is larger than the {max_bytes / 1024:,.0f} KB allowed for one page "
            "(a real page is 10–40 KB); split the file, or raise the limit with --max-page-kb / IMPORT_MAX_PAGE_KB"
        )
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    utf16 = _utf16_kind(data)
    if utf16:
        raise IngestError(
            f"{path}: the file is {utf16}, not UTF-8; convert it first, e.g. "
            f"iconv -f {utf16.split()[0]} -t UTF-8 {path.name} > {path.stem}.utf8.txt"
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        raise IngestError(f"{path}:{line}: binary file (NUL byte at offset {offset}), not a text page")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise IngestError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            f"it looks like {guess_encoding(data)} — convert it to UTF-8 first"
        ) from None
    if not text.strip():
        raise IngestError(f"{path}: the file has no text")
    return SourceFile(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


def _utf16_kind(data: bytes) -> str:
    """'UTF-16LE' / 'UTF-16BE' (with or without a byte-order mark), else ''. Chinese text in UTF-16
    has a NUL in every other byte only where ASCII (newlines, digits) stands, so the BOM or the
    position of the NULs of line breaks decides, and the whole file must then decode."""
    if data.startswith(b"\xff\xfe"):
        candidates = ["UTF-16LE"]
    elif data.startswith(b"\xfe\xff"):
        candidates = ["UTF-16BE"]
    elif len(data) % 2 == 0 and (b"\n\x00" in data or b"\x00\n" in data):
        candidates = ["UTF-16LE"] if data.count(b"\n\x00") >= data.count(b"\x00\n") else ["UTF-16BE"]
    else:
        return ""
    for name in candidates:
        try:
            data.decode(name.lower().replace("utf-16", "utf-16-"))
        except UnicodeDecodeError:
            continue
        return name + (" (with a byte-order mark)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "")
    return ""


def guess_encoding(data: bytes) -> str:
    """charset-normalizer's best guess, named the way Chinese users know it (GB18030, Big5…)."""
    best = from_bytes(data).best()
    if best is None:
        return "an unknown encoding"
    name = best.encoding.lower().replace("_", "")
    if name in {"gb2312", "gbk", "gb18030", "hz"}:
        return "GB18030 (GBK)"
    return best.encoding.upper().replace("_", "-")
