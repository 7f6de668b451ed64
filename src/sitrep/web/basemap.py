"""Build the shipped basemap: world-atlas TopoJSON (countries-110m.json) -> compact GeoJSON.

Run once by hand when updating the basemap::

    python -m sitrep.web.basemap /tmp/package/countries-110m.json src/sitrep/web/static/countries-110m.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def arc_points(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a TopoJSON topology as absolute points: delta-decoded and transformed when the topology
    is quantised, as written otherwise."""
    tf = topo.get("transform")
    if not tf:
        return [[(p[0], p[1]) for p in arc] for arc in topo["arcs"]]
    (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts: list[tuple[float, float]] = []
        for p in arc:
            x += p[0]
            y += p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    return [[(round(x, 2), round(y, 2)) for x, y in arc] for arc in arc_points(topo)]


def _ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[list[float]]:
    out: list[list[float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        if out:
            pts = pts[1:]
        out.extend([list(p) for p in pts])
    return out


def topojson_to_geojson(topo: dict[str, Any], obj: str = "countries") -> dict[str, Any]:
    arcs = _decode_arcs(topo)
    feats = []
    for g in topo["objects"][obj]["geometries"]:
        if g.get("type") == "Polygon":
            coords: Any = [[_ring(arcs, r) for r in g["arcs"]]]
        elif g.get("type") == "MultiPolygon":
            coords = [[_ring(arcs, r) for r in poly] for poly in g["arcs"]]
        else:
            continue
        feats.append(
            {
                "type": "Feature",
                "id": g.get("id"),
                "properties": {"name": (g.get("properties") or {}).get("name")},
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": feats}


if __name__ == "__main__":  # pragma: no cover - build helper
    src, dst = sys.argv[1], sys.argv[2]
    gj = topojson_to_geojson(json.loads(Path(src).read_text()))
    Path(dst).write_text(json.dumps(gj, separators=(",", ":")))
    print(f"{len(gj['features'])} countries -> {dst}")
