"""Whoosh's segment files are read in place from their memory map (``articles.search.mapped_files``):
a reader holds no copy of them (at 300,000 articles the copies were 4.4 GB per process and 1.8 s of
every edit's way to being findable), and reads what ``io.BytesIO`` would."""

import io

import pytest

from articles.search import mapped_files
from articles.search.mapped_files import MappedReader

DATA = b"first line\nsecond\n\x00\x01\x02binary\nlast"


def test_the_reader_reads_seeks_and_splits_lines_as_bytesio_does():
    ours, theirs = MappedReader(memoryview(DATA)), io.BytesIO(DATA)
    steps = [("read", 5), ("tell",), ("readline",), ("seek", 3), ("read", 4), ("seek", -4, 2), ("read", -1),
             ("read", 10), ("seek", 2, 0), ("seek", 6, 1), ("readline", 3), ("tell",), ("seek", 0), ("read",)]
    for name, *args in steps:
        assert getattr(ours, name)(*args) == getattr(theirs, name)(*args), (name, args)
    ours.seek(0)
    assert list(ours) == list(io.BytesIO(DATA))
    ours.seek(11)
    target = bytearray(6)
    assert ours.readinto(target) == 6 and bytes(target) == DATA[11:17]


@pytest.mark.django_db
def test_a_search_index_reads_its_segments_in_place(search_index):
    from whoosh.filedb.structfile import BufferFile

    from articles.search.service import search
    from articles.search.store import open_index

    opened = []
    original = BufferFile.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        opened.append(self)

    BufferFile.__init__ = spy
    try:
        reader = open_index().reader()  # every segment opened afresh
        reader.close()
    finally:
        BufferFile.__init__ = original
    assert opened and all(isinstance(f.file, MappedReader) for f in opened)
    assert search("劳模", per_page=5).total > 0


def test_the_whoosh_internals_it_relies_on_are_there():
    assert mapped_files.internals_problems() == []


@pytest.mark.parametrize("size", [0, 1, 4096])
def test_reading_past_the_end_gives_nothing(size):
    reader = MappedReader(memoryview(b"x" * size))
    reader.seek(size + 10)
    assert reader.read() == b"" and reader.read(5) == b"" and reader.readline() == b""
