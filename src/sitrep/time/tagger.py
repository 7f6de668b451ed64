"""Rule-based temporal tagger (HeidelTime-style): regular patterns built from `data/lexicon.json`,
each with a normalisation function that turns the match into a TimeML value.

Resolution conventions (news):
- relative expressions ("yesterday", "last week", "three days ago") count from the anchor date
  (publication date, else the article's dateline); without an anchor they get underspecified values
  ("XXXX-XX-XX", "XXXX-WXX-1", "XXXX-09-06").
- "Monday (6)": the latest date on/before the anchor falling on that weekday with that day number (the
  next one if the clause is in the future tense).
- bare weekdays: most recent one on/before the anchor; the coming one (after the anchor) when the
  clause is future ("will", "going to", "plans to").
- month names / month-day without a year: the anchor's year, moved a year back (past clause) or forward
  (future clause) when needed; otherwise the candidate nearest the anchor.
- spans follow TempEval-3 gold: determiners and modifiers are inside ("the third quarter", "early
  August", "nearly two weeks ago", "Earlier Sunday").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from . import calendar as cal
from .calendar import Resolved
from .tense import tense_at

# ----------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    with resources.files("sitrep.time").joinpath("data/lexicon.json").open(encoding="utf-8") as f:
        return json.load(f)


def _alt(words: list[str]) -> str:
    ws = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws) + ")"


_UNITS_ORDER = ["Y", "M", "W", "D"]


@dataclass
class Ctx:
    text: str
    anchor: date | None
    sdoc: Any = None
    year_hint: date | None = None  # e.g. a release number's month, for month names when there is no anchor
    ref_quarter: tuple[int, int] | None = None
    ref_quarter_at: int = -1  # where the last explicit quarter was mentioned
    ref_year: int | None = (
        None  # year of the last calendar expression (for "that year", "the following year")
    )
    ref_day: date | None = None  # the last day-precision expression (for "that day", "the next day")
    cache: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self.cache:
            self.cache[key] = tense_at(self.sdoc, self.text, start, end)
        return self.cache[key]


# ----------------------------------------------------------------------------- number words


def _word_number(s: str) -> float | None:
    lx = lexicon()
    s = re.sub(r"\s+", " ", s.strip().lower())
    if not s:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    m = re.fullmatch(r"(\d+)\s+1/2", s)
    if m:
        return int(m.group(1)) + 0.5
    if s in lx["numbers"]:
        return float(lx["numbers"][s])
    parts = re.split(r"[- ]", s)
    total = 0.0
    for p in parts:
        if p in ("and",):
            continue
        if p not in lx["numbers"]:
            return None
        v = lx["numbers"][p]
        total = total * v if v == 100 and total else total + v
    return total or None


# ----------------------------------------------------------------------------- regex pieces


@lru_cache(maxsize=1)
def _pieces() -> dict[str, str]:
    lx = lexicon()
    num_words = [w for w in lx["numbers"]]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    number = (
        rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{tens})[- ](?:{ones})|{_alt(num_words)}"
        rf"(?:\s+and\s+a\s+half)?)"
    )
    return {
        "MON": _alt(list(lx["months"])) + r"\.?",
        "MONFULL": _alt([m for m in lx["months"] if len(m) > 3 or m == "may"]),
        "WD": _alt([w for w in lx["weekdays"] if len(w) > 4]),
        "NUM": number,
        "VAGUE": _alt(lx["vague_numbers"]),
        "UNIT": _alt([u for u in lx["units"] if u not in ("yr", "yrs")]),
        "SEASON": _alt(list(lx["seasons"])),
        "POD": _alt(["morning", "afternoon", "evening", "night", "overnight"]),
        "ORD": _alt(list(lx["ordinals"])),
        "TZ": _alt(lx["timezones"]),
        "HOL": _alt(list(lx["fixed_holidays"])),
        "NAMED": _alt(list(lx["named_dates"])),
        "DECW": _alt(list(lx["decade_words"])),
        "REF": _alt(list(lx["ref_words"])),
        "SETW": _alt(list(lx["sets"])),
        "DAYMOD": r"(?:early|late|earlier|later|mid-?)",
        "MOD": (
            r"(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
            r"|end[- ]|mid|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
        ),
        "APPROX": (
            r"(?:nearly|almost|about|some|around|roughly|approximately|more\s+than|less\s+than|over|under"
            r"|just|only|at\s+least|up\s+to|no\s+more\s+than|no\s+less\s+than|at\s+most|fewer\s+than"
            r"|well\s+over|barely|exactly|another|an\s+additional|a\s+further|the\s+first|the\s+last"
            r"|the\s+past|the\s+next|the\s+previous|the\s+coming|the\s+final|the\s+remaining|the\s+following"
            r"|the|past|last|next|first|final|coming|previous|recent|following)"
        ),
    }


# ----------------------------------------------------------------------------- rules

Handler = Callable[[re.Match[str], Ctx], Resolved | None]


@dataclass
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _month_num(s: str) -> int | None:
    return lexicon()["months"].get(s.lower().rstrip("."))


def _weekday_num(s: str) -> int | None:
    return lexicon()["weekdays"].get(s.lower().rstrip(".").removesuffix("'s"))


def _capitalised(s: str | None) -> bool:
    return bool(s) and s[0].isupper()  # type: ignore[index]


def _year_of(s: str) -> int:
    y = int(s)
    return y


# ---- date with a year


def h_full_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    if not mon or not _capitalised(m.group("mon")):
        return None
    d = cal.safe_date(int(m.group("y")), mon, int(m.group("d")))
    return cal.day(d)


def h_iso(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return cal.day(cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))


def h_slash(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    mo, d = (a, b) if a <= 12 else (b, a)
    return cal.day(cal.safe_date(y, mo, d))


def h_named(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    v = lexicon()["named_dates"][re.sub(r"\s+", " ", m.group(0).lower())]
    return cal.day(date.fromisoformat(v))


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


def h_month_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    if not mon or not _capitalised(m.group("mon")):
        return None
    return _mod_interval(cal.month(int(m.group("y")), mon), m.group("mod"))


_YEAR_PERIOD_BEFORE = re.compile(r"\bthe\s+$", re.I)
_YEAR_PERIOD_AFTER = re.compile(r"\s+(?:period|quarter)\b", re.I)


def h_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    y = int(m.group("y"))
    if not m.group("mod") and ctx.ref_quarter and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH:
        # "the 1988 period" right after a quarter was named: that quarter in 1988 (earnings reports)
        bm = _YEAR_PERIOD_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
        am = _YEAR_PERIOD_AFTER.match(ctx.text, m.end())
        if bm is not None and am is not None:
            res = cal.quarter(y, ctx.ref_quarter[1])
            if res is not None:
                res.span = (bm.start(), am.end())
                return res
    mod = (m.group("mod") or "").lower()
    season = re.search(r"summer|spring|fall|autumn|winter", mod)
    if season:
        # "the summer of 1990": the season, not the year (TimeML 1990-SU)
        return cal.season(y, lexicon()["seasons"][season.group(0)])
    return _mod_interval(cal.year(y), m.group("mod"))


def h_decade(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m.group("c"):
        first = int(m.group("c")) * 100 + int(m.group("d")) * 10
    else:
        dig = int(m.group("d2")) if m.group("d2") else lexicon()["decade_words"][m.group("w").lower()]
        if m.group("d2") is None and not m.group("the"):
            return None
        base = (ctx.anchor.year // 100 * 100) if ctx.anchor else 1900
        first = base + dig * 10
        if ctx.anchor and first > ctx.anchor.year:
            first -= 100
    return _mod_interval(cal.decade(first), m.group("mod"))


def h_century(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    o = m.group("ord").lower()
    n = lexicon()["ordinals"].get(o)
    if n is None:
        n = int(re.sub(r"\D", "", o) or 0)
    if not 1 <= n <= 30:
        return None
    return Resolved("DATE", f"{n - 1:02d}")


# ---- underspecified calendar dates


def _pick(cands: list[Resolved], ctx: Ctx, start: int, end: int, key: str = "begin") -> Resolved | None:
    """Choose among candidate readings (consecutive years) by the clause tense and the anchor."""
    cands = [c for c in cands if c is not None and c.begin is not None]
    if not cands or ctx.anchor is None:
        return None
    a = ctx.anchor
    t = ctx.tense(start, end)
    cue = _DATE_FORWARD_CUE.search(ctx.text[max(0, start - 20) : start])
    if cue and (t != "past" or cue.group(1).lower() in ("effective", "payable")):
        # "through January", "until Nov. 16"; a date something takes effect or is paid on is announced ahead
        # even in a past clause ("named him chairman, effective Feb. 1")
        t = "future"
    if t == "past":
        ok = [c for c in cands if c.begin <= a]  # type: ignore[operator]
        if ok:
            best = max(ok, key=lambda c: c.begin)  # type: ignore[arg-type]
            soon = [c for c in cands if a < c.begin <= a + timedelta(days=NEAR_FUTURE_DAYS)]  # type: ignore[operator]
            if soon and best.precision == "day" and (a - best.finish).days > FAR_PAST_DAYS:  # type: ignore[operator]
                # news give the year of a date that far back: a yearless date is the coming one
                # ("the deadline, which was pushed back to Oct. 21", "declared a dividend payable Dec. 7")
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


FAR_PAST_DAYS = 300  # a yearless day read as past that lies further back than this ...
NEAR_FUTURE_DAYS = 60  # ... is taken as the coming one when that lies within this many days
_DATE_FORWARD_CUE = re.compile(
    r"\b(until|till|through|effective|payable|starting)\s+(?:on\s+)?(?:early\s+|mid-?|late\s+)?$", re.I
)


def h_month_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    if not mon or not _capitalised(m.group("mon")):
        return None
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    if m.groupdict().get("y"):
        return cal.day(cal.safe_date(int(m.group("y")), mon, d))
    if ctx.anchor is None and ctx.year_hint is not None:
        cands = [
            c
            for c in (
                cal.day(cal.safe_date(yy, mon, d))
                for yy in range(ctx.year_hint.year - 1, ctx.year_hint.year + 2)
            )
            if c
        ]
        return min(cands, key=lambda c: abs((c.begin - ctx.year_hint).days)) if cands else None  # type: ignore[operator]
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{mon:02d}-{d:02d}")
    y = ctx.anchor.year
    cands = [c for c in (cal.day(cal.safe_date(yy, mon, d)) for yy in (y - 1, y, y + 1)) if c]
    wd = _weekday_num(m.group("wdn")) if m.groupdict().get("wdn") else None
    if wd:
        # "Monday, Oct. 26": the year in which that date falls on that weekday
        match = [c for c in cands if c.begin and c.begin.isoweekday() == wd]
        if match:
            cands = match
    return _pick(cands, ctx, m.start(), m.end())


def h_month(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    word = m.group("mon")
    if not mon or not _capitalised(word):
        return None
    low = word.lower()
    if low in ("may", "march") and not m.group("mod") and not m.group("rel"):
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(
            r"\b(?:in|since|until|till|by|before|after|during|of|from|through|to|and|or|early|late|the)\s*$",
            before,
        ):
            return None
        after = ctx.text[m.end() : m.end() + 12]
        if low == "may" and re.match(r"\s+(?:be|have|not|also|well|still|need|want)\b", after):
            return None
    rel = (m.group("rel") or "").lower()
    if ctx.anchor is None:
        return _mod_interval(Resolved("DATE", f"XXXX-{mon:02d}"), m.group("mod"))
    y = ctx.anchor.year
    if m.group("yrel"):
        yr = m.group("yrel").lower()
        y += {"this": 0, "last": -1, "next": 1}.get(yr, 0)
        return _mod_interval(cal.month(y, mon), m.group("mod"))
    cands = [cal.month(yy, mon) for yy in (y - 1, y, y + 1)]
    cands = [c for c in cands if c]
    a = ctx.anchor
    if rel in ("last", "this past", "past"):
        ok = [c for c in cands if c.finish < a.replace(day=1)]  # type: ignore[operator]
        res = max(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
    elif rel in ("next", "this coming", "coming"):
        ok = [c for c in cands if c.begin > a]  # type: ignore[operator]
        res = min(ok, key=lambda c: c.begin) if ok else None  # type: ignore[arg-type,return-value]
    elif rel == "this":
        res = cal.month(y, mon)
    else:
        res = _pick(cands, ctx, m.start(), m.end())
    return _mod_interval(res, m.group("mod"))


def h_holiday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    name = re.sub(r"\s+", " ", m.group("h").lower())
    md = lexicon()["fixed_holidays"].get(name)
    if not md or not _capitalised(m.group("h")):
        return None
    mo, d = int(md[:2]), int(md[3:])
    if m.group("y"):
        return cal.day(cal.safe_date(int(m.group("y")), mo, d))
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{mo:02d}-{d:02d}")
    y = ctx.anchor.year
    cands = [c for c in (cal.day(cal.safe_date(yy, mo, d)) for yy in (y - 1, y, y + 1)) if c]
    return _pick_relative(cands, m, ctx)


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


# ---- weekdays and relative days


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


def h_weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    wd = _weekday_num(m.group("wd"))
    if wd is None or not _capitalised(m.group("wd")):
        return None
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower()) or None
    dom_s = m.group("dn") or m.group("dn2")
    dom = int(dom_s) if dom_s else None
    pod = (m.groupdict().get("pod") or "").lower()
    suffix = ""
    if pod in ("afternoon", "evening"):
        # TempEval-3 gold marks "Friday evening" with a part of day, "Friday morning/night" mostly as the day
        suffix = "T" + lexicon()["parts_of_day"][pod]
    if ctx.anchor is None:
        return Resolved("TIME" if suffix else "DATE", f"XXXX-WXX-{wd}" + suffix)
    tense = ctx.tense(m.start("wd"), m.end("wd"))
    if tense == "modal" or _forward_cue(ctx, m.start(), tense):
        tense = "future"
    d = resolve_weekday(ctx.anchor, wd, tense, rel, dom)
    res = cal.day(d)
    if res and suffix:
        res.value += suffix
        res.type = "TIME"
    return res


_STRONG_FORWARD_CUE = re.compile(
    r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than)\s+(?:on\s+)?$", re.I
)
_FORWARD_CUE = re.compile(r"\b(?:until|till|by|before|starting|from)\s+(?:on\s+)?$", re.I)


def _forward_cue(ctx: Ctx, start: int, tense: str | None) -> bool:
    """ "as soon as Tuesday" points forward whatever the tense; "until Tuesday" unless the clause is past."""
    before = ctx.text[max(0, start - 20) : start]
    if _STRONG_FORWARD_CUE.search(before):
        return True
    return tense != "past" and bool(_FORWARD_CUE.search(before))


def h_relday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    offs = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "last night": -1,
        "overnight": 0,
    }
    off = offs.get(w)
    if off is None:
        return None
    pod = (m.groupdict().get("pod") or "").lower()
    suffix = ""
    if pod:
        suffix = "T" + lexicon()["parts_of_day"][pod]
    elif w == "last night":
        suffix = "TNI"
    if ctx.anchor is None:
        return Resolved("TIME" if suffix else "DATE", "XXXX-XX-XX" + suffix)
    res = cal.day(cal.shift_days(ctx.anchor, off))
    if res and suffix:
        res.value += suffix
        res.type = "TIME"
    return res


def h_this_pod(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    pod = m.group("pod").lower()
    code = lexicon()["parts_of_day"][pod]
    if ctx.anchor is None:
        return Resolved("TIME", "XXXX-XX-XXT" + code)
    res = cal.day(ctx.anchor)
    if res:
        res.value += "T" + code
        res.type = "TIME"
    return res


# ---- clock times


def h_clock(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    gd = m.groupdict()
    if gd.get("word"):
        hm = lexicon()["clock_words"][gd["word"].lower()]
        h, mi = int(hm[:2]), int(hm[3:])
    else:
        h = int(gd["h"])
        mi = int(gd.get("mi") or 0)
        ap = (gd.get("ap") or "").lower().replace(".", "").replace(" ", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return None
    base: Resolved | None = None
    dayword = gd.get("day")
    if dayword:
        sub = ctx.text[m.start("day") : m.end("day")]
        forward = _forward_cue(ctx, m.start(), ctx.tense(m.start(), m.end()))
        base = _resolve_day_phrase(sub, ctx, m.start("day"), forward)
    elif ctx.anchor is not None:
        base = cal.day(ctx.anchor)
    hhmm = f"T{h:02d}:{mi:02d}"
    if base is None:
        return Resolved("TIME", "XXXX-XX-XX" + hhmm)
    return Resolved("TIME", base.value + hhmm, base.begin, base.finish, "day")


def _resolve_day_phrase(s: str, ctx: Ctx, offset: int, forward: bool = False) -> Resolved | None:
    for rule in _rules():
        if rule.name in ("weekday", "relday", "month_day", "full_date"):
            mm = rule.pattern.fullmatch(s)
            if mm:
                sub_ctx = Ctx(ctx.text, ctx.anchor, ctx.sdoc)
                # tense lookups use document offsets; "until 6 a.m. Friday" looks forward
                if forward and "wd" in mm.groupdict() and mm.group("wd"):
                    sub_ctx.cache[(mm.start("wd") + offset, mm.end("wd") + offset)] = "future"
                r = rule.handler(_Shifted(mm, offset), sub_ctx)  # type: ignore[arg-type]
                if r:
                    return r
    return None


class _Shifted:
    """A match object whose start()/end() are shifted to document offsets."""

    def __init__(self, m: re.Match[str], offset: int):
        self._m, self._o = m, offset

    def group(self, *a: Any) -> Any:
        return self._m.group(*a)

    def groupdict(self) -> dict[str, Any]:
        return self._m.groupdict()

    def start(self, g: Any = 0) -> int:
        return self._m.start(g) + self._o

    def end(self, g: Any = 0) -> int:
        return self._m.end(g) + self._o


# ---- relative units: this/last/next week/month/year/season/quarter


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
        cands = [cal.season(yy, code) for yy in range(anchor.year - 2, anchor.year + 3)]
        cands = [c for c in cands if c]
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


def h_rel_unit(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = _unit_code(m.group("u"))
    if not unit:
        return None
    n = _REL_OFFSET.get(rel)
    if n is None:
        return None
    if unit in ("DE", "CE") and rel in ("the past", "the last", "past", "the next", "the coming"):
        return Resolved("DURATION", "P10Y" if unit == "DE" else "P100Y")
    if ctx.anchor is None:
        code = unit[2:] if unit.startswith("S:") else None
        return Resolved("DATE", f"XXXX-{code}" if code else _UNDERSPEC.get(unit, "XXXX"))
    if (
        unit == "Q"
        and rel in ("the latest", "the past", "the last", "last", "the previous")
        and ctx.ref_quarter
    ):
        y, q = ctx.ref_quarter
        return cal.quarter(y, q) if rel == "the latest" else cal.quarter(*_prev_q(y, q))
    if rel in ("the following", "the previous", "the preceding") and unit in ("D", "Y"):
        # anaphoric: counted from the last date mentioned, not from the anchor
        if unit == "Y" and ctx.ref_year is not None:
            return cal.year(ctx.ref_year + n)
        if unit == "D" and ctx.ref_day is not None:
            return cal.day(cal.shift_days(ctx.ref_day, n))
    res = shift_unit(ctx.anchor, unit, n)
    if res and unit == "Q":
        ctx.ref_quarter = _parse_q(res.value)
    return _mod_interval(res, m.group("mod"))


def _prev_q(y: int, q: int) -> tuple[int, int]:
    return (y, q - 1) if q > 1 else (y - 1, 4)


def _parse_q(v: str) -> tuple[int, int] | None:
    mm = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    return (int(mm.group(1)), int(mm.group(2))) if mm else None


def h_season(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    code = lexicon()["seasons"][m.group("s").lower()]
    if m.group("y"):
        return cal.season(int(m.group("y")), code)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{code}")
    cands = [cal.season(yy, code) for yy in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    return _pick([c for c in cands if c], ctx, m.start(), m.end())


# ---- quarters and halves


def h_quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    o = (m.group("ord") or "").lower()
    q = lexicon()["ordinals"].get(o)
    if q is None or not (1 <= q <= 4 or q == -1):
        return None
    if q == -1:
        q = 4
    if m.group("y") or m.group("yq"):
        y = int(m.group("y") or m.group("yq"))
    elif ctx.anchor is not None:
        y = ctx.anchor.year
        yrel = (m.group("yrel") or "").lower()
        if yrel.startswith("last") or yrel.startswith("year") or yrel.startswith("the year"):
            y -= 1
        elif yrel.startswith("next"):
            y += 1
        elif not yrel:
            qr = cal.quarter(y, q)
            if qr and qr.begin > ctx.anchor and ctx.tense(m.start(), m.end()) not in ("future", "modal"):  # type: ignore[operator]
                y -= 1
    else:
        return Resolved("DATE", f"XXXX-Q{q}")
    ctx.ref_quarter = (y, q)
    ctx.ref_quarter_at = m.start()
    return cal.quarter(y, q)


def h_the_quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX-QX")
    cur = (ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1)
    ref = (
        ctx.ref_quarter
        if ctx.ref_quarter and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH
        else _prev_q(*cur)
    )
    if "year-ago" in w or "year-earlier" in w or "last year" in w or "a year ago" in w:
        return cal.quarter(ref[0] - 1, ref[1])
    if "this" in w or "current" in w:
        return cal.quarter(*cur)
    return cal.quarter(*ref)


def h_half(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    h = 1 if m.group("o").lower() == "first" else 2
    yw = m.group("y").lower()
    if yw.isdigit():
        return cal.half(int(yw), h)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-H{h}")
    y = ctx.anchor.year + (-1 if "last" in yw else 1 if "next" in yw else 0)
    return cal.half(y, h)


# ---- "three days ago", "a year earlier", "year-earlier"


def h_ago(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    unit = _unit_code(m.group("u"))
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    n_s = m.group("n")
    n = _word_number(n_s)
    past = direction in ("ago", "earlier", "before", "previously", "back")
    if n is None:
        return Resolved("DATE", "PAST_REF" if past else "FUTURE_REF")
    k = int(round(n)) * (-1 if past else 1)
    if unit in ("TH", "TM", "TS"):
        if ctx.anchor is None:
            return Resolved("TIME", "XXXX-XX-XXTXX:XX")
        return Resolved("TIME", ctx.anchor.isoformat(), ctx.anchor, ctx.anchor, "day")
    if ctx.anchor is None:
        return Resolved("DATE", _UNDERSPEC.get(unit, "XXXX"))
    if direction in ("earlier", "later") and unit not in ("Y", "DE", "CE"):
        # "three days later": a duration relative to an unknown reference time (TimeML), span without "later"
        res = Resolved("DURATION", cal.duration(n, unit))
        res.span = (m.start(), m.end("u"))
        return res
    if (
        unit == "Y"
        and abs(k) == 1
        and ctx.ref_quarter
        and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH
    ):
        # "sales fell from $41 million a year ago" right after "third-quarter": the same quarter a year back
        y, q = ctx.ref_quarter
        return cal.quarter(y + k, q)
    if unit == "DE":
        return cal.year(ctx.anchor.year + 10 * k)
    if unit == "CE":
        return cal.year(ctx.anchor.year + 100 * k)
    res = shift_unit(ctx.anchor, unit, k)
    if res and direction in ("earlier", "later", "before", "after"):
        # relative to an unknown reference time: keep the value, do not offer it for event dating
        res.begin = res.finish = None
        res.precision = None
    return res


QUARTER_REACH = 1500  # characters over which a quarter mentioned stays the reference period


def h_year_ago_adj(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    if ctx.ref_quarter and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH:
        y, q = ctx.ref_quarter
        return cal.quarter(y - 1, q)
    return cal.year(ctx.anchor.year - 1)


# ---- durations


def h_duration(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    unit = _unit_code(m.group("u"))
    if not unit:
        return None
    n_s = m.group("n")
    n = None if n_s is None else _word_number(n_s)
    if n_s and n is None and not re.fullmatch(lexicon_vague(), n_s, re.I):
        return None
    if unit == "TS" and n_s and n_s.lower() in ("a", "an"):
        return None  # "a second attack"
    if unit == "Q" and n_s and re.fullmatch(r"(?:1[5-9]|20)\d\d", n_s):
        # "the 1988 quarter": the quarter under discussion (else an unknown one) of that year, not 1988 quarters
        y = int(n_s)
        if ctx.ref_quarter is not None and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH:
            return cal.quarter(y, ctx.ref_quarter[1])
        return Resolved("DATE", f"{y}-QX")
    if n_s and n_s.lower() == "recent" and unit in ("Y", "DE", "CE"):
        # "in recent years": an indefinite past period (TimeML PAST_REF), not a length of time
        return Resolved("DATE", "PAST_REF")
    return Resolved("DURATION", cal.duration(n, unit))


@lru_cache(maxsize=1)
def lexicon_vague() -> str:
    return _pieces()["VAGUE"]


def h_vague_plural(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    unit = _unit_code(m.group("u"))
    return Resolved("DURATION", cal.duration(None, unit)) if unit else None


def h_ref(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    v = lexicon()["ref_words"].get(w)
    if v is None:
        return None
    if w == "current":
        nxt = ctx.text[m.end() : m.end() + 20]
        if re.match(r"\s+(?:account|affairs|events|assets|liabilities|and\s+former|or\s+former)\b", nxt):
            return None
    if w in ("now",):
        nxt = ctx.text[m.end() : m.end() + 2]
        if nxt.startswith("-"):
            return None
    if w == "future":
        nxt = ctx.text[m.end() : m.end() + 3]
        if nxt.startswith("s"):
            return None
    return Resolved("DATE", v)


def h_set(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = m.group(0).lower()
    v = lexicon()["sets"].get(w)
    return Resolved("SET", v) if v else None


def h_every(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    x = m.group("x")
    wd = _weekday_num(x)
    if wd:
        return Resolved("SET", f"XXXX-WXX-{wd}")
    mon = _month_num(x) if len(x) > 3 else None
    if mon:
        return Resolved("SET", f"XXXX-{mon:02d}")
    s = lexicon()["seasons"].get(x.lower())
    if s:
        return Resolved("SET", f"XXXX-{s}")
    unit = _unit_code(x)
    if not unit:
        return None
    n = _word_number(m.group("n")) if m.group("n") else 1
    return Resolved("SET", cal.duration(n, unit))


def h_plural_weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    wd = _weekday_num(m.group("wd"))
    if not wd or not _capitalised(m.group("wd")):
        return None
    pod = m.group("pod")
    return Resolved("SET", f"XXXX-WXX-{wd}" + ("T" + lexicon()["parts_of_day"][pod.lower()] if pod else ""))


def h_weekend(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    a = ctx.anchor
    t = ctx.tense(m.start(), m.end())
    if t in ("future", "modal") and a.isoweekday() < 6:
        return cal.weekend(a)
    if a.isoweekday() >= 6:
        return cal.weekend(a)
    return cal.weekend(a - timedelta(days=7))


_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES_W = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_WORD_2DIG = rf"(?:{_TENS_W})(?:[- ](?:{_ONES_W}))?|{_TEENS_W}|oh[- ](?:{_ONES_W})"


def h_word_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = re.sub(r"[\s-]+", " ", m.group("w").lower())
    if w.startswith("two thousand"):
        if not m.group(0).lower().startswith("the year") and w == "two thousand":
            return None
        rest = w[len("two thousand") :].replace(" and ", " ").strip()
        n = 0 if not rest else _word_number(rest)
        return cal.year(2000 + int(n)) if n is not None else None
    cent, _, rest = w.partition(" ")
    rest = rest.replace("hundred", "").replace(" and ", " ").replace("oh ", "").strip()
    n = _word_number(rest)
    if n is None or n >= 100:
        return None
    return cal.year((19 if cent == "nineteen" else 18) * 100 + int(n))


def h_the_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m.group("ended"):
        # "the year ended Oct. 31": a year-long period; the extent is "the year" (TimeML)
        res = Resolved("DURATION", "P1Y")
        res.span = (m.start(), m.start("ended"))
        return res
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    return cal.year(ctx.anchor.year)


def h_year_end(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    return _mod_interval(cal.year(ctx.anchor.year), "late")


def h_in_the(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    unit = _unit_code(m.group("u"))
    if ctx.anchor is None:
        return Resolved("DATE", _UNDERSPEC.get(unit, "XXXX"))
    return shift_unit(ctx.anchor, unit, 0)


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


def h_moveable(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if not _capitalised(m.group("h")):
        return None
    kind = lexicon()["moveable_holidays"][re.sub(r"\s+", " ", m.group("h").lower())]
    if m.group("y"):
        return cal.day(moveable_date(kind, int(m.group("y"))))
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX-XX-XX")
    y = ctx.anchor.year
    cands = [c for c in (cal.day(moveable_date(kind, yy)) for yy in (y - 1, y, y + 1)) if c]
    return _pick_relative(cands, m, ctx)


def h_anaphoric(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "that day", "later that year", "the same day", "the next morning": the last date mentioned."""
    u = m.group("u").lower()
    shift = 1 if m.group("nxt") else 0
    if u == "year":
        if ctx.ref_year is None:
            return None
        return cal.year(ctx.ref_year + shift)
    if u in ("week", "month"):
        if ctx.ref_day is None:
            return None
        return shift_unit(ctx.ref_day, "W" if u == "week" else "M", shift)
    if ctx.ref_day is None:
        return None
    res = cal.day(cal.shift_days(ctx.ref_day, shift))
    if res and u in ("afternoon", "evening"):
        res.value += "T" + lexicon()["parts_of_day"][u]
        res.type = "TIME"
    return res


# ----------------------------------------------------------------------------- rule table


@lru_cache(maxsize=1)
def _rules() -> list[Rule]:
    p = _pieces()
    MON, WD, NUM, UNIT, VAGUE = p["MON"], p["WD"], p["NUM"], p["UNIT"], p["VAGUE"]
    MOD, DAYMOD, APPROX, POD = p["MOD"], p["DAYMOD"], p["APPROX"], p["POD"]
    Y = r"(?:1[5-9]\d\d|20\d\d)"
    NB = r"(?<![\w$£€#/.,-])"  # no word/number glued before
    NA = r"(?![\w%]|[.,]\d|-\d|/\d)"  # nor after
    YNA = r"(?![\w%]|[.,]\d|-(?!(?:1[5-9]|20)\d\d\b)\d|/\d)"  # a year may be followed by "-2001"
    DAYPHRASE = (
        rf"(?:(?:on\s+)?{WD}(?:,?\s+{MON}\s+\d{{1,2}})?|today|yesterday|tomorrow|tonight|{MON}\s+\d{{1,2}})"
    )
    YREL = (
        r"(?P<yrel>this\s+year's|last\s+year's|next\s+year's|the\s+year-(?:ago|earlier)|year-(?:ago|earlier))"
    )
    specs: list[tuple[str, str, Handler]] = [
        ("named", rf"{NB}{p['NAMED']}(?![\w/])", h_named),
        ("iso", rf"{NB}(?P<y>{Y})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T\d\d:\d\d(?::\d\d)?)?{NA}", h_iso),
        ("slash", rf"{NB}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}}){NA}", h_slash),
        (
            "full_date",
            rf"(?:(?:{WD}),?\s+)?(?:the\s+)?(?P<mon>{MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>{Y}){NA}",
            h_full_date,
        ),
        (
            "full_date",
            rf"(?:(?:{WD}),?\s+)?(?:the\s+)?{NB}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MON}),?\s+(?P<y>{Y}){NA}",
            h_full_date,
        ),
        (
            "month_day",
            rf"(?:(?P<wdn>{WD}),?\s+)?(?P<mon>{MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\w%]|[.,:]\d|\s*-\s*\d)",
            h_month_day,
        ),
        (
            "month_day",
            rf"(?:(?P<wdn>{WD}),?\s+)?(?:the\s+)?{NB}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{p['MONFULL']}|{MON}(?=\.)\.?)\b",
            h_month_day,
        ),
        (
            "month_year",
            rf"(?:(?P<mod>{MOD})\s*)?(?P<mon>{MON}),?\s+(?:of\s+)?(?P<y>{Y}){NA}",
            h_month_year,
        ),
        (
            "month",
            rf"(?:(?P<mod>{MOD})\s*)?(?:(?P<rel>last|this\s+past|this\s+coming|this|next|coming)\s+)?"
            rf"(?P<mon>{p['MONFULL']}|(?:jan|feb|aug|sept?|oct|nov|dec)\.)(?:\s+(?P<yrel>this|last|next)\s+year)?\b",
            h_month,
        ),
        (
            "year",
            rf"(?:(?<=\d{{4}}-)|{NB})(?:(?P<mod>{MOD}|fiscal(?:\s+year)?|(?:the\s+)?(?:year|summer|spring|fall|autumn|winter)\s+of|(?:the\s+)?year)\s*|(?:post|pre)-)?(?<![\w$£€#/.,])(?P<y>{Y}){YNA}(?!\s*(?:percent|per\s+cent|hours|hrs|GMT|local\s+time|troops|people|soldiers|km|miles|meters|feet))",
            h_year,
        ),
        (
            "decade",
            rf"(?:(?P<the>the)\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s|(?P<w>{p['DECW']})){NA}",
            h_decade,
        ),
        (
            "century",
            rf"(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{p['ORD']})[- ]century",
            h_century,
        ),
        ("holiday", rf"(?:(?P<rel>last|this|next)\s+)?(?P<h>{p['HOL']})(?:\s+(?P<y>{Y}))?\b", h_holiday),
        # clock times (optionally with the day)
        (
            "clock",
            rf"(?:(?:around|about|at\s+about|shortly\s+(?:before|after)|just\s+(?:before|after)|approximately|before|after)\s+)?"
            rf"{NB}(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"
            rf"(?:\s+(?:\(\s*)?(?P<tz>{p['TZ']})\)?)?(?:,?\s+(?P<day>{DAYPHRASE}))?",
            h_clock,
        ),
        (
            "clock",
            rf"{NB}(?P<h>[01]?\d|2[0-3])[:.]?(?P<mi>[0-5]\d)\s*(?:hrs\b|hours\b(?=\s+(?:{p['TZ']}|local))|(?P<tz>{p['TZ']})\b)"
            rf"(?:\s+(?:local\s+time|{p['TZ']}))?(?:,?\s+(?P<day>{DAYPHRASE}))?",
            h_clock,
        ),
        (
            "clock",
            rf"\b(?P<word>noon|midnight|midday)(?:,?\s+(?:on\s+)?(?P<day>{WD}|today|yesterday|tomorrow))?\b",
            h_clock,
        ),
        # weekdays, relative days, parts of day
        (
            "weekday",
            rf"(?:(?P<mod>{DAYMOD})\s+)?(?:(?P<rel>last|this\s+past|this\s+coming|this|next|coming|the\s+following|the\s+previous)\s+)?"
            rf"(?P<wd>{WD})(?:'s)?(?:\s*\(\s*(?P<dn>[0-3]?\d)\s*\)|,?\s+the\s+(?P<dn2>[0-3]?\d)(?:st|nd|rd|th))?"
            rf"(?:\s+(?P<pod>{POD}))?(?!s\b)",
            h_weekday,
        ),
        (
            "relday",
            rf"(?:(?P<mod>{DAYMOD})\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|last\s+night)"
            rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?\b(?!-)",
            h_relday,
        ),
        (
            "relday",
            rf"(?:(?P<mod>{DAYMOD})\s+)?(?P<pod>morning|afternoon|evening|night)\s+(?P<w>today|yesterday|tomorrow)\b",
            h_relday,
        ),
        (
            "this_pod",
            r"(?:(?:early|late|earlier|later)\s+)?this\s+(?P<pod>morning|afternoon|evening)\b",
            h_this_pod,
        ),
        ("plural_wd", rf"(?:(?:every|each|on)\s+)?(?P<wd>{WD})s(?:\s+(?P<pod>{POD})s?)?\b", h_plural_weekday),
        ("weekend", r"(?:over\s+)?(?P<core>(?:this|last|the\s+past|the)\s+weekend)\b", h_weekend),
        # this / last / next <unit>
        (
            "rel_unit",
            rf"(?:(?P<mod>early|late|earlier|later|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)\s+)?"
            r"(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+current"
            r"|the\s+next|the\s+following|the\s+preceding|past|coming|previous|current)\s+"
            rf"(?P<u>week|month|year|quarter|decade|century|fiscal\s+year|fortnight|{p['SEASON']}|(?<=following\s)day|(?<=previous\s)day)\b(?!-|\s+(?:old|long))",
            h_rel_unit,
        ),
        (
            "season",
            rf"(?:(?P<mod>early|late|mid-?)\s*)?(?:the\s+)?(?P<s>spring|summer|autumn|winter|fall)(?:\s+(?:of\s+)?(?P<y>{Y}))?\b(?!-)",
            h_season,
        ),
        (
            "quarter",
            rf"(?:the\s+)?(?:(?P<yq>{Y})\s+|{YREL}\s+)?(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"
            rf"[- ](?:fiscal[- ])?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{Y}))?\b",
            h_quarter,
        ),
        (
            "the_quarter",
            r"(?:the\s+(?:latest|most\s+recent|current|same|year-ago|year-earlier|comparable\s+year-ago)\s+quarter|the\s+latest\s+period|this\s+quarter|the\s+quarter"
            r"|the\s+year-(?:ago|earlier)\s+period|the\s+same\s+quarter\s+(?:of\s+)?last\s+year"
            r"|the\s+corresponding\s+(?:period|quarter)\s+(?:of\s+)?last\s+year|last\s+year's\s+quarter)\b(?!-)",
            h_the_quarter,
        ),
        (
            "half",
            rf"(?:the\s+)?(?P<o>first|second|last)\s+half\s+of\s+(?:the\s+)?(?P<y>{Y}|this\s+year|last\s+year|next\s+year|the\s+year)",
            h_half,
        ),
        # anchored offsets
        (
            "ago",
            rf"(?:{APPROX}\s+)*(?P<n>{NUM}|{VAGUE})\s+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
            h_ago,
        ),
        ("year_ago_adj", r"(?:the\s+)?\byear-(?:ago|earlier)\b(?!\s+(?:quarter|period))", h_year_ago_adj),
        # durations
        (
            "duration",
            rf"(?:{APPROX}\s+)*(?P<n>{NUM}|{VAGUE})(?:\s+(?:more|full|straight|consecutive|long|whole|additional|successive))?"
            rf"[\s-]+(?P<u>{UNIT})(?:-(?:long|old))?\b",
            h_duration,
        ),
        (
            "vague_plural",
            r"\b(?:for|over|within|in|after)\s+(?P<core>(?P<u>years|months|weeks|days|decades|hours|centuries))\b(?!\s+(?:of|ago|earlier|later|before|after))",
            h_vague_plural,
        ),
        ("ref", rf"(?<![\w-]){p['REF']}\b", h_ref),
        (
            "anaphoric",
            r"(?:(?:earlier|later|early|late)\s+)?(?:(?:that\s+same|that|the\s+same)|(?P<nxt>the\s+next))\s+"
            r"(?P<u>day|morning|afternoon|evening|night|week|month|year)\b(?!-)",
            h_anaphoric,
        ),
        (
            "the_year",
            r"(?:the\s+(?:(?P<q>full|current|latest|whole|entire|same)\s+)?(?:fiscal\s+|calendar\s+)?year)(?P<ended>\s+(?:ended|ending|to))?\b(?![-'])",
            h_the_year,
        ),
        (
            "year_end",
            r"(?:(?:around|by|at|until)\s+)?(?P<core>(?:the\s+end\s+of\s+(?:the|this)\s+year|year(?:'s)?[- ]end))\b",
            h_year_end,
        ),
        ("in_the", r"(?P<mod>earlier|later)\s+in\s+the\s+(?P<u>day|week|month|year)\b", h_in_the),
        (
            "word_year",
            rf"(?:the\s+year\s+)?(?P<w>(?:nineteen|eighteen)\s+(?:hundred\s+(?:and\s+)?)?(?:{_WORD_2DIG})|two\s+thousand(?:\s+and\s+(?:{_WORD_2DIG}))?)\b",
            h_word_year,
        ),
        ("vague_long", r"(?P<u>years|months|weeks|days|decades|hours|centuries)-long\b", h_vague_plural),
        (
            "moveable",
            rf"(?:(?P<rel>last|this|next)\s+)?(?P<h>{_alt(list(lexicon()['moveable_holidays']))})(?:\s+(?P<y>{Y}))?\b",
            h_moveable,
        ),
        ("set", rf"\b{p['SETW']}\b", h_set),
        (
            "every",
            rf"(?:every|each|per)\s+(?:(?P<n>{NUM})\s+)?(?P<x>{UNIT}|{WD}|{p['MONFULL']}|{p['SEASON']})\b",
            h_every,
        ),
    ]
    return [Rule(n, re.compile(rx, re.I), h) for n, rx, h in specs]


# ----------------------------------------------------------------------------- rule pre-filters
#
# Running every rule's pattern over the whole text is most of the tagger's cost, and in most texts most
# rules cannot match. Each rule gets a cheap necessary condition (a "trigger"): a regex that finds something
# in every text where the rule's pattern matches (or where a match could survive `_plausible`), so a rule
# whose trigger finds nothing is skipped without changing the result. Triggers run either
#  - on `_folded(text)`: lower case, whitespace runs as one space, and the few non-ASCII letters that
#    `re.IGNORECASE` equates with ASCII letters mapped to them (so a case-insensitive match of the
#    rule's words is a plain match there), or
#  - on the text itself, for rules whose month/weekday/holiday word must be capitalised to pass
#    `_plausible` (a match with a lower-case word yields no candidate whatever its span).
# Whoever changes a rule's pattern (or `_plausible`) must keep its trigger (and `_RULE_STARTS`) a necessary
# condition; `tests/test_time.py` and a comparison with plain `finditer` over a corpus catch most slips.

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).lower().split())


def _words(words: Any) -> str:
    """Alternation of lower-case words (longest first), spaces as one space."""
    ws = sorted({" ".join(w.lower().split()) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ws) + ")"


def _capitalised_words(words: Any) -> str:
    """Alternation of words whose first letter is upper case (what `_plausible` keeps), rest in any case."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        first = w[0].upper()
        rest = re.escape(w[1:]).replace(r"\ ", r"\s+")
        # with the upper-case letters that IGNORECASE matches with an ASCII letter ("\u0130" with i, Kelvin sign
        # with k); one alternative per first letter keeps the search fast
        for f in first + {"I": "\u0130", "K": "\u212a"}.get(first, ""):
            alts.append(f"{re.escape(f)}(?i:{rest})")
    return "(?:" + "|".join(alts) + ")"


# (run on the text itself rather than on _folded(text), regex, a quicker regex that must match first or None)
Trigger = tuple[bool, re.Pattern[str], re.Pattern[str] | None]


@lru_cache(maxsize=1)
def _triggers() -> list[Trigger | None]:
    """One trigger (or None: always run) per rule of `_rules()`, in the same order."""
    lx = lexicon()
    cap_months = _capitalised_words(lx["months"])
    cap_weekdays = _capitalised_words([w for w in lx["weekdays"] if len(w) > 4])
    units = _words([u for u in lx["units"] if u not in ("yr", "yrs")])
    num_words = _words([*lx["numbers"], *lx["vague_numbers"]])
    pods = "(?:morning|afternoon|evening|night)"
    relday_words = "(?:today|yesterday|tomorrow)"
    year = r"(?:1[5-9]|20)\d\d"
    low: dict[str, str | None] = {
        "named": None,
        "iso": r"\d-\d",
        "slash": r"\d/\d",
        "decade": rf"0'?s|{_words(lx['decade_words'])}",
        "century": "century",
        "relday": None,  # two rules: see below
        "this_pod": r"this (?:morning|afternoon|evening)",
        "weekend": "weekend",
        "rel_unit": (
            r"(?:past|coming|this|last|next|previous|current|following|preceding) "
            rf"(?:week|month|year|quarter|decade|century|fiscal|fortnight|day|{_words(lx['seasons'])})"
        ),
        "season": _words(["spring", "summer", "autumn", "winter", "fall"]),
        "quarter": "quarter",
        "the_quarter": "quarter|period",
        "half": "half of",
        "ago": rf"{units} (?:ago|earlier|later|from now|hence|back)",
        "year_ago_adj": "year-(?:ago|earlier)",
        "duration": (
            rf"(?:\d|{num_words}|half|more|full|straight|consecutive|long|whole|additional|successive)"
            rf"[ -]+{units}"
        ),
        "vague_plural": r"(?:for|over|within|in|after) (?:years|months|weeks|days|decades|hours|centuries)",
        "ref": _words(lx["ref_words"]),
        "anaphoric": r"(?:that|same|next) (?:day|morning|afternoon|evening|night|week|month|year)",
        "the_year": "the ",
        "year_end": r"end of th(?:e|is) year|year(?:'s)?[- ]end",
        "in_the": r"(?:earlier|later) in the (?:day|week|month|year)",
        "word_year": "nineteen|eighteen|two thousand",
        "vague_long": "s-long",
        "moveable": _words(lx["moveable_holidays"]),
        "set": _words(lx["sets"]),
        "every": "(?:every|each|per) ",
        "year": year,
    }
    out: list[Trigger | None] = []
    clock_n = relday_n = 0
    for rule in _rules():
        name = rule.name
        rx: str | None
        on_text = False
        if name in ("full_date", "month_day", "month_year", "month"):
            rx, on_text = cap_months, True  # `mon` must be capitalised (`_plausible`)
        elif name in ("weekday", "plural_wd"):
            rx, on_text = cap_weekdays, True  # so must `wd`
        elif name == "holiday":
            rx, on_text = _capitalised_words(lx["fixed_holidays"]), True
        elif name == "clock":
            rx = [
                r"\d ?[ap](?:\. ?)?m",
                rf"\d\d ?(?:hrs|hours|{_words(lx['timezones'])})",
                "noon|midnight|midday",
            ][clock_n]
            clock_n += 1
        elif name == "relday":
            rx = ["today|yesterday|tomorrow|tonight|last night", rf"{pods} {relday_words}"][relday_n]
            relday_n += 1
        else:
            rx = low[name]
        quick = re.compile(rf"[ -]{units}") if name == "duration" else None
        out.append(None if rx is None else (on_text, re.compile(rx), quick))
    return out


# Month rules run in most texts with a date, and their patterns are slow to try at every position. Every
# match of them starts with one of a few words (or a digit), so `pattern.match` is tried only where one of
# those begins, in order and after the end of the previous match: the same matches as `finditer`.
# Positions are read from `text.translate(_FOLD).lower()`, which keeps every character's offset (the only
# character whose lower case is longer, U+0130, is mapped first).
_MOD3 = ("ear", "lat", "mid", "the", "end")  # early, late, mid-, the end of ..., end-
_RULE_STARTS: dict[tuple[str, int], tuple[tuple[str, ...], bool]] = {
    # (rule name, n-th rule of that name): (beginnings of the words a match may begin with, or a digit);
    # WD and MON stand for the weekday and month words of the lexicon
    ("full_date", 0): (("WD", "the", "MON"), False),
    ("full_date", 1): (("WD", "the"), True),
    ("month_day", 0): (("WD", "MON"), False),
    ("month_day", 1): (("WD", "the"), True),
    ("month_year", 0): (_MOD3 + ("MON",), False),
    ("month", 0): (_MOD3 + ("las", "thi", "nex", "com", "MON"), False),
    # "about five years", "several weeks ago": an APPROX word or a number/vague word, or a digit
    ("ago", 0): (("NUMSTART",), True),
    ("duration", 0): (("NUMSTART",), True),
}
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _rule_starts() -> list[tuple[tuple[str, ...], bool] | None]:
    lx = lexicon()
    p = _pieces()
    approx = re.sub(r"\\s\+", " ", p["APPROX"]).strip("(?:)").split("|")
    expand = {
        "WD": sorted({w.lower()[:3] for w in lx["weekdays"] if len(w) > 4}),
        "MON": sorted({w.lower()[:3] for w in lx["months"]}),
        # first words of the APPROX alternatives and of the number and vague-number words
        "NUMSTART": sorted(
            {w.split()[0].lower() for w in [*approx, *lx["numbers"], *lx["vague_numbers"]] if w.strip()}
            | {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
        ),
    }
    seen: dict[str, int] = {}
    out: list[tuple[tuple[str, ...], bool] | None] = []
    for rule in _rules():
        n = seen.get(rule.name, 0)
        seen[rule.name] = n + 1
        spec = _RULE_STARTS.get((rule.name, n))
        if spec is None:
            out.append(None)
            continue
        words = tuple(dict.fromkeys(x for w in spec[0] for x in expand.get(w, [w])))
        out.append((words, spec[1]))
    return out


def _start_positions(
    lowtext: str, text: str, starts: tuple[tuple[str, ...], bool], memo: dict[str, list[int]]
) -> list[int]:
    found: set[int] = set()
    words, digits = starts
    for w in words:
        got = memo.get(w)
        if got is None:
            got = []
            k = lowtext.find(w)
            while k >= 0:
                got.append(k)
                k = lowtext.find(w, k + 1)
            memo[w] = got
        found.update(got)
    if digits:
        got = memo.get("\\d")
        if got is None:
            got = memo["\\d"] = [m.start() for m in _DIGIT.finditer(text)]
        found.update(got)
    return sorted(found)


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """`pattern.finditer(text)` when every match starts at one of `positions` (and none is empty)."""
    out = []
    end = 0
    for k in positions:
        if k < end:
            continue
        m = pattern.match(text, k)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


# ----------------------------------------------------------------------------- tagging


@dataclass
class Tagged:
    start: int
    end: int
    text: str
    res: Resolved
    rule: str


_TRAIL = ".,;: \t\n"


def tag(
    text: str, anchor: date | None = None, sdoc: Any = None, year_hint: date | None = None
) -> list[Tagged]:
    """All temporal expressions in `text`, in order, non-overlapping (longest match wins).

    `year_hint` (used only when there is no anchor) places month-day dates without a year in the year
    nearest to it; relative expressions stay underspecified.
    """
    cands: list[tuple[int, int, int, re.Match[str], Rule]] = []
    folded = _folded(text)
    lowtext = text.translate(_FOLD).lower()
    memo: dict[str, list[int]] = {}
    for i, (rule, trigger, starts) in enumerate(zip(_rules(), _triggers(), _rule_starts(), strict=True)):
        if trigger is not None:
            on_text, rx, quick = trigger
            where = text if on_text else folded
            if (quick is not None and not quick.search(where)) or not rx.search(where):
                continue  # the rule cannot match here
        if starts is not None and len(lowtext) == len(text):
            matches: Any = _matches_at(rule.pattern, text, _start_positions(lowtext, text, starts, memo))
        else:
            matches = rule.pattern.finditer(text)
        for m in matches:
            s, e = m.start(), m.end()
            if m.re.groupindex.get("core") and m.group("core"):
                s, e = m.start("core"), m.end("core")
            while e > s and text[e - 1] in " \t\n,":
                e -= 1
            s, e = _trim_span(text, s, e, rule.name)
            if e <= s:
                continue
            cands.append((s, e, i, m, rule))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, re.Match[str], Rule]] = []
    ctx_probe = Ctx(text, anchor, sdoc)
    for s, e, _, m, rule in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        if not _plausible(m, rule, ctx_probe):
            continue
        taken.append((s, e))
        chosen.append((s, e, m, rule))
    chosen.sort(key=lambda c: c[0])
    ctx = Ctx(text, anchor, sdoc, year_hint=year_hint)
    out: list[Tagged] = []
    for s, e, m, rule in chosen:
        try:
            res = rule.handler(m, ctx)
        except (ValueError, OverflowError, KeyError, IndexError):
            res = None
        if res is None:
            continue
        if res.value in ("", None):
            continue
        if res.span is not None:
            s, e = res.span
        if res.type in ("DATE", "TIME") and res.begin is not None and rule.name not in ("ago",):
            if res.precision == "day":
                ctx.ref_day = res.begin
            if res.precision in ("day", "month", "year"):
                ctx.ref_year = res.begin.year
        out.append(Tagged(s, e, text[s:e], res, rule.name))
    return _coordinated(text, out)


_WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$", re.I)
_OR_SO = re.compile(r"\s+or\s+so\b", re.I)
_NEXT_DAY = re.compile(
    r"\s+(?:and|or|to|through)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,:/-]?\d|\s*(?:%|per\s*cent|[A-Za-z]))"
)
_YEAR_PAIR = re.compile(r"(?<![\w$£€#/.,-])(?P<y>(?:1[5-9]|20)\d\d)[-/](?P<y2>\d\d)(?![\w%]|[.,]\d|[-/]\d)")


def _coordinated(text: str, out: list[Tagged]) -> list[Tagged]:
    """Second members of coordinated dates, each its own timex (TimeML): "April 24 and 25" -> "25" (the
    same month), "the 1996-97 season" -> "1996" and "97" (the next year)."""
    extra: list[Tagged] = []
    for k, t in enumerate(out):
        wm = _WEEK_OF.search(text, max(0, t.start - 14), t.start)
        if wm is not None and t.res.precision == "day" and t.res.begin is not None:
            # "the week of Oct. 12": the week containing that day
            wk = cal.week(t.res.begin)
            if wk is not None:
                out[k] = t = Tagged(wm.start(), t.end, text[wm.start() : t.end], wk, t.rule)
                continue
        om = _OR_SO.match(text, t.end)
        if om is not None and t.res.type in ("DATE", "DURATION"):
            # "the next year or so": the approximation is part of the extent (TimeML)
            out[k] = t = Tagged(t.start, om.end(), text[t.start : om.end()], t.res, t.rule)
        if t.rule != "month_day" or not re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", t.res.value):
            continue
        m = _NEXT_DAY.match(text, t.end)
        if m is None:
            continue
        d1, d2 = int(t.res.value[8:]), int(m.group("d"))
        if not d1 < d2 <= 31:
            continue
        if t.res.value[:4].isdigit():
            res = cal.day(cal.safe_date(int(t.res.value[:4]), int(t.res.value[5:7]), d2))
        else:
            res = Resolved("DATE", f"{t.res.value[:8]}{d2:02d}")
        if res is not None:
            extra.append(Tagged(m.start("d"), m.end("d"), m.group("d"), res, "month_day"))
    if "-" in text or "/" in text:
        for m in _YEAR_PAIR.finditer(text):
            y = int(m.group("y"))
            if int(m.group("y2")) != (y + 1) % 100:
                continue
            s1, e1 = m.span("y")
            s2, e2 = m.span("y2")
            for s, e, yy in ((s1, e1, y), (s2, e2, y + 1)):
                extra.append(Tagged(s, e, text[s:e], cal.year(yy), "year"))
    if not extra:
        return out
    extra = [x for x in extra if not any(x.start < t.end and t.start < x.end for t in out)]
    return sorted(out + extra, key=lambda t: t.start)


_POSSESSIVE = re.compile(r"['\u2019]s$", re.I)
_LEADING_PREP = re.compile(r"(?:over|in)\s+(?=the\s)", re.I)
_VERB_LAST = re.compile(r"last\s+(?=\S)", re.I)
_AUX_BEFORE = re.compile(r"\b(?:could|would|will|may|might|can|should|must|did|does|do|not)\s+$", re.I)
_LEADING_THE = re.compile(r"the\s+", re.I)
_ADJ_COMPOUND = re.compile(
    r"\w-(?:quarter|week|year|month|day|hour|minute|decade|century|ago|earlier)$", re.I
)


def _trim_span(text: str, s: int, e: int, rule: str = "") -> tuple[int, int]:
    """TimeML extents leave out a possessive clitic ("Friday's" -> "Friday") and a preposition before a
    determiner ("over the past two years" -> "the past two years", "in the past" -> "the past")."""
    pm = _POSSESSIVE.search(text, s, e)
    if pm is not None and e - s > 2:
        e = pm.start()
    vm = _VERB_LAST.match(text, s, e)
    if vm is not None and rule == "duration" and _AUX_BEFORE.search(text, max(0, s - 12), s):
        s = vm.end()  # "could last two weeks": the verb "last", not "the last two weeks"
    lm = _LEADING_PREP.match(text, s, e)
    if lm is not None:
        s = lm.end()
    dm = _LEADING_THE.match(text, s, e)
    if dm is not None and _month_num(text[dm.end() : e].split(" ", 1)[0]) and text[dm.end()].isupper():
        s = dm.end()  # "the Dec. 21, 1988 agreement": the determiner goes with the noun
    if _ADJ_COMPOUND.search(text, s, e):
        # a hyphenated compound modifying a noun ("the third-quarter results", "the two-week trip"): the
        # determiner belongs to the noun phrase, not to the timex
        dm = _LEADING_THE.match(text, s, e)
        if dm is not None:
            s = dm.end()
    return s, e


def _plausible(m: re.Match[str], rule: Rule, ctx: Ctx) -> bool:
    """Cheap checks done before overlap resolution so that a rejected long match frees its span."""
    gd = m.groupdict()
    for g in ("mon", "wd", "h"):
        if rule.name in ("clock",) and g == "h":
            continue
        if (
            g in gd
            and gd[g]
            and rule.name not in ("named", "iso", "slash", "holiday")
            and not gd[g][0].isupper()
        ):
            return False
    if rule.name == "holiday" and not gd["h"][0].isupper():
        return False
    if rule.name == "month":
        return h_month(m, Ctx(ctx.text, date(2000, 1, 1))) is not None
    if rule.name in ("duration", "ago") and gd.get("n"):
        nlow = gd["n"].lower()
        if gd.get("u", "").lower() in ("second", "seconds") and nlow in ("a", "an"):
            return False
        if (
            rule.name == "duration"
            and nlow in ("a", "an")
            and re.match(r"(?i)(?:a|an)\s+(?:second|quarter)\b", m.group(0))
        ):
            return False
    if rule.name == "duration":
        tail = ctx.text[m.end() : m.end() + 6].lower()
        if m.group(0).lower().endswith("-old") or re.match(r"\s*(?:-\s*)?old\b", tail):
            return False  # ages are not temporal expressions in TimeML
        if (gd.get("n") or "").lower() in ("a", "an", "one", "per"):
            before = ctx.text[max(0, m.start() - 14) : m.start()].lower()
            if re.search(
                r"(?:\d|million|billion|thousand|percent|%|times|once|twice|shares|cents|dollars|hours|seats|flights)\s*$",
                before,
            ):
                return False  # "$2 million a year", "24 hours a day": rates, not durations
    if rule.name == "season":
        before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
        word = gd.get("s") or ""
        if (
            word[:1].isupper()
            and m.start() > 0
            and ctx.text[max(0, m.start() - 2) : m.start()].strip() not in ("", ".", "\n")
        ):
            return False
        if not (
            gd.get("y")
            or gd.get("mod")
            or m.group(0).lower().startswith("the")
            or re.search(r"\b(?:in|during|by|until|since|through|this|last|next|early|late|mid)\s*$", before)
        ):
            return False
    if rule.name == "duration" and (gd.get("u") or "").lower() in ("quarter", "quarters"):
        if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) and "-" in m.group(0):
            return False  # "three-quarters of the seats"
        n = _word_number(gd.get("n") or "")
        if n is None or n < 2:
            return False
    return True
