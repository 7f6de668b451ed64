"""What the store keeps beside each merged event for filtering: fatalities, actor names, search text;
and how a keyword query becomes a full-text match on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def _names(refs: Any) -> list[str]:
    out: list[str] = []
    for r in refs or []:
        if isinstance(r, dict):
            out += [str(x) for x in (r.get("name"), r.get("id")) if x]
    return out


def search_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    """The filter columns of one merged event (its `data`)."""
    mag = data.get("magnitude") or {}
    killed = mag.get("killed")
    try:
        fatalities = int(killed) if killed is not None else None
    except (TypeError, ValueError):
        fatalities = None
    names = _names(data.get("actor")) + _names(data.get("recipient"))
    place = data.get("place") or {}
    acled = data.get("acled") or {}
    plover = data.get("plover") or {}
    parts: list[str] = names + [
        str(x)
        for x in (
            place.get("name"),
            place.get("admin1_name"),
            acled.get("event_type"),
            acled.get("sub_event_type"),
            plover.get("event"),
            (data.get("trigger") or {}).get("text"),
        )
        if x
    ]
    parts += [str(s.get("text") or "") for s in data.get("evidence") or [] if isinstance(s, dict)]
    for c in data.get("claims") or []:
        if isinstance(c, dict):
            parts += [str(c.get("text") or ""), str((c.get("source") or {}).get("name") or "")]
    uniq = list(dict.fromkeys(p for p in parts if p))
    def num(x: Any) -> float | None:
        try:
            return float(x) if x is not None else None
        except (TypeError, ValueError):
            return None

    return {
        "fatalities": fatalities,
        "lat": num(place.get("lat")),
        "lon": num(place.get("lon")),
        "actor_names": ("|" + "|".join(dict.fromkeys(n.lower() for n in names)) + "|") if names else None,
        "search_text": " ".join(uniq).replace("\x00", " ")[:20000],
    }


def words(q: str) -> list[str]:
    """The words of a keyword query (every one must match), at most 20."""
    return _WORD.findall(q or "")[:20]


def fts5_query(q: str) -> str:
    """An FTS5 MATCH expression: every word of `q` as a quoted term (no operators from user input)."""
    return " ".join('"' + w.replace('"', "") + '"' for w in words(q))


def like_pattern(s: str) -> str:
    """A LIKE pattern matching `s` anywhere (wildcards in `s` escaped with backslash)."""
    s = s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{s}%"
