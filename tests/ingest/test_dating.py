"""Issue dates: from the manifest when known, else estimated from the text and marked so."""

import datetime

import pytest
from django.core.management import call_command

from articles.ingest.dating import estimate_year, read_evidence
from articles.models import FlagCode, Page

from .helpers import page_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix, year", [("000", 2024), ("001", 2022), ("002", 2024), ("003", 2023), ("004", 2024)])
def test_estimated_years_of_the_seeds(prefix, year):
    page = page_for(prefix)
    assert page.issue.date.year == year
    assert page.issue.date_is_estimated
    assert page.number_is_estimated and page.number >= 1
    flag = page.flags.get(code=FlagCode.ESTIMATED_DATE)
    assert str(year) in flag.message


def test_late_2023_page_is_dated_august_or_later():
    assert page_for("003").issue.date >= datetime.date(2023, 8, 1)


def test_newspaper_from_the_manifest():
    assert {p.issue.newspaper.name for p in Page.objects.all()} == {"浙江工人日报"}


def test_target_years_are_not_the_page_year():
    evidence = read_evidence("力争到2025年建成20家。早在2020年就已成立。2022年度合同。")
    assert evidence.targets == [2025] and evidence.since == [2020] and evidence.reported == [2022]
    assert estimate_year(evidence, [], 2030)[0] == 2022


def test_counts_are_not_years():
    assert read_evidence("采纳2000余个,奖励2000元,2000人次").reported == []
    assert read_evidence("2023衢州市职工好声音").reported == [2023]


def test_banner_peers_decide_when_the_text_only_bounds_the_year():
    evidence = read_evidence("2022年起调研。去年年中提出方案,到2025年全覆盖。")
    assert estimate_year(evidence, [2024], 2030)[0] == 2024
    assert estimate_year(evidence, [2019], 2030)[0] == 2023  # a peer outside the bounds is ignored
    assert estimate_year(read_evidence("没有年份。"), [], 2030)[0] == 2030


def test_manifest_date_and_page_number_are_used(tmp_path):
    page = tmp_path / "910_dated.txt"
    page.write_text("某市总工会开展活动\n\n本报讯 记者甲某报道 2019年的一天。\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,newspaper,date,page,page_name\n910_dated.txt,浙江工人日报,2024-05-06,3,工会\n", encoding="utf-8")
    call_command("import_pages", str(tmp_path), verbosity=0)
    imported = Page.objects.get(source_name="910_dated.txt")
    assert imported.issue.date == datetime.date(2024, 5, 6) and not imported.issue.date_is_estimated
    assert (imported.number, imported.number_is_estimated, imported.name) == (3, False, "工会")
    assert not imported.flags.filter(code=FlagCode.ESTIMATED_DATE).exists()


def test_two_files_claiming_one_page_number_are_refused_before_writing(tmp_path):
    for name in ("911_a.txt", "912_b.txt"):
        (tmp_path / name).write_text(f"某市总工会开展活动{name}\n\n本报讯 记者甲某报道 正文。\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,newspaper,date,page,page_name\n911_a.txt,浙江工人日报,2024-05-06,2,\n"
        "912_b.txt,浙江工人日报,2024-05-06,2,\n", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="manifest.csv:3"):
        call_command("import_pages", str(tmp_path), verbosity=0)
    assert not Page.objects.filter(source_name__in=["911_a.txt", "912_b.txt"]).exists()


def test_force_with_a_manifest_date_moves_the_page_and_drops_the_empty_estimate(tmp_path, seeds_dir):
    import shutil

    from articles.models import Issue

    name = "003_4ed376b52a461a53.txt"
    old_issue = page_for("003").issue
    shutil.copy(seeds_dir / name, tmp_path / name)
    with (tmp_path / name).open("a", encoding="utf-8") as stream:
        stream.write("\n")
    (tmp_path / "manifest.csv").write_text(
        f"file,newspaper,date,page,page_name\n{name},浙江工人日报,2023-10-30,4,要闻\n", encoding="utf-8")
    call_command("import_pages", str(tmp_path), force=True, verbosity=0)
    page = page_for("003")
    assert page.issue.date == datetime.date(2023, 10, 30) and not page.issue.date_is_estimated
    assert (page.number, page.name) == (4, "要闻")
    assert not Issue.objects.filter(pk=old_issue.pk).exists()
