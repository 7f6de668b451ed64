"""ACLED-style CSV rows (the ACLED codebook's columns): THE exporter of the CLI and the API."""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

from ..records import ActorRef, ClaimRecord, DateRecord, DocumentRecord, EventRecord, OutputRecord
from .common import _names, _sources, iter_events

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


# codebook's column table gives for inter1/inter2/interaction, the JSON `acled.inter1` keeps the number.
INTER = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
         6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
# what an export leaves out unless asked for (`--include`): background, proposed or denied events
INCLUDABLE = ("historical", "hypothetical", "denied")
DEFAULT_STATUSES = ("reported", "claimed", "contested")


@dataclass
class AcledExport:
    """What one ACLED export wrote: `rows`, and the events left out because they have no date ACLED can
    code (`undated`: no date, or only a year) or because of their status or timeframe (`filtered`)."""

    rows: int = 0
    undated: int = 0
    filtered: int = 0
    unplaced: int = 0

    def report(self, err: IO[str]) -> None:
        """One line on stderr for each kind of event left out for want of a field ACLED requires."""
        if self.undated:
            err.write(f"sitrep: {self.undated} event(s) left out of the ACLED CSV: no event date "
                      "(ACLED codes only events dated to the day, week or month)\n")
        if self.unplaced:
            err.write(f"sitrep: {self.unplaced} event(s) left out of the ACLED CSV: no country\n")


def parse_include(value: str | Iterable[str] | None) -> frozenset[str]:
    """`--include historical,hypothetical,denied` -> the set; raises ValueError for an unknown word."""
    if value is None:
        return frozenset()
    words = [w.strip() for w in (value.split(",") if isinstance(value, str) else value) if w.strip()]
    bad = [w for w in words if w not in INCLUDABLE]
    if bad:
        raise ValueError(f"unknown --include value(s) {', '.join(bad)}; choose from {', '.join(INCLUDABLE)}")
    return frozenset(words)


def _selected(e: EventRecord, include: frozenset[str]) -> bool:
    """By default ACLED rows are current events that are reported, claimed or contested."""
    timeframe, status = e.get("timeframe") or "current", e.get("status") or "reported"
    if timeframe == "historical" and "historical" not in include:
        return False
    if timeframe == "future" and "hypothetical" not in include:
        return False
    return status in DEFAULT_STATUSES or status in include


def acled_event_date(date: DateRecord | None) -> tuple[str, int] | None:
    """(event_date, time_precision) as ACLED codes them (codebook, "Time precision codes"): the day (1); the
    middle of a week or similar period (2); the middle of a month (3). None when the date says less."""
    if not date or not date.get("start"):
        return None
    start, end = str(date["start"]), str(date.get("end") or date["start"])
    prec = date.get("precision")
    try:
        if len(start) == 10 and (prec in (None, "day") or start == end):
            _dt.date.fromisoformat(start)
            return start, 1
        if len(start) == 10 and len(end) == 10:
            a, b = _dt.date.fromisoformat(start), _dt.date.fromisoformat(end)
            mid = a + (b - a) / 2
            span = (b - a).days
            return mid.isoformat(), 2 if span <= 10 else 3
        if len(start) == 7 and prec in (None, "month"):
            y, m = int(start[:4]), int(start[5:7])
            return _dt.date(y, m, 15).isoformat(), 3
        if "-W" in start and prec in (None, "week"):
            y, w = int(start[:4]), int(start.split("-W")[1][:2])
            return _dt.date.fromisocalendar(y, w, 3).isoformat(), 2
    except (ValueError, TypeError):
        return None
    return None


def _inter_of_name(name: str) -> int | None:
    if not name:
        return None
    if re.match(r"(Military|Police) Forces of |Government of ", name):
        return 1
    for prefix, code in (("Rioters", 5), ("Protesters", 6), ("Civilians", 7), ("Unidentified Armed Group", 3)):
        if name.startswith(prefix):
            return code
    if "Ethnic Militia" in name or "Communal Militia" in name or "Clan Militia" in name:
        return 4
    return None


KIND_INTER = {"military": 1, "police": 1, "government": 1, "armed_group": 2, "political_party": 3, "rioters": 5,
              "protesters": 6, "civilians": 7, "igo": 8, "ngo": 8, "criminals": 3}


def _inter(code: Any, name: str, ref: ActorRef | None, d: DocumentRecord) -> int | None:
    if isinstance(code, int) and code in INTER:
        return code
    guess = _inter_of_name(name)
    if guess is None and ref:
        from ..actors.acled import named_inter

        guess = named_inter(str(ref.get("id") or ""))
    if guess is None and ref:
        actor: Mapping[str, Any] = next((a for a in d.get("actors") or [] if a.get("id") == ref.get("id")), {})
        guess = KIND_INTER.get(actor.get("kind") or "")
    return guess


def _interaction(i1: int | None, i2: int | None) -> str:
    if i1 is None:
        return ""
    if i2 is None:
        return f"{INTER[i1]} only"
    lo, hi = sorted((i1, i2))
    if (lo, hi) == (7, 8):
        return f"{INTER[8]}-{INTER[7]}"
    return f"{INTER[lo]}-{INTER[hi]}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _outlets(d: DocumentRecord, e: EventRecord) -> str:
    """The outlets' names (`source`); an article with none is named by its web host."""
    out: list[str] = []
    for s in _sources(d, e):
        name = s.get("source")
        if not name and s.get("url"):
            name = urlsplit(str(s["url"])).hostname or None
            if name and name.startswith("www."):
                name = name[4:]
        name = _one_line(str(name or "")) or None
        if name and name not in out:
            out.append(name)
    return "; ".join(out)


def acled_rows(docs: Iterable[OutputRecord], include: Iterable[str] = (),
               stats: AcledExport | None = None) -> Iterator[dict[str, Any]]:
    """ACLED rows (the codebook's columns) for every selected event with an ACLED type and an event date.

    Selected: current events whose status is reported, claimed or contested; `include` ("historical",
    "hypothetical", "denied") widens it. An event without a date ACLED can code is left out and counted in
    `stats.undated`."""
    inc = frozenset(include)
    st = stats if stats is not None else AcledExport()
    for d, e in iter_events(docs):
        a = e.get("acled")
        if not a:
            continue
        if not _selected(e, inc):
            st.filtered += 1
            continue
        dated = acled_event_date(e.get("date"))
        if dated is None:
            st.undated += 1
            continue
        event_date, time_precision = dated
        place: Mapping[str, Any] = e.get("place") or {}
        refs_a, refs_r = e.get("actor") or [], e.get("recipient") or []
        actors, recipients = _names(refs_a), _names(refs_r)
        actor1 = a.get("actor1") if "actor1" in a else (actors[0] if actors else None)
        actor2 = a.get("actor2") if "actor2" in a else (recipients[0] if recipients else None)
        assoc1 = a.get("assoc_actor_1") if "actor1" in a else "; ".join(actors[1:])
        assoc2 = a.get("assoc_actor_2") if "actor2" in a else "; ".join(recipients[1:])
        inter1 = _inter(a.get("inter1"), actor1 or "", refs_a[0] if refs_a else None, d) if actor1 else None
        inter2 = _inter(a.get("inter2"), actor2 or "", refs_r[0] if refs_r else None, d) if actor2 else None
        country = _country(place.get("country_code") or _main_country(d))
        if country is None:
            st.unplaced += 1
            continue
        claims = e.get("claims") or []
        notes = " ".join(ev.get("text", "") for ev in e.get("evidence") or [])
        if claims:
            notes += " [" + "; ".join(
                f"{_claim_source(c)} {c.get('stance')}"
                + (f" via {c['channel']}" if c.get("channel") else "")
                for c in claims
            ) + "]"
        civ = a["event_type"] == "Violence against civilians" or (
            inter2 == 7 and a["event_type"] in ("Explosions/Remote violence", "Riots")
        ) or a.get("sub_event_type") == "Excessive force against protesters"
        st.rows += 1
        yield {
            "event_id_cnty": e["id"],
            "event_date": event_date,
            "year": int(event_date[:4]),
            "time_precision": time_precision,
            "disorder_type": DISORDER.get(a["event_type"], ""),
            "event_type": a["event_type"],
            "sub_event_type": a["sub_event_type"],
            "actor1": actor1 or "",
            "assoc_actor_1": assoc1 or "",
            "inter1": INTER.get(inter1, "") if inter1 else "",
            "actor2": actor2 or "",
            "assoc_actor_2": assoc2 or "",
            "inter2": INTER.get(inter2, "") if inter2 else "",
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilians targeted" if civ else "",
            "iso": int(country.numeric),
            "region": _acled_region(country),
            "country": _acled_country(country),
            "admin1": place.get("admin1_name") or "",
            "admin2": place.get("admin2_name") or (place.get("name") if place.get("kind") == "admin2" else "") or "",
            "admin3": place.get("admin3_name") or "",
            "location": place.get("name") or "",
            "latitude": f"{place['lat']:.4f}" if place.get("lat") is not None else "",
            "longitude": f"{place['lon']:.4f}" if place.get("lon") is not None else "",
            "geo_precision": {"populated_place": 1, "landmark": 1, "admin2": 2, "admin1": 3}.get(place.get("kind") or "", 3),
            "source": _outlets(d, e),
            "source_scale": "",
            "notes": _one_line(notes),
            "fatalities": int((e.get("magnitude") or {}).get("killed") or 0),
            "tags": "; ".join(x for x in (f"status: {e.get('status')}", f"timeframe: {e.get('timeframe')}") if x),
            "timestamp": "",
        }


def _acled_country(country: Any) -> str:
    """The country's name as ACLED's Country column spells it ("Democratic Republic of Congo")."""
    from ..actors.acled import country_name

    return country_name(country.alpha_3) or getattr(country, "common_name", None) or country.name


def _acled_region(country: Any) -> str:
    from ..actors.acled import acled_region

    return acled_region(country.alpha_3) or ""


def _claim_source(c: ClaimRecord) -> str:
    """Who a claim is from, for the notes column."""
    src = c.get("source")
    return (src.get("name") if src else None) or c.get("speaker") or "unattributed"


def _main_country(d: DocumentRecord) -> str | None:
    """The country an article's places lie in most often (for an event the places stage left unplaced)."""
    counts: dict[str, int] = {}
    for p in d.get("places") or []:
        cc = p.get("country_code")
        if cc:
            counts[cc] = counts.get(cc, 0) + 1
    return max(counts, key=lambda c: (counts[c], c)) if counts else None


def export_acled_csv(docs: Iterable[OutputRecord], fh: IO[str], include: Iterable[str] = ()) -> AcledExport:
    """THE ACLED CSV exporter (`extract --format acled-csv`, `events --format acled-csv`, the API's CSV):
    a header and one row per selected, dated event; text cells a spreadsheet would run are neutralised."""
    stats = AcledExport()
    w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in acled_rows(docs, include, stats):
        w.writerow({k: _safe_cell(v) for k, v in row.items()})
    return stats


def write_acled_csv(docs: Iterable[OutputRecord], fh: IO[str], include: Iterable[str] = ()) -> int:
    """`export_acled_csv`, returning the number of rows."""
    return export_acled_csv(docs, fh, include).rows


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
