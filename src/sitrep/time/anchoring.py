"""Anchoring: choosing among candidate readings of an underspecified expression (the clause tense, cues
such as "until"), weekday arithmetic, shifting a unit from an anchor date, moveable holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Resolved
from .grammar import Ctx, lexicon


def _mod_interval(res: Resolved | None, mod: str | None) -> Resolved | None:
    """Narrow begin/finish for early/mid/late (the TimeML value stays the month/year)."""
    if res is None or not mod or res.begin is None or res.finish is None:
        return res
    mod = mod.lower()
    span = (res.finish - res.begin).days + 1
    third = max(1, span // 3)
    if mod.startswith("early") or "beginning" in mod or "start" in mod or "first half" in mod:
        res.finish = res.begin + timedelta(days=third - 1 if "half" not in mod else span // 2 - 1)
    elif mod.startswith("late") or mod.startswith("end") or "the end" in mod or "second half" in mod:
        res.begin = res.finish - timedelta(days=third - 1 if "half" not in mod else span // 2 - 1)
    elif mod.startswith("mid") or "middle" in mod:
        res.begin = res.begin + timedelta(days=third)
        res.finish = res.begin + timedelta(days=third - 1)
    return res


def _pick(cands: list[Resolved], ctx: Ctx, start: int, end: int, key: str = "begin") -> Resolved | None:
    """Choose among candidate readings (consecutive years) by the clause tense and the anchor."""
    cands = [c for c in cands if c is not None and c.begin is not None]
    if not cands or ctx.anchor is None:
        return None
    if ctx.narrative and ctx.ref_begin is not None:
        return pick_narrative(cands, ctx.ref_begin, ctx.ref_finish or ctx.ref_begin)
    a = ctx.anchor
    t = ctx.tense(start, end)
    cue = _DATE_FORWARD_CUE.search(ctx.text[max(0, start - 20) : start])
    if (cue and (t != "past" or cue.group(1).lower() in ("effective", "payable"))) or _deadline_cue(ctx.text, start):
        # "through January", "until Nov. 16"; a date something takes effect or is paid on is announced ahead
        # even in a past clause ("named him chairman, effective Feb. 1")
        t = "future"
    if t == "past":
        ok = [c for c in cands if c.begin <= a]  # type: ignore[operator]
        if ok:
            best = max(ok, key=lambda c: c.begin or date.min)  # every c in ok has a begin
            soon = [c for c in cands if a < c.begin <= a + timedelta(days=NEAR_FUTURE_DAYS)]  # type: ignore[operator]
            if soon and best.precision in ("day", "month") and (a - best.finish).days > FAR_PAST_DAYS:  # type: ignore[operator]
                # news give the year of a date (or month) that far back (AP style: "last December",
                # "December 1988"): a yearless one is the coming one ("the deadline, which was pushed back to
                # Oct. 21", "declared a dividend payable Dec. 7", "a cutback in supply in September")
                return soon[0]
            return best
    elif t == "future":
        ok = [c for c in cands if c.finish >= a]  # type: ignore[operator]
        if ok:
            return min(ok, key=lambda c: c.begin)  # type: ignore[arg-type,return-value]

    def dist(c: Resolved) -> int:
        if c.begin <= a <= c.finish:  # type: ignore[operator]
            return 0
        if c.begin > a:  # type: ignore[operator]
            # news mostly report the past: a future reading must be clearly closer to win
            return int(1.5 * (c.begin - a).days)  # type: ignore[operator]
        return (a - c.finish).days  # type: ignore[operator]

    return min(cands, key=dist)


NARRATIVE_BACK_COST = 1.5  # a narrative moves forward: a reading before the reference must be clearly nearer


def pick_narrative(cands: list[Resolved], rb: date, rf: date) -> Resolved | None:
    """The reading nearest the narrative's reference interval [rb, rf], forward preferred: "28 January"
    after "3 November 1871" is 1872-01-28, "10 August" after "12 September 1923" is 1923-08-10, "May"
    after "In 1984" is 1984-05 (inside the reference year)."""

    def dist(c: Resolved) -> float:
        if c.begin <= rf and c.finish >= rb:  # type: ignore[operator]
            return 0.0
        if c.begin > rf:  # type: ignore[operator]
            return float((c.begin - rf).days)  # type: ignore[operator]
        return NARRATIVE_BACK_COST * (rb - c.finish).days  # type: ignore[operator]

    ok = [c for c in cands if c is not None and c.begin is not None and c.finish is not None]
    return min(ok, key=dist) if ok else None


FAR_PAST_DAYS = 300  # a yearless day read as past that lies further back than this ...


NEAR_FUTURE_DAYS = 60  # ... is taken as the coming one when that lies within this many days


_DATE_FORWARD_CUE = re.compile(
    r"\b(until|till|through|effective|payable|starting)\s+(?:on\s+)?(?:early\s+|mid-?|late\s+)?$", re.I
)


def _pick_relative(cands: list[Resolved], m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """The candidate a "last"/"next" in the match points to, else the one `_pick` chooses."""
    rel = (m.group("rel") or "").lower()
    if rel == "last":
        ok = [c for c in cands if c.begin < ctx.anchor]  # type: ignore[operator]
        return max(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
    if rel == "next":
        ok = [c for c in cands if c.begin > ctx.anchor]  # type: ignore[operator]
        return min(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
    return _pick(cands, ctx, m.start(), m.end())


def resolve_weekday(
    anchor: date, wd: int, tense: str | None, rel: str | None = None, dom: int | None = None
) -> date | None:
    """The date of weekday `wd` (1=Mon) relative to `anchor` (see module docstring)."""
    forward = tense == "future" or rel in ("next", "this coming", "coming", "the following")
    if rel == "this":
        d = anchor + timedelta(days=wd - anchor.isoweekday())
        if dom is None or d.day == dom:
            return d
    if dom is not None:
        step = 1 if forward else -1
        for direction in (step, -step):
            for k in range(0, 400):
                d = anchor + timedelta(days=direction * k)
                if d.isoweekday() == wd and d.day == dom:
                    return d
        # inconsistent weekday/day number: trust the day number nearest the anchor
        for k in range(0, 32):
            d = anchor + timedelta(days=step * k)
            if d.day == dom:
                return d
        return None
    if rel in ("last", "this past", "past", "the previous"):
        k = (anchor.isoweekday() - wd) % 7 or 7
        return anchor - timedelta(days=k)
    if forward:
        k = (wd - anchor.isoweekday()) % 7 or 7
        return anchor + timedelta(days=k)
    k = (anchor.isoweekday() - wd) % 7
    return anchor - timedelta(days=k)


_STRONG_FORWARD_CUE = re.compile(
    r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than)\s+(?:on\s+)?$", re.I
)


_FORWARD_CUE = re.compile(r"\b(?:until|till|by|before|starting|from)\s+(?:on\s+)?$", re.I)


# "postponed until Tuesday", "gave them until mid-November", "extended to Nov. 16": a deadline set or moved
# lies ahead of the act that sets it, whatever the tense of the clause
_DEADLINE_CUE = re.compile(
    r"\b(?:postpon|delay|defer|adjourn|extend|push(?:ed|es|ing)?\s+back|put(?:s|ting)?\s+off|gave\b|give[ns]?\b"
    r"|giving\b|grant|deadline)[^.;:]{0,60}\b(?:until|till|to|through|thru)\s+(?:on\s+)?(?:early\s+|mid-?|late\s+)?$",
    re.I,
)


def _deadline_cue(text: str, start: int) -> bool:
    return bool(_DEADLINE_CUE.search(text, max(0, start - 90), start))


def _forward_cue(ctx: Ctx, start: int, tense: str | None) -> bool:
    """ "as soon as Tuesday" points forward whatever the tense; "until Tuesday" unless the clause is past
    (or the clause sets a deadline: "postponed until Tuesday")."""
    before = ctx.text[max(0, start - 20) : start]
    if _STRONG_FORWARD_CUE.search(before) or _deadline_cue(ctx.text, start):
        return True
    return tense != "past" and bool(_FORWARD_CUE.search(before))


def _unit_code(u: str) -> str:
    u = re.sub(r"\s+", " ", u.lower())
    if u in ("fiscal year", "financial year"):
        return "Y"
    if u in lexicon()["seasons"]:
        return "S:" + lexicon()["seasons"][u]
    return lexicon()["units"].get(u, "")


_REL_OFFSET = {
    "this": 0,
    "the current": 0,
    "current": 0,
    "the present": 0,
    "last": -1,
    "the past": -1,
    "past": -1,
    "the previous": -1,
    "previous": -1,
    "the last": -1,
    "the preceding": -1,
    "this past": -1,
    "next": 1,
    "the next": 1,
    "the coming": 1,
    "coming": 1,
    "the following": 1,
    "this coming": 1,
}


def shift_unit(anchor: date, unit: str, n: int) -> Resolved | None:
    if unit == "D":
        return cal.day(cal.shift_days(anchor, n))
    if unit == "W":
        d = cal.shift_days(anchor, 7 * n)
        return cal.week(d) if d else None
    if unit == "WE":
        d = cal.shift_days(anchor, 7 * n)
        return cal.weekend(d) if d else None
    if unit == "FN":
        d = cal.shift_days(anchor, 14 * n)
        return cal.week(d) if d else None
    if unit == "M":
        y, mo = cal.add_months(anchor.year, anchor.month, n)
        return cal.month(y, mo)
    if unit == "Q":
        q0 = (anchor.month - 1) // 3
        k = anchor.year * 4 + q0 + n
        return cal.quarter(k // 4, k % 4 + 1)
    if unit == "Y":
        return cal.year(anchor.year + n)
    if unit == "DE":
        return cal.decade((anchor.year // 10 + n) * 10)
    if unit == "CE":
        c = anchor.year // 100 + n
        return Resolved("DATE", f"{c:02d}")
    if unit.startswith("S:"):
        code = unit[2:]
        y, cur = cal.season_of(anchor)
        if n == 0:
            # "this summer": the anchor year's season
            yy = anchor.year if not (code == "WI" and anchor.month <= 2) else anchor.year - 1
            return cal.season(yy, code)
        seasons = [cal.season(yy, code) for yy in range(anchor.year - 2, anchor.year + 3)]
        cands = [c for c in seasons if c is not None]
        if n < 0:
            ok = [c for c in cands if c.finish < anchor]  # type: ignore[operator]
            return max(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
        ok = [c for c in cands if c.begin > anchor]  # type: ignore[operator]
        return min(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
    return None


_UNDERSPEC = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
    "FN": "XXXX-WXX",
}


def _prev_q(y: int, q: int) -> tuple[int, int]:
    return (y, q - 1) if q > 1 else (y - 1, 4)


def _parse_q(v: str) -> tuple[int, int] | None:
    mm = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    return (int(mm.group(1)), int(mm.group(2))) if mm else None


QUARTER_REACH = 1500  # characters over which a quarter mentioned stays the reference period


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * ll) // 451
    month_ = (h + ll - 7 * mm + 114) // 31
    day_ = (h + ll - 7 * mm + 114) % 31 + 1
    return date(y, month_, day_)


def moveable_date(kind: str, y: int) -> date | None:
    if kind == "thanksgiving":  # US: fourth Thursday of November
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if kind == "us_election":  # Tuesday after the first Monday of November
        first = date(y, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    if kind == "easter":
        return _easter(y)
    if kind == "good_friday":
        return _easter(y) - timedelta(days=2)
    return None

