"""Exports over contract documents (`sitrep.document/1` dicts): PLOVER JSON, ACLED-style CSV, GeoJSON.

Every function takes an iterable of contract document dicts (as written by `sitrep extract`, or as
returned by the store) so that the CLI, the store and the API share one implementation.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from typing import IO, Any

# ACLED's data columns, in the codebook's order (Table 1 of the ACLED codebook).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
]

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# PLOVER quad categories (manual, "Summary of event categories")
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def iter_events(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, event) pairs, skipping error records."""
    for d in docs:
        if "error" in d:
            continue
        for e in d.get("events") or []:
            yield d, e


def _names(refs: list[dict[str, Any]] | None) -> list[str]:
    return [r.get("name") or r.get("id") or "" for r in refs or []]


def _sources(d: dict[str, Any], e: dict[str, Any]) -> list[dict[str, Any]]:
    """The articles an event was read from: the store adds `sources`; a single document is its own."""
    return e.get("sources") or [{"id": d.get("id"), "url": d.get("url"), "source": d.get("source")}]


# ----------------------------------------------------------------------------------------------- PLOVER
def plover_records(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER JSON records (manual table "PLOVER JSON"), one per event that has a PLOVER type."""
    for d, e in iter_events(docs):
        p = e.get("plover")
        if not p:
            continue
        date = e.get("date") or {}
        place = e.get("place")
        rec: dict[str, Any] = {
            "id": e["id"],
            "date": date.get("start"),
            "enddate": date.get("end") if date.get("end") != date.get("start") else None,
            "actor": [_entity(a, d) for a in e.get("actor") or []],
            "recipient": [_entity(a, d) for a in e.get("recipient") or []],
            "event": [p["event"]],
            "mode": [p["mode"]] if p.get("mode") else [],
            "context": list(p.get("context") or []),
            "quad_code": QUAD.get(p["event"]),
            "event_loc": _plover_loc(place) if place else None,
            "event_text": [ev.get("text") for ev in e.get("evidence") or []],
            "dead": (e.get("magnitude") or {}).get("killed"),
            "injured": (e.get("magnitude") or {}).get("injured"),
            "arrested": (e.get("magnitude") or {}).get("arrested"),
            "cite_info": {"doc_id": d.get("id"), "url": d.get("url"), "source": d.get("source"),
                          "published": d.get("published")},
            "coder": "sitrep",
            # sitrep's own fields (the manual allows named fields beyond its table)
            "timeframe": e.get("timeframe"),
            "status": e.get("status"),
            "claims": e.get("claims") or [],
            "confidence": e.get("confidence"),
        }
        yield rec


def _entity(ref: dict[str, Any], d: dict[str, Any]) -> dict[str, Any]:
    actor = next((a for a in d.get("actors") or [] if a.get("id") == ref.get("id")), {})
    return {"name": ref.get("name"), "id": ref.get("id"), "country": actor.get("country"), "type": actor.get("kind")}


def _plover_loc(place: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": place.get("name"), "geonameid": place.get("geonameid"), "lat": place.get("lat"),
        "lon": place.get("lon"), "countryCode": place.get("country_code"), "admin1Code": place.get("admin1_code"),
        "admin1Name": place.get("admin1_name"), "featureType": place.get("kind"),
    }


# ------------------------------------------------------------------------------------------------ ACLED
def acled_rows(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """ACLED-style rows (ACLED's column names) for every event with an ACLED type."""
    for d, e in iter_events(docs):
        a = e.get("acled")
        if not a:
            continue
        date = e.get("date") or {}
        place = e.get("place") or {}
        actors, recipients = _names(e.get("actor")), _names(e.get("recipient"))
        country = _country(place.get("country_code"))
        start = date.get("start") or ""
        claims = e.get("claims") or []
        notes = " ".join(ev.get("text", "") for ev in e.get("evidence") or [])
        if claims:
            notes += " [" + "; ".join(
                f"{(c.get('source') or {}).get('name') or c.get('speaker') or 'unattributed'} {c.get('stance')}"
                + (f" via {c['channel']}" if c.get("channel") else "")
                for c in claims
            ) + "]"
        yield {
            "event_id_cnty": e["id"],
            "event_date": start if len(start) == 10 else "",
            "year": start[:4],
            "time_precision": {"day": 1, "week": 2, "month": 3}.get(date.get("precision") or "", ""),
            "disorder_type": DISORDER.get(a["event_type"], ""),
            "event_type": a["event_type"],
            "sub_event_type": a["sub_event_type"],
            "actor1": actors[0] if actors else "",
            "assoc_actor_1": "; ".join(actors[1:]),
            "inter1": "",
            "actor2": recipients[0] if recipients else "",
            "assoc_actor_2": "; ".join(recipients[1:]),
            "inter2": "",
            "interaction": "",
            "civilian_targeting": "Civilians targeted" if a["event_type"] == "Violence against civilians" else "",
            "iso": country.numeric if country else "",
            "region": "",
            "country": country.name if country else "",
            "admin1": place.get("admin1_name") or "",
            "admin2": "",
            "admin3": "",
            "location": place.get("name") or "",
            "latitude": f"{place['lat']:.4f}" if place.get("lat") is not None else "",
            "longitude": f"{place['lon']:.4f}" if place.get("lon") is not None else "",
            "geo_precision": {"populated_place": 1, "landmark": 1, "admin2": 2, "admin1": 3}.get(place.get("kind"), 3)
            if place else "",
            "source": "; ".join(str(s.get("source") or s.get("url") or s.get("id")) for s in _sources(d, e)),
            "source_scale": "",
            "notes": notes.strip(),
            "fatalities": (e.get("magnitude") or {}).get("killed") or 0,
            "tags": "; ".join(x for x in (f"status: {e.get('status')}", f"timeframe: {e.get('timeframe')}") if x),
            "timestamp": "",
        }


def write_acled_csv(docs: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write ACLED-style CSV with a header; returns the number of rows."""
    w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for row in acled_rows(docs):
        w.writerow({k: _safe_cell(v) for k, v in row.items()})
        n += 1
    return n


def _safe_cell(v: Any) -> Any:
    """Neutralise a text cell a spreadsheet would run as a formula; numbers stay numbers."""
    if not isinstance(v, str) or not v or v[0] not in "=+-@\t\r":
        return v
    try:
        float(v)
    except ValueError:
        return "'" + v
    return v


@functools.lru_cache(maxsize=512)
def _country(alpha2: str | None) -> Any:
    if not alpha2:
        return None
    import pycountry

    return pycountry.countries.get(alpha_2=alpha2)


# ---------------------------------------------------------------------------------------------- GeoJSON
def geojson(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
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
