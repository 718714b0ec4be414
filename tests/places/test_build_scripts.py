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


def test_committed_county_maps_cover_every_county_without_overlapping_labels():
    """Each city's counties: drawn (and a real region) or named as too new for the base map, never
    both and never neither; labels that are drawn do not cover each other."""
    region_map = load_script("build_region_map")
    regions = json.loads((ROOT / "articles" / "fixtures" / "regions_zhejiang.json").read_text(encoding="utf-8"))["regions"]
    committed = json.loads(region_map.COUNTY_OUTPUT.read_text(encoding="utf-8"))["cities"]
    cities = [r for r in regions if r["level"] == "city"]
    assert sorted(committed) == sorted(c["code"] for c in cities)
    for city in cities:
        counties = {r["code"]: r for r in regions if r["level"] == "county" and r["parent"] == city["code"]}
        drawn = [c["code"] for c in committed[city["code"]]["counties"]]
        not_drawn = [c["code"] for c in committed[city["code"]]["not_drawn"]]
        assert sorted(drawn + not_drawn) == sorted(counties), city["name"]
        boxes = [region_map.label_box(c["label"], len(counties[c["code"]]["short_name"]))
                 for c in committed[city["code"]]["counties"] if c["label"]]
        assert boxes, city["name"]
        assert not any(region_map.overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), city["name"]


def test_city_map_scripts_are_read_without_running_them():
    region_map = load_script("build_region_map")
    script = ("(function (root, factory) {…}(this, function (exports, echarts) {echarts.registerMap('湖州', "
              '{"type":"FeatureCollection","features":[]});}));')
    assert region_map.registered_map(script) == {"type": "FeatureCollection", "features": []}
    with pytest.raises(SystemExit, match="registerMap"):
        region_map.registered_map("module.exports = {}")


def test_a_county_the_regions_do_not_know_stops_the_build():
    region_map = load_script("build_region_map")
    square = "@@" + "BA" * 2  # any ring will do: the mapping is checked before anything is drawn
    data = {"UTF8Encoding": True, "features": [
        {"id": "330599", "properties": {"name": "虚构县"},
         "geometry": {"type": "Polygon", "coordinates": [square], "encodeOffsets": [[120000, 30000]]}}]}
    with pytest.raises(SystemExit, match="虚构县"):
        region_map.city_county_map(data, {"330502": "吴兴区"}, {"330502": "吴兴"})
