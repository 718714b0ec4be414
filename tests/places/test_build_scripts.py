"""The pieces of the generator scripts that a change of source data could break (no network)."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gazetteer():
    return load_script("build_gazetteer")


@pytest.mark.parametrize("name, short", [
    ("景宁畲族自治县", "景宁"), ("义乌市", "义乌"), ("临安区", "临安"), ("城区", "城区"),
])
def test_county_short_names(gazetteer, name, short):
    assert gazetteer.short_name(name, gazetteer.COUNTY_SUFFIX) == short


@pytest.mark.parametrize("name, short", [
    ("高虹镇", "高虹"), ("丹西街道", "丹西"), ("柳城畲族镇", "柳城"), ("七里乡", "七里"),
    ("临夏回族自治州", "临夏"), ("恩施土家族苗族自治州", "恩施"),
])
def test_town_and_prefecture_short_names(gazetteer, name, short):
    suffix = gazetteer.CITY_SUFFIX if name.endswith("州") else gazetteer.TOWN_SUFFIX
    assert gazetteer.short_name(name, suffix) == short


def test_slug_collisions_take_the_parent_slug(gazetteer):
    regions = [
        {"code": "330000", "name": "浙江省", "short_name": "浙江", "level": "province", "parent": None},
        {"code": "330100", "name": "杭州市", "short_name": "杭州", "level": "city", "parent": "330000"},
        {"code": "330102", "name": "上城区", "short_name": "上城", "level": "county", "parent": "330100"},
        {"code": "330105", "name": "拱墅区", "short_name": "拱墅", "level": "county", "parent": "330100"},
        {"code": "330102001", "name": "城东街道", "short_name": "城东", "level": "town", "parent": "330102"},
        {"code": "330105001", "name": "城东街道", "short_name": "城东", "level": "town", "parent": "330105"},
    ]
    gazetteer.assign_slugs(regions)
    assert [r["slug"] for r in regions] == ["zhejiang", "hangzhou", "shangcheng", "gongshu",
                                            "chengdongjiedao", "gongshu-chengdongjiedao"]


def test_map_decoding_and_committed_map():
    region_map = load_script("build_region_map")
    # echarts' encoding of two points: offsets (1024, 2048) then deltas (+1, -1) → /1024
    ring = region_map.decode_ring("@@BA", [1024, 2048], 1024.0)
    assert ring == [(1.0, 2.0), (1025 / 1024, 2047 / 1024)]
    committed = json.loads((ROOT / "articles" / "fixtures" / "zhejiang_map.json").read_text(encoding="utf-8"))
    assert sorted(c["code"] for c in committed["cities"]) == [f"33{n:02d}00" for n in range(1, 12)]
    assert all(c["path"].startswith("M") and c["path"].endswith("Z") for c in committed["cities"])
