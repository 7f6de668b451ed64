"""Cross-article event merging: which article events describe the same real-world event, and the
merged record built from all of them (pure functions over contract event dicts)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, cast

from ..records import ActorRef, ClaimRecord, EvidenceRecord, MagnitudeRecord, StoredEvent

DATE_WINDOW_DAYS = 2  # article events whose dates lie within this many days may be the same event
TERRITORIAL_ACLED = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
)

# ---------------------------------------------------------------------------------------- dates


def date_bounds(d: Mapping[str, Any] | None) -> tuple[date | None, date | None]:
    """First and last calendar day an event date ({"start", "end", "precision"}) can mean."""
    if not d:
        return None, None
    lo = _parse(d.get("start"), first=True)
    hi = _parse(d.get("end") or d.get("start"), first=False)
    if lo and hi and hi < lo:
        lo, hi = hi, lo
    return lo, hi


# An event's date span (date_hi - date_lo, in days) falls in the first class whose bound it does not exceed:
# a day, a week, a month, a season, a year, a decade; longer spans are the last class, with no bound. The store
# keeps each merged event's class, so a merge-candidate query can bound `date_lo` from below as well:
# date_hi >= lo - w and date_hi - date_lo <= bound imply date_lo >= lo - w - bound.
SPAN_CLASS_DAYS = (0, 7, 31, 92, 366, 3660)


def span_class(lo: date | None, hi: date | None) -> int | None:
    """The span class of the dates `lo`..`hi` (an index into SPAN_CLASS_DAYS, or its length for a longer
    span); None without both dates."""
    if lo is None or hi is None:
        return None
    days = abs((hi - lo).days)
    for k, bound in enumerate(SPAN_CLASS_DAYS):
        if days <= bound:
            return k
    return len(SPAN_CLASS_DAYS)


def _parse(s: Any, first: bool) -> date | None:
    if not isinstance(s, str):
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            return date(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1) if first else date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1) if first else date(y, 12, 31)
    except ValueError:
        return None


def dates_compatible(
    a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, window: int = DATE_WINDOW_DAYS
) -> bool:
    alo, ahi = date_bounds(a)
    blo, bhi = date_bounds(b)
    if not (alo and ahi and blo and bhi):
        return False
    w = timedelta(days=window)
    return alo <= bhi + w and blo <= ahi + w


# ---------------------------------------------------------------------------------------- actors


def _norm_name(name: str) -> str:
    n = re.sub(r"[^\w\s]", " ", name.lower())
    n = re.sub(r"^\s*the\s+", "", n)
    return " ".join(n.split())


def actor_keys(refs: Iterable[Mapping[str, Any] | None]) -> set[str]:
    """Keys under which two actor references count as the same actor (the id, or the normalized name)."""
    keys: set[str] = set()
    for r in refs:
        if not r:
            continue
        if r.get("id"):
            keys.add("id:" + str(r["id"]))
        if r.get("name"):
            keys.add("name:" + _norm_name(str(r["name"])))
    return keys


# ---------------------------------------------------------------------------------------- types


def type_key(ev: Mapping[str, Any]) -> tuple[str | None, str | None]:
    acled = ev.get("acled") or {}
    plover = ev.get("plover") or {}
    return acled.get("event_type"), plover.get("event")


def types_compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> str | None:
    """The criterion under which the two events' types agree, or None."""
    (aa, ap), (ba, bp) = type_key(a), type_key(b)
    if aa and ba:
        if aa != ba:
            return None
        sa, sb = (a.get("acled") or {}).get("sub_event_type"), (b.get("acled") or {}).get("sub_event_type")
        if sa != sb and (sa in TERRITORIAL_ACLED or sb in TERRITORIAL_ACLED):
            return None  # a change of control is not the same event as the fighting before it
        return f"ACLED {aa}" + (f" / {sa}" if sa == sb and sa else "")
    if ap and bp and ap == bp:
        return f"PLOVER {ap}"
    return None


def place_key(ev: Mapping[str, Any]) -> tuple[str | None, str | None]:
    p = ev.get("place") or {}
    return p.get("country_code"), p.get("admin1_code")


def _same_fine_type(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    sa, sb = (a.get("acled") or {}).get("sub_event_type"), (b.get("acled") or {}).get("sub_event_type")
    if sa or sb:
        return sa == sb
    pa, pb = a.get("plover") or {}, b.get("plover") or {}
    return (pa.get("event"), pa.get("mode")) == (pb.get("event"), pb.get("mode"))


def match(
    candidate: Mapping[str, Any], ev: Mapping[str, Any], window: int = DATE_WINDOW_DAYS
) -> dict[str, Any] | None:
    """Why `ev` (an article event) is the same event as `candidate` (a merged event), or None.

    Criteria, all required: compatible type (same ACLED event type, or same PLOVER event when one side
    lacks ACLED), same province (admin1; same country when neither has a province), dates within
    `window` days, and a shared actor; events with no actor on either side merge only with the same
    ACLED sub-event type (or PLOVER event and mode) inside the same province, never country-wide.
    """
    why_type = types_compatible(candidate, ev)
    if not why_type:
        return None
    (cc, ca), (ec, ea) = place_key(candidate), place_key(ev)
    if not ec or cc != ec or ca != ea:
        return None
    if not dates_compatible(candidate.get("date"), ev.get("date"), window):
        return None
    ck, ek = actor_keys(candidate.get("actor") or []), actor_keys(ev.get("actor") or [])
    if ck and ek:
        shared = ck & ek
        if not shared:
            return None
        why_actor = sorted(k.split(":", 1)[1] for k in shared if k.startswith("name:")) or sorted(shared)
    elif ck or ek:
        return None
    else:
        # no actor on either side: only the same fine-grained type in the same province
        if not ea or not _same_fine_type(candidate, ev):
            return None
        why_actor = []
    return {
        "type": why_type,
        "place": ea or ec,
        "date_window_days": window,
        "dates": [(candidate.get("date") or {}).get("start"), (ev.get("date") or {}).get("start")],
        "actors": why_actor,
    }


def best_match(
    candidates: Iterable[tuple[Any, Mapping[str, Any]]], ev: Mapping[str, Any]
) -> tuple[Any, dict[str, Any] | None]:
    """The candidate (key, merged event) that `ev` matches best - most shared actors, then the most
    confident merged event, then the first - and why; (None, None) when none matches."""
    best: tuple[Any, dict[str, Any] | None, tuple[int, float]] = (None, None, (-1, -1.0))
    for key, data in candidates:
        why = match(data, ev)
        if why is None:
            continue
        rank = (len(why.get("actors") or []), float(data.get("confidence") or 0.0))
        if rank > best[2]:
            best = (key, why, rank)
    return best[0], best[1]


# ---------------------------------------------------------------------------------------- status


def _article_status(claims: Sequence[Mapping[str, Any]], statuses: Sequence[str]) -> str:
    live = [s for s in statuses if s != "hypothetical"]
    if statuses and not live:
        return "hypothetical"
    stances = {c.get("stance") for c in claims}
    positive = bool(stances & {"asserts", "reports"}) or "reported" in live or "claimed" in live
    if "contested" in live:
        return "contested"
    if "denies" in stances or "denied" in live:
        return "contested" if positive else "denied"
    if any(c.get("source") for c in claims if c.get("stance") in ("asserts", "hedges")) or "claimed" in live:
        return "claimed"
    return "reported"


def recompute_status(claims: Sequence[Mapping[str, Any]], statuses: Sequence[str]) -> str:
    """Status of a merged event from all its claims, by the claims stage's rule
    (`sitrep.claims.status.recompute_status`), corrected by the article-level statuses (e.g. one
    article reports, another only denies: `_article_status`)."""
    from ..claims.status import recompute_status as stage_rule

    live = [s for s in statuses if s != "hypothetical"]
    if statuses and not live:
        return "hypothetical"
    # an article that reports the event itself (or reports it as contested) states it
    stated = any(st in ("reported", "contested") for st in live)
    status = str(stage_rule(list(claims), stated=stated))
    if status in ("reported", "claimed"):
        article = _article_status(claims, statuses)
        if article in ("contested", "denied"):
            return article
    return status


# ---------------------------------------------------------------------------------------- merging


def _uniq_refs(refs: Iterable[ActorRef | None]) -> list[ActorRef]:
    out: list[ActorRef] = []
    seen: set[str] = set()
    for r in refs:
        if not r:
            continue
        keys = actor_keys([r])
        if keys & seen:
            continue
        seen |= keys
        out.append(r)
    return out


def merged_event(event_id: str, mentions: Sequence[dict[str, Any]]) -> StoredEvent:
    """The merged contract event from its mentions.

    `mentions` are dicts ``{"article_id", "local_id", "event": <contract event>, "reason": ...}``.
    The most confident mention gives type, place, date and timeframe; actors, recipients, claims and
    evidence are the union over all mentions (claims and evidence keep their `article_id`).
    """
    ordered = sorted(mentions, key=lambda m: (-(m["event"].get("confidence") or 0.0), m["article_id"]))
    rep = ordered[0]["event"]
    claims: list[ClaimRecord] = []
    evidence: list[EvidenceRecord] = []
    seen_claims: set[tuple[Any, ...]] = set()
    for m in ordered:
        for c in m["event"].get("claims") or []:
            k = (m["article_id"], c.get("start"), c.get("end"), c.get("stance"))
            if k not in seen_claims:
                seen_claims.add(k)
                claims.append(cast("ClaimRecord", {**c, "article_id": m["article_id"]}))
        for s in m["event"].get("evidence") or []:
            evidence.append(cast("EvidenceRecord", {**s, "article_id": m["article_id"]}))
    magnitude: dict[str, int | None] = {}
    for f in ("killed", "injured", "arrested"):
        vals = [(m["event"].get("magnitude") or {}).get(f) for m in ordered]
        nums = [v for v in vals if isinstance(v, int)]
        magnitude[f] = max(nums) if nums else None
    miss = 1.0
    for m in ordered:
        miss *= 1.0 - min(max(float(m["event"].get("confidence") or 0.0), 0.0), 1.0)
    statuses = [str(m["event"].get("status") or "reported") for m in ordered]
    articles = sorted({m["article_id"] for m in ordered})
    return {
        "id": event_id,
        "plover": rep.get("plover"),
        "acled": rep.get("acled"),
        "actor": _uniq_refs(a for m in ordered for a in m["event"].get("actor") or []),
        "recipient": _uniq_refs(a for m in ordered for a in m["event"].get("recipient") or []),
        "place": rep.get("place"),
        "date": rep.get("date"),
        "timeframe": rep.get("timeframe") or "current",
        "status": recompute_status(claims, statuses),
        "claims": claims,
        "magnitude": cast("MagnitudeRecord", magnitude),
        "evidence": evidence,
        "trigger": rep.get("trigger"),
        "confidence": round(
            min(1.0 - miss, 0.99) if len(ordered) > 1 else float(rep.get("confidence") or 0.0), 4
        ),
        "n_articles": len(articles),
        "merge": {
            "articles": articles,
            "mentions": [
                {
                    "article_id": m["article_id"],
                    "event_id": m["local_id"],
                    "status": m["event"].get("status"),
                    "why": m.get("reason"),
                }
                for m in ordered
            ],
        },
    }
