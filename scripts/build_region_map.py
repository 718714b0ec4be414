#!/usr/bin/env python
"""Regenerate articles/fixtures/zhejiang_map.json: SVG outlines of Zhejiang's 11 cities.

Source: the map of Zhejiang that the npm package echarts 4.9.0 ships (map/json/province/
zhejiang.json; package licence Apache-2.0). Prefecture boundaries have not changed since it was
drawn; county outlines are not used (that map predates 临平区 and 钱塘区). Its coordinates are in
echarts' compact "UTF8Encoding"; they are decoded here, projected (equirectangular, x scaled by
cos(latitude)), simplified and written as SVG path data, so the /regions/ page draws the map as
inline SVG with no JavaScript and no runtime dependency.

Usage:  .venv/bin/python scripts/build_region_map.py [--geojson PATH]   (default: npm pack echarts@4.9.0)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "articles" / "fixtures" / "zhejiang_map.json"
PACKAGE = "echarts@4.9.0"
MEMBER = "package/map/json/province/zhejiang.json"
WIDTH = 600.0  # SVG user units across the province
TOLERANCE = 0.8  # simplification tolerance, in SVG units


def fetch_geojson(target: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=target, check=True, capture_output=True)
    (tarball,) = target.glob("echarts-*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(target, members=[archive.getmember(MEMBER)], filter="data")
    return target / MEMBER


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


def centroid(ring: list[tuple[float, float]], project) -> tuple[float, float]:
    """Area centroid of a ring in SVG units: where the city's label goes."""
    points = [project(x, y) for x, y in ring]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (3 * area), cy / (3 * area)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--geojson", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = json.loads((args.geojson or fetch_geojson(Path(tmp))).read_text(encoding="utf-8"))
    scale = float(data.get("UTF8Scale", 1024))
    features = [(f["id"], f["properties"], polygons(f, scale)) for f in data["features"]]
    lons = [x for _, _, polys in features for poly in polys for ring in poly for x, _ in ring]
    lats = [y for _, _, polys in features for poly in polys for ring in poly for _, y in ring]
    min_lon, max_lat = min(lons), max(lats)
    kx = math.cos(math.radians((min(lats) + max_lat) / 2))
    factor = WIDTH / ((max(lons) - min_lon) * kx)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_lon) * kx * factor, (max_lat - lat) * factor

    cities = []
    for code, properties, polys in features:
        parts = []
        for poly in polys:
            for ring in poly:
                projected = simplify([project(x, y) for x, y in ring], TOLERANCE)
                if len(projected) >= 3:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
        label_x, label_y = centroid(max((ring for poly in polys for ring in poly), key=len), project)
        cities.append({"code": code, "name": properties["name"], "path": "".join(parts),
                       "label": [round(label_x, 1), round(label_y, 1)]})
    height = (max_lat - min(lats)) * factor
    OUTPUT.write_text(json.dumps({
        "source": f"{PACKAGE} {MEMBER} (Apache-2.0), via scripts/build_region_map.py",
        "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}", "cities": cities,
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
