"""Bad input: one clear line naming the file (and line), a non-zero exit, the database untouched."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from unionarchive.scratch_database import scratch_database

from .helpers import import_logs, snapshot

pytestmark = pytest.mark.django_db

GOOD_TEXT = "某市总工会开展活动\n\n本报讯 记者甲某报道 今天是个好日子。\n"


def refused(*args, **options) -> str:
    before, logs = snapshot(), import_logs()
    with pytest.raises(CommandError) as error:
        call_command("import_pages", *map(str, args), verbosity=0, **options)
    assert snapshot() == before and import_logs() == logs
    message = str(error.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    assert str(missing) in refused(missing)


def test_empty_file(tmp_path):
    empty = tmp_path / "930_empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    assert "930_empty.txt" in refused(empty) and "empty" in refused(empty)


def test_binary_file(tmp_path):
    binary = tmp_path / "931_binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    message = refused(binary)
    assert "931_binary.txt" in message and "binary" in message


def test_non_utf8_file_names_the_likely_encoding(tmp_path, seeds_dir):
    gb = tmp_path / "932_gb.txt"
    gb.write_bytes((seeds_dir / "001_6b7b81ac05678b0b.txt").read_text(encoding="utf-8").encode("gb18030"))
    message = refused(gb)
    assert "932_gb.txt" in message and "UTF-8" in message and "GB18030" in message
    assert ":3:" in message  # the first non-UTF-8 byte is on line 3


def test_manifest_with_a_bad_date_names_manifest_and_line(tmp_path):
    (tmp_path / "933_ok.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "934_ok.txt").write_text(GOOD_TEXT + "另一段。\n", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,newspaper,date,page,page_name\n933_ok.txt,浙江工人日报,2024-05-06,1,\n"
                        "934_ok.txt,浙江工人日报,2024-13-45,2,\n", encoding="utf-8")
    message = refused(tmp_path)
    assert f"{manifest}:3" in message and "2024-13-45" in message
    assert f"{manifest}:3" in refused(tmp_path / "933_ok.txt", manifest=manifest)


def test_one_bad_file_among_several_imports_nothing(tmp_path):
    (tmp_path / "935_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "936_bad.txt").write_bytes("某市总工会开展活动".encode("gb18030"))
    message = refused(tmp_path)
    assert "936_bad.txt" in message


def test_command_line_exit_status_is_non_zero(tmp_path):
    with scratch_database(tmp_path) as database_url:
        env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
        result = subprocess.run([sys.executable, "manage.py", "import_pages", str(tmp_path / "missing.txt")],
                                cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing.txt" in lines[0] and lines[0].startswith("CommandError:")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.IMPORT_MAX_PAGE_KB = 64
    big = tmp_path / "937_big.txt"
    big.write_text(GOOD_TEXT + "一段正文。\n" * 20_000, encoding="utf-8")
    message = refused(big)
    assert "937_big.txt" in message and "64 KB" in message and "--max-page-kb" in message
    assert "937_big.txt" in refused(big, max_page_kb=32)


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16LE (with a byte-order mark)"),
                                             ("utf-16-be", "UTF-16BE"), ("utf-16-le", "UTF-16LE")])
def test_utf16_file_is_named_with_how_to_convert(tmp_path, encoding, named):
    page = tmp_path / "938_utf16.txt"
    page.write_bytes(GOOD_TEXT.encode(encoding))
    message = refused(page)
    assert "938_utf16.txt" in message and named in message and "binary" not in message
    assert "iconv -f UTF-16" in message and "-t UTF-8" in message


@pytest.mark.parametrize("column, value, field", [
    ("page_name", "很长的版名" * 20, "page_name"),
    ("newspaper", "报" * 101, "newspaper"),
])
def test_manifest_value_longer_than_its_column_is_refused(tmp_path, column, value, field):
    (tmp_path / "939_ok.txt").write_text(GOOD_TEXT, encoding="utf-8")
    row = {"file": "939_ok.txt", "newspaper": "浙江工人日报", "date": "2024-05-06", "page": "1", "page_name": ""}
    row[column] = value
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,newspaper,date,page,page_name\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    message = refused(tmp_path)
    assert f"{manifest}:2" in message and field in message and "at most" in message


def test_manifest_page_number_too_large_for_the_column(tmp_path):
    (tmp_path / "940_ok.txt").write_text(GOOD_TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,newspaper,date,page,page_name\n940_ok.txt,浙江工人日报,2024-05-06,99999999999,\n",
                        encoding="utf-8")
    assert f"{manifest}:2" in refused(tmp_path)
