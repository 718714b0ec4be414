"""Whoosh's segment files read in place from their memory map, instead of copied into each reader.

Whoosh opens every file inside a compound segment (``.seg``) as ``BufferFile(view)``, ``view`` a
memoryview of the segment's mmap, and ``BufferFile.__init__`` wraps the view in ``io.BytesIO`` —
which copies it. So every reader of every segment held a private copy of its files, made again at
every refresh. Measured at 300,000 articles (12 segments of ~230 MB): opening a searcher took
1.06 s and left the process at 4.4 GB resident (every gunicorn worker, and the index worker, each
holding its own copy), and the two reopenings that follow an edit (the writer's, to delete the
old document; the searcher's refresh) cost 1.8 s of the 3.8 s until the edit was findable.

``install()`` replaces that ``BytesIO`` with :class:`MappedReader`, a file object over the same
view: bytes are copied only as they are read, and the pages stay shared with the page cache and
every other process. Why by hand: the standard library has no seekable reader over a memoryview
that does not copy it (``BytesIO`` copies anything but ``bytes``), and mmap sub-ranges cannot
start at the unaligned offsets of a compound file's parts.

This relies on whoosh internals (``BufferFile`` keeps the view in ``_buf`` and its file object in
``file``); whoosh is pinned (pyproject.toml) and ``internals_problems`` (system check
``articles.search.E003``) fails loudly if they change.
"""

from __future__ import annotations

import inspect


class MappedReader:
    """A read-only, seekable binary file over a buffer (a memoryview of an mmap), without copying."""

    __slots__ = ("_view", "_pos", "closed")

    def __init__(self, buf) -> None:
        self._view = memoryview(buf)
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        start, length = self._pos, len(self._view)
        end = length if size is None or size < 0 else min(start + size, length)
        self._pos = max(start, end)
        return bytes(self._view[start:end])

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        end = self._pos
        while end < limit and self._view[end] != 10:  # b"\n"
            end += 1
        return self.read(min(end + 1, limit) - self._pos)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self.closed = True
        self._view = memoryview(b"")  # let the mmap be closed


def _mapped_init(self, buf, name=None, onclose=None):
    _original_init(self, b"", name=name, onclose=onclose)  # every other attribute as whoosh sets it
    self._buf = buf
    self.file = MappedReader(buf)


_original_init = None


def install() -> None:
    """Make ``whoosh.filedb.structfile.BufferFile`` read its buffer in place (idempotent)."""
    global _original_init
    from whoosh.filedb.structfile import BufferFile

    if BufferFile.__init__ is not _mapped_init and not internals_problems():
        _original_init = BufferFile.__init__
        BufferFile.__init__ = _mapped_init


def internals_problems() -> list[str]:
    """What :func:`install` needs from whoosh and cannot find ([] when all is well)."""
    from whoosh.filedb.structfile import BufferFile

    if BufferFile.__init__ is _mapped_init:
        source = inspect.getsource(_original_init)
    else:
        source = inspect.getsource(BufferFile.__init__)
    problems = [f"BufferFile.__init__ no longer sets {text}" for text in ("self._buf = buf", "self.file = BytesIO(buf)")
                if text not in source]
    if "self._buf" not in inspect.getsource(BufferFile.get):
        problems.append("BufferFile.get no longer reads self._buf")
    return problems
