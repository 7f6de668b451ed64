"""Control timeline of a province (admin1) from its territorial events and their claims: who is said to
control it, day by day, and whether that is contested."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypedDict, TypeVar, cast

from ..records import ActorRef, ClaimRecord, StoredEvent
from .merge import TERRITORIAL_ACLED, date_bounds

T = TypeVar("T")


class ControllerRef(TypedDict):
    """The party said to hold a province (an actor reference without its kind)."""

    id: str | None
    name: str | None


class ControlChange(TypedDict):
    """A dated territorial event read as a change of who holds the province."""

    date: str  # "YYYY-MM-DD", the first day the event's date can mean
    controller: ControllerRef
    status: str
    contested: bool
    claimed_by: list[str]
    disputed_by: list[str]
    event_id: str | None
    support: int  # articles + parties claiming it
    confidence: float
    type: str | None  # ACLED sub-event type, else PLOVER event


class _DayGroup(ControlChange):
    """One controller's changes on one day (internal)."""

    events: list[str | None]
    score: list[float]  # [support, best confidence, 1 for a named (not generic) actor]
    rivals: list[str | None]


# "from" is a keyword: the functional form
ControlPeriod = TypedDict("ControlPeriod", {
    "controller": ControllerRef,
    "from": str,
    "until": str | None,  # the day before the next period's start; None for the last
    "status": str,
    "contested": bool,
    "claimed_by": list[str],
    "disputed_by": list[str],
    "rivals": list[str | None],  # other parties said to hold it on one of its days
    "events": list[str | None],
})


class ControlDay(TypedDict):
    date: str
    controller: str | None
    contested: bool


class Timeline(TypedDict):
    """`build_timeline`'s result (the API's /timeline)."""

    admin1: str
    periods: list[ControlPeriod]
    changes: list[ControlChange]
    days: list[ControlDay]
    summary: list[str]

TERRITORIAL_PLOVER_MODES = {"seize", "occupy", "territory", "capture"}
LOSS_PLOVER = {("RETREAT", "withdraw"), ("CONCEDE", "territory")}
MAX_DAYS = 400
# ACLED's territorial sub-event types (overtakes / regains / transfers territory) and a base set up
TERRITORIAL_SUBTYPES = TERRITORIAL_ACLED | {"Headquarters or base established"}


def _sub_event_type(ev: StoredEvent) -> str | None:
    acled = ev.get("acled")
    return acled.get("sub_event_type") if acled else None


def _plover_event_mode(ev: StoredEvent) -> tuple[str | None, str]:
    """The PLOVER event and its mode in lower case ("" without one)."""
    plover = ev.get("plover")
    if not plover:
        return None, ""
    return plover.get("event"), (plover.get("mode") or "").lower()


def is_territorial(ev: StoredEvent) -> bool:
    if _sub_event_type(ev) in TERRITORIAL_SUBTYPES:
        return True
    plover = ev.get("plover")
    kind, mode = _plover_event_mode(ev)
    if kind in ("COERCE", "ASSAULT") and (
        mode in TERRITORIAL_PLOVER_MODES or "territory" in ((plover.get("context") if plover else None) or [])
    ):
        return True
    return (kind, mode) in LOSS_PLOVER


CONTROL_PRECISIONS = {"day", "week", "month"}
# Who can hold territory: an armed group, a state force (military, police) or a government. A journalist,
# a resident, an NGO or a party of unknown kind saying something about a town does not change who holds it.
CONTROL_KINDS = {"armed_group", "military", "police", "government"}


def can_control(ref: ActorRef | None) -> bool:
    """Whether the actor reference can hold land: its `kind` (as `Store.territorial_events` adds it from
    the actors table, None when the store does not know the actor) is a controlling kind. A reference
    without a `kind` key at all (an event not read through the store) is taken as it is."""
    if not ref:
        return False
    return "kind" not in ref or ref["kind"] in CONTROL_KINDS


def counts_for_control(ev: StoredEvent) -> bool:
    """Whether a territorial event can change who holds the province on the day-by-day timeline: it
    happened (not hypothetical, not only denied), it is news of the time (not background history or a
    plan) and it is dated to the day, week or month."""
    if (ev.get("status") or "reported") in ("hypothetical", "denied"):
        return False
    if (ev.get("timeframe") or "current") != "current":
        return False
    d = ev.get("date")
    return ((d.get("precision") if d else None) or "day") in CONTROL_PRECISIONS


def controller_of(ev: StoredEvent) -> ActorRef | None:
    """The party said to hold the territory after the event."""
    if _sub_event_type(ev) not in TERRITORIAL_ACLED and _plover_event_mode(ev) in LOSS_PLOVER:
        return next((r for r in ev.get("recipient") or [] if can_control(r)), None)
    act = [a for a in ev.get("actor") or [] if can_control(a)]
    if act:
        return act[0]
    if ev.get("actor"):  # the actor read is no party that holds land: no change of control
        return None
    # no actor read: the named party that asserts the takeover (not the media that report it)
    for c in ev.get("claims") or []:
        src = c.get("source")
        if not src:
            continue
        sid = str(src.get("id") or "")
        if (
            c.get("stance") == "asserts"
            and src.get("name")
            and "media" not in sid
            and not sid.startswith("generic:")
            and can_control(src)
        ):
            return src
    return None


def _party(c: ClaimRecord) -> str | None:
    src = c.get("source")
    return (src.get("name") if src else None) or c.get("speaker")


def _uniq(xs: Iterable[T]) -> list[T]:
    out: list[T] = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


def build_timeline(
    admin1: str, events: list[StoredEvent], until: str | None = None, with_days: bool = True
) -> Timeline:
    changes: list[ControlChange] = []
    for ev in events:
        lo, _hi = date_bounds(ev.get("date"))
        ctl = controller_of(ev)
        if lo is None or ctl is None:
            continue
        claims = ev.get("claims") or []
        disputed = _uniq([p for c in claims if c.get("stance") == "denies" and (p := _party(c))])
        claimed = _uniq([p for c in claims if c.get("stance") in ("asserts", "hedges") and (p := _party(c))])
        status = ev.get("status") or "reported"
        if not counts_for_control(ev):
            continue
        changes.append(
            {
                "date": lo.isoformat(),
                "controller": {"id": ctl.get("id"), "name": ctl.get("name")},
                "status": status,
                "contested": status in ("contested", "denied") or bool(disputed),
                "claimed_by": claimed,
                "disputed_by": disputed,
                "event_id": ev.get("id"),
                "support": int(ev.get("n_articles") or 1) + len(claimed),
                "confidence": float(ev.get("confidence") or 0.0),
                "type": _sub_event_type(ev) or _plover_event_mode(ev)[0],
            }
        )
    changes.sort(key=lambda c: (c["date"], c["event_id"] or ""))

    # one entry per day: the best-supported controller, the other parties said to hold it that day as rivals
    by_day: dict[str, list[ControlChange]] = {}
    for ch in changes:
        by_day.setdefault(ch["date"], []).append(ch)
    days_changes: list[_DayGroup] = []
    for day, chs in by_day.items():
        support: dict[str, _DayGroup] = {}
        for ch in chs:
            name = ch["controller"]["name"] or ch["controller"]["id"] or "unknown"
            g = support.setdefault(name, {**ch, "events": [], "score": [0, 0.0, 0], "rivals": []})
            g["events"].append(ch["event_id"])
            g["score"][0] += ch["support"]
            g["score"][1] = max(g["score"][1], ch["confidence"])
            g["score"][2] = int(not str(ch["controller"].get("id") or "").startswith("generic:"))
            g["contested"] = g["contested"] or ch["contested"]
            g["disputed_by"] = _uniq(g["disputed_by"] + ch["disputed_by"])
            g["claimed_by"] = _uniq(g["claimed_by"] + ch["claimed_by"])
            if ch["status"] == "contested":
                g["status"] = "contested"
        ranked = sorted(
            support.values(), key=lambda g: (g["score"][2], g["score"][0], g["score"][1]), reverse=True
        )
        best = ranked[0]
        best["rivals"] = [g["controller"]["name"] for g in ranked[1:]]
        if best["rivals"]:
            best["contested"] = True
        best["date"] = day
        days_changes.append(best)

    periods: list[ControlPeriod] = []
    for ch in days_changes:
        last = periods[-1] if periods else None
        if last and last["controller"]["name"] == ch["controller"]["name"]:
            last["events"] += ch["events"]
            last["contested"] = last["contested"] or ch["contested"]
            last["disputed_by"] = _uniq(last["disputed_by"] + ch["disputed_by"])
            last["claimed_by"] = _uniq(last["claimed_by"] + ch["claimed_by"])
            last["rivals"] = _uniq(last["rivals"] + ch["rivals"])
            if ch["status"] == "contested" or last["status"] == "reported":
                last["status"] = ch["status"]
            continue
        if last:
            last["until"] = (date.fromisoformat(ch["date"]) - timedelta(days=1)).isoformat()
        periods.append(
            {
                "controller": ch["controller"],
                "from": ch["date"],
                "until": None,
                "status": ch["status"],
                "contested": ch["contested"],
                "claimed_by": list(ch["claimed_by"]),
                "disputed_by": list(ch["disputed_by"]),
                "rivals": list(ch["rivals"]),
                "events": list(ch["events"]),
            }
        )

    days: list[ControlDay] = []
    if periods and with_days:
        start = date.fromisoformat(periods[0]["from"])
        last_change = date.fromisoformat(changes[-1]["date"])
        end = max(last_change, date.fromisoformat(until[:10])) if until else last_change
        end = min(end, start + timedelta(days=MAX_DAYS - 1))
        d, i = start, 0
        while d <= end:
            while i + 1 < len(periods) and date.fromisoformat(periods[i + 1]["from"]) <= d:
                i += 1
            per = periods[i]
            days.append(
                {"date": d.isoformat(), "controller": per["controller"]["name"], "contested": per["contested"]}
            )
            d += timedelta(days=1)

    return {
        "admin1": admin1,
        "periods": periods,
        "changes": changes,
        "days": days,
        "summary": summarize(admin1, periods),
    }


def summarize(admin1: str, periods: list[ControlPeriod]) -> list[str]:
    lines = []
    for p in periods:
        who = p["controller"]["name"] or p["controller"]["id"] or "unknown"
        verb = {
            "claimed": "claim control",
            "contested": "claim control",
            "denied": "said to control (denied)",
        }.get(p["status"], "in control")
        s = f"{admin1}: {who} {verb} from {p['from']}"
        if p["until"]:
            s += f" until {p['until']}"
        if p["contested"]:
            why = []
            if p["disputed_by"]:
                why.append(f"{', '.join(p['disputed_by'])} denies")
            if p.get("rivals"):
                rivals = cast("list[str]", p["rivals"])  # controllers' names (a stored actor always has one)
                why.append(f"{', '.join(rivals)} also said to hold it")
            s += ", contested" + (f" ({'; '.join(why)})" if why else "")
        lines.append(s)
    return lines
