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


def read_source(path: Path) -> SourceFile:
    """Read ``path`` as UTF-8 text (a leading BOM is allowed and dropped)."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a regular file")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
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


def guess_encoding(data: bytes) -> str:
    """charset-normalizer's best guess, named the way Chinese users know it (GB18030, Big5…)."""
    best = from_bytes(data).best()
    if best is None:
        return "an unknown encoding"
    name = best.encoding.lower().replace("_", "")
    if name in {"gb2312", "gbk", "gb18030", "hz"}:
        return "GB18030 (GBK)"
    return best.encoding.upper().replace("_", "-")
