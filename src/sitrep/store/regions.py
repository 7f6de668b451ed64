"""The store's control side: territorial events, each province's control periods, its timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict
from typing import cast as type_cast

from sqlalchemy import Engine, Text, cast, func, or_, select

from ..records import ActorRef, ClaimRecord, StoredEvent
from .schema import actors, events, places

if TYPE_CHECKING:
    from .timeline import Timeline

# a control period as the map draws it ("from" is a keyword: the functional form)
PeriodSummary = TypedDict("PeriodSummary", {
    "from": str, "until": str | None, "controller": str | None, "status": str, "contested": bool, "events": int,
})


class ProvinceControl(TypedDict):
    """A province on the control map: its name, a point to draw it at, its control periods."""

    admin1: str
    name: str
    lat: float | None
    lon: float | None
    periods: list[PeriodSummary]


class _Point(TypedDict):
    name: str | None
    lat: float
    lon: float


def _actor_refs(e: StoredEvent) -> list[ActorRef]:
    """The event's actors, recipients and claim sources."""
    sources = [c["source"] for c in e.get("claims") or [] if isinstance(c, dict) and c.get("source")]
    return [*(e.get("actor") or []), *(e.get("recipient") or []), *[s for s in sources if s]]


class StoreRegions:
    """Control queries of `Store` (a mixin: it uses the store's `engine`)."""

    engine: Engine
    latest_date: Callable[[], str | None]  # of StoreQueries

    def territorial_events(self, admin1: str | None = None, country: str | None = None) -> list[StoredEvent]:
        """The territorial events of a province (or of a country, or all), oldest first, each actor,
        recipient and claim source carrying its `kind` from the actors table (for `timeline.can_control`)."""
        from .timeline import LOSS_PLOVER, TERRITORIAL_PLOVER_MODES, TERRITORIAL_SUBTYPES, is_territorial

        force = ["COERCE", "ASSAULT"]
        q = select(events.c.data).where(  # a superset of is_territorial, to decode fewer rows
            or_(
                events.c.sub_event_type.in_(sorted(TERRITORIAL_SUBTYPES)),
                events.c.plover_event.in_(sorted({k for k, _ in LOSS_PLOVER})),
                (events.c.plover_event.in_(force) & func.lower(events.c.plover_mode).in_(sorted(TERRITORIAL_PLOVER_MODES))),
                (events.c.plover_event.in_(force) & cast(events.c.data, Text).like('%"territory"%')),
            )
        )
        if admin1:
            q = q.where(events.c.admin1 == admin1.upper())
        if country:
            q = q.where(events.c.country == country.upper())
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(events.c.date_lo, events.c.id)).scalars()
            evs = [type_cast(StoredEvent, dict(d)) for d in rows]  # the stored event JSON
            evs = [e for e in evs if is_territorial(e)]
            ids = {r["id"] for e in evs for r in _actor_refs(e) if isinstance(r, dict) and r.get("id")}
            kinds: dict[str, str | None] = {}
            idl = sorted(ids)
            for i in range(0, len(idl), 500):
                for aid, kind in conn.execute(
                    select(actors.c.id, actors.c.kind).where(actors.c.id.in_(idl[i : i + 500]))
                ):
                    kinds[aid] = kind

        def typed(r: ActorRef) -> ActorRef:
            if isinstance(r, dict) and r.get("id"):
                return {**r, "kind": kinds.get(r["id"])}
            return r

        def typed_claim(c: ClaimRecord) -> ClaimRecord:
            src = c.get("source") if isinstance(c, dict) else None
            return {**c, "source": typed(src)} if src else c

        for e in evs:
            e["actor"] = [typed(r) for r in e.get("actor") or []]
            e["recipient"] = [typed(r) for r in e.get("recipient") or []]
            e["claims"] = [typed_claim(c) for c in e.get("claims") or []]
        return evs

    def control_map(self, country: str | None = None) -> list[ProvinceControl]:
        """Every province with territorial events: its name, a point to draw it at and its control
        periods (who held it from when until when, contested or not), for the page's time slider."""
        from .timeline import build_timeline

        by_admin1: dict[str, list[StoredEvent]] = {}
        for e in self.territorial_events(country=country):
            place = e.get("place")
            a1 = place.get("admin1_code") if place else None
            if a1:
                by_admin1.setdefault(a1, []).append(e)
        latest = self.latest_date()
        centres = self._admin1_points(sorted(by_admin1))
        out: list[ProvinceControl] = []
        for a1, evs in sorted(by_admin1.items()):
            tl = build_timeline(a1, evs, until=latest, with_days=False)
            if not tl["periods"]:
                continue
            c = centres.get(a1)
            out.append(
                {
                    "admin1": a1,
                    "name": (c["name"] if c else None) or a1,
                    "lat": c["lat"] if c else None,
                    "lon": c["lon"] if c else None,
                    "periods": [
                        {
                            "from": p["from"],
                            "until": p["until"],
                            "controller": p["controller"]["name"] or p["controller"]["id"],
                            "status": p["status"],
                            "contested": bool(p["contested"]),
                            "events": len(p["events"]),
                        }
                        for p in tl["periods"]
                    ],
                }
            )
        return out

    def _admin1_points(self, codes: list[str]) -> dict[str, _Point]:
        """A point per province: its own gazetteer entry (kind admin1) if stored, else the mean of the
        places stored in it."""
        out: dict[str, _Point] = {}
        if not codes:
            return out
        acc: dict[str, list[Any]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(codes), 500):
                for code, name, lat, lon, kind in conn.execute(
                    select(places.c.admin1_code, places.c.admin1_name, places.c.lat, places.c.lon, places.c.kind)
                    .where(places.c.admin1_code.in_(codes[i : i + 500]), places.c.lat.is_not(None))
                ):
                    a = acc.setdefault(code, [name, [], None])
                    a[0] = a[0] or name
                    if kind == "admin1":
                        a[2] = (lat, lon)
                    a[1].append((lat, lon))
        for code, (name, pts, own) in acc.items():
            lat, lon = own or (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            out[code] = {"name": name, "lat": round(lat, 4), "lon": round(lon, 4)}
        return out

    def timeline(self, admin1: str, until: str | None = None) -> Timeline:
        from .timeline import build_timeline

        return build_timeline(
            admin1.upper(), self.territorial_events(admin1), until=until or self.latest_date()
        )
