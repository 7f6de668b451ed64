"""A human-readable summary: one line per event (`--format summary` of `extract` and `events`).

    2021-09-06  Battles / Armed clash  Taliban -> NRF: National Resistance Front  Panjshir (AF-PAN)  killed 12  [claimed 0.81]  doc-7#e1
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..records import ActorRef, EventRecord, OutputRecord
from .common import iter_events


def _names(refs: list[ActorRef] | None) -> str:
    return ", ".join(str(r.get("name") or r.get("id")) for r in refs or [] if r) or "?"


def summary_line(e: EventRecord, doc_id: str | None = None) -> str:
    """One line for one contract event: date, type, who -> whom, where, toll, status and confidence, id."""
    d: Mapping[str, Any] = e.get("date") or {}
    when = str(d.get("start") or "????")
    if d.get("end") and d.get("end") != d.get("start"):
        when += f"..{d['end']}"
    acled: Mapping[str, Any] = e.get("acled") or {}
    plover: Mapping[str, Any] = e.get("plover") or {}
    what = " / ".join(x for x in (acled.get("event_type"), acled.get("sub_event_type")) if x)
    what = what or str(plover.get("event") or "?")
    who = f"{_names(e.get('actor'))} -> {_names(e.get('recipient'))}"
    place: Mapping[str, Any] = e.get("place") or {}
    where = str(place.get("name") or "?")
    code = place.get("admin1_code") or place.get("country_code")
    if code:
        where += f" ({code})"
    mag = e.get("magnitude") or {}
    toll = ", ".join(f"{k} {mag[k]}" for k in ("killed", "injured", "arrested") if mag.get(k) is not None)
    conf = e.get("confidence")
    status = f"[{e.get('status') or '?'}{f' {conf:.2f}' if isinstance(conf, int | float) else ''}]"
    ident = f"{doc_id}#{e.get('id')}" if doc_id else str(e.get("id"))
    return "  ".join(x for x in (when, what, who, where, toll, status, ident) if x)


def summary_lines(docs: Iterable[OutputRecord]) -> Iterator[str]:
    """The summary lines of contract documents (error records are skipped)."""
    for d, e in iter_events(docs):
        yield summary_line(e, d.get("id"))
