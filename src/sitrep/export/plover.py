"""PLOVER JSON records (the PLOVER manual's "PLOVER JSON" table), one per event with a PLOVER type."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..records import ActorRef, DateRecord, DocumentRecord, OutputRecord, PlaceRecord
from .common import iter_events

# PLOVER quad categories (manual, "Summary of event categories")
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def plover_records(docs: Iterable[OutputRecord]) -> Iterator[dict[str, Any]]:
    """PLOVER JSON records (manual table "PLOVER JSON"), one per event that has a PLOVER type."""
    for d, e in iter_events(docs):
        p = e.get("plover")
        if not p:
            continue
        date: Mapping[str, Any] = e.get("date") or {}
        place = e.get("place")
        day, endday = plover_dates(date)
        rec: dict[str, Any] = {
            "id": e["id"],
            "date": day,
            "enddate": endday,
            "date_precision": date.get("precision"),
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


def _bounds(value: str) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a TimeML calendar value: "2021-09-06", "2021-W36", "2021-08", "2021"."""
    try:
        if len(value) == 10:
            d = _dt.date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            y, w = int(value[:4]), int(value[6:8])
            return _dt.date.fromisocalendar(y, w, 1), _dt.date.fromisocalendar(y, w, 7)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:7])
            nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
            return _dt.date(y, m, 1), nxt - _dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return _dt.date(int(value), 1, 1), _dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def plover_dates(date: DateRecord | Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """(date, enddate) as the PLOVER manual's JSON table requires them: YYYY-MM-DD. An event dated to a
    week, month or year runs from the period's first day (`date`) to its last (`enddate`); `enddate` is
    null for a single day. (None, None) when the event has no calendar date."""
    if not date or not date.get("start"):
        return None, None
    first = _bounds(str(date["start"]))
    last = _bounds(str(date.get("end") or date["start"]))
    if first is None:
        return None, None
    lo, hi = first[0], (last or first)[1]
    return lo.isoformat(), (hi.isoformat() if hi != lo else None)


def _entity(ref: ActorRef, d: DocumentRecord) -> dict[str, Any]:
    actor: Mapping[str, Any] = next((a for a in d.get("actors") or [] if a.get("id") == ref.get("id")), {})
    return {"name": ref.get("name"), "id": ref.get("id"), "country": actor.get("country"), "type": actor.get("kind")}


def _plover_loc(place: PlaceRecord) -> dict[str, Any]:
    return {
        "name": place.get("name"), "geonameid": place.get("geonameid"), "lat": place.get("lat"),
        "lon": place.get("lon"), "countryCode": place.get("country_code"), "admin1Code": place.get("admin1_code"),
        "admin1Name": place.get("admin1_name"), "featureType": place.get("kind"),
    }
