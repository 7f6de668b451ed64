"""GeoJSON: a FeatureCollection with one Point feature per event that has a place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import OutputRecord
from .common import iter_events


def geojson(docs: Iterable[OutputRecord]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point feature per event that has a place."""
    features = []
    for d, e in iter_events(docs):
        place = e.get("place")
        if not place or place.get("lat") is None or place.get("lon") is None:
            continue
        props = {k: v for k, v in e.items() if k not in {"place"}}
        props["place_name"] = place.get("name")
        props["country_code"] = place.get("country_code")
        props["admin1_code"] = place.get("admin1_code")
        props["document_id"] = d.get("id")
        features.append({
            "type": "Feature",
            "id": e["id"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}
