"""Rule handlers for expressions relative to the anchor or to the last date mentioned: weekdays, "today",
clock times, "last week", "three days ago", durations, sets, anaphoric "that day"."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from . import calendar as cal
from .anchoring import (
    _REL_OFFSET,
    _UNDERSPEC,
    QUARTER_REACH,
    _forward_cue,
    _mod_interval,
    _parse_q,
    _prev_q,
    _unit_code,
    resolve_weekday,
    shift_unit,
)
from .calendar import Resolved
from .grammar import Ctx, _capitalised, _month_num, _weekday_num, _word_number, lexicon, lexicon_vague
from .tense import futurate_present


def h_weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    wd = _weekday_num(m.group("wd"))
    if wd is None or not _capitalised(m.group("wd")):
        return None
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower()) or None
    dom_s = m.group("dn") or m.group("dn2")
    dom = int(dom_s) if dom_s else None
    pod = (m.groupdict().get("pod") or "").lower()
    # TimeML (TIMEX3 guidelines, parts of day): "Friday morning" is 1998-08-07TMO, "Friday night" ...TNI
    suffix = "T" + lexicon()["parts_of_day"][pod] if pod in ("afternoon", "evening") else ""
    if ctx.anchor is None:
        return Resolved("TIME" if suffix else "DATE", f"XXXX-WXX-{wd}" + suffix)
    tense = ctx.tense(m.start("wd"), m.end("wd"))
    if tense == "modal" and _past_ability(ctx, m.start()):
        tense = "past"  # "could not be reached Tuesday": a failed attempt, not a plan
    if tense == "present" and not rel and wd != ctx.anchor.isoweekday() and futurate_present(ctx.sdoc, m.start("wd")):
        tense = "future"  # "elders meet Monday with the governor": an arrangement ahead
    if ctx.narrative or tense == "modal" or _forward_cue(ctx, m.start(), tense):
        tense = "future"  # a narrative moves forward: "By Wednesday" after "Monday, 6 June" is 8 June
    base = ctx.anchor
    if rel in ("the previous", "the following") and ctx.ref_day is not None and not ctx.narrative:
        base = ctx.ref_day  # anaphoric: "down 4% from the previous Friday" counts from the day last mentioned
    d = resolve_weekday(base, wd, tense, rel, dom)
    res = cal.day(d)
    if res and suffix:
        res.value += suffix
        res.type = "TIME"
    return res


_PAST_ABILITY = re.compile(r"\b(?:could(?:\s+not|n't|\s+never)|neither\b[^.;]*\bcould)\b[^.;]*$", re.I)


def _past_ability(ctx: Ctx, start: int) -> bool:
    """A negated "could" before the expression in its sentence: the past of "can" ("could not be located
    Wednesday", "neither ... could be reached Tuesday"), not a possibility ahead."""
    a = max(ctx.text.rfind(".", 0, start), ctx.text.rfind("\n", 0, start)) + 1
    return bool(_PAST_ABILITY.search(ctx.text, max(a, start - 120), start))


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
    if w == "today" and _generic_today(ctx, m.end("w")):
        return Resolved("DATE", "PRESENT_REF")
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


_POSSESSIVE_HEAD = re.compile(r"['\u2019]s((?:\s+[A-Za-z-]+){1,3})")
_NP_END = {"of", "on", "in", "at", "by", "and", "or", "for", "to", "from", "with", "was", "is", "were", "are"}


def _generic_today(ctx: Ctx, end: int) -> bool:
    """ "today's youth", "in today's world": "today" meaning "nowadays" (TIDES 2005 TIMEX2 guidelines:
    the generic present, PRESENT_REF), not the publication day ("today's attack"). The possessed noun
    decides: a population, an era or its technology (`generic_today_nouns`, English lexis)."""
    nouns = set(lexicon()["generic_today_nouns"])
    m = _POSSESSIVE_HEAD.match(ctx.text, end)
    if m is None:
        return False
    words: list[str] = []
    for x in m.group(1).lower().split():
        if x in _NP_END:
            break
        words.append(x)
    return any(x in nouns for x in words)


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
    from .ruletable import _rules  # the rule table holds this module's handlers

    lead = re.match(r"on\s+", s, re.I)
    if lead is not None:
        s, offset = s[lead.end() :], offset + lead.end()
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
    if rel in ("the following", "the previous", "the preceding") and unit == "M" and ctx.ref_month is not None:
        return _mod_interval(shift_unit(ctx.ref_month, unit, n), m.group("mod"))  # "In March ... The following month"
    res = shift_unit(ctx.anchor, unit, n)
    if res and unit == "Q":
        ctx.ref_quarter = _parse_q(res.value)
    return _mod_interval(res, m.group("mod"))


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
    if ctx.narrative and direction in ("earlier", "later"):
        res = _narrative_offset(unit, k, ctx)
        if res is not None:
            return res
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


# the reference precisions an offset in each unit can be counted from ("two days later" needs a day)
_OFFSET_NEEDS = {
    "D": ("day",),
    "W": ("day", "week"),
    "FN": ("day", "week"),
    "M": ("day", "week", "month"),
    "Y": ("day", "week", "month", "year"),
}


def _narrative_offset(unit: str, k: int, ctx: Ctx) -> Resolved | None:
    """ "two days later", "three weeks later", "a month earlier" in a narrative: a DATE at the unit's
    granularity counted from the reference time (HeidelTime's narrative convention), or None when the
    reference is too coarse for the unit."""
    ref = ctx.ref_begin
    if ref is None or ctx.ref_precision not in _OFFSET_NEEDS.get(unit, ()):
        return None
    if unit == "D":
        return cal.day(cal.shift_days(ref, k))
    if unit == "Y":
        return cal.year(ref.year + k)
    return shift_unit(ref, unit, k)


def h_year_ago_adj(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    if ctx.ref_quarter and 0 <= m.start() - ctx.ref_quarter_at < QUARTER_REACH:
        y, q = ctx.ref_quarter
        return cal.quarter(y - 1, q)
    return cal.year(ctx.anchor.year - 1)


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
    if n_s and n_s.lower() in ("recent", "coming") and not m.group("u").lower().endswith("s"):
        return None  # "the coming week" is the next week (`h_rel_unit`), not a length of time
    if n_s and n_s.lower() == "recent" and unit in ("Y", "DE", "CE"):
        # "in recent years": an indefinite past period (TimeML PAST_REF), not a length of time
        return Resolved("DATE", "PAST_REF")
    return Resolved("DURATION", cal.duration(n, unit))


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


# a measure before "per <unit>": "15 million instructions per second", "80 km per hour" (a rate or a speed,
# not a TIMEX: TIDES 2005 / TimeML list expressions of speed and rates among the non-markables)
_RATE_BEFORE = re.compile(r"\d[\d.,]*(?:\s+(?:million|billion|thousand|hundred))?(?:\s+[a-z]+){0,2}\s+$", re.I)


def h_every(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m.group(0)[:3].lower() == "per" and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start()):
        return None
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


def h_in_the(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    unit = _unit_code(m.group("u"))
    if ctx.anchor is None:
        return Resolved("DATE", _UNDERSPEC.get(unit, "XXXX"))
    return shift_unit(ctx.anchor, unit, 0)


def h_anaphoric(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "that day", "later that year", "the same day", "the next morning": the last date mentioned."""
    u = m.group("u").lower()
    shift = 1 if m.group("nxt") else 0
    if u == "year":
        if ctx.ref_year is None:
            return None
        return cal.year(ctx.ref_year + shift)
    if u in lexicon()["seasons"]:
        return _anaphoric_season(lexicon()["seasons"][u], shift, ctx)
    if u in ("week", "month"):
        base = ctx.ref_day
        if ctx.narrative and ctx.ref_precision in (("day", "week") if u == "week" else ("day", "week", "month")):
            base = ctx.ref_begin  # "later that month" after "In May 1926"
        if base is None:
            return None
        return shift_unit(base, "W" if u == "week" else "M", shift)
    if ctx.ref_day is None:
        return None
    res = cal.day(cal.shift_days(ctx.ref_day, shift))
    # TIMEX3 (TimeML 1.2.1 guidelines, parts of day): "that night" is a TIME, the reference day + TNI; "that
    # morning" stays the day (our narrative gold and TempEval-3 mostly write the day for morning)
    if res and u in ("afternoon", "evening", "night"):
        res.value += "T" + lexicon()["parts_of_day"][u]
        res.type = "TIME"
    return res



def _anaphoric_season(code: str, shift: int, ctx: Ctx) -> Resolved | None:
    """ "that summer", "the following winter": the season of the reference year (the season the reference
    lies in when it is that one: "that winter" after "January 1943" is 1942-WI), or the next such one."""
    ref = ctx.ref_begin if ctx.narrative and ctx.ref_begin is not None else ctx.ref_day
    if ref is None:
        if ctx.ref_year is None or shift:
            return None
        return cal.season(ctx.ref_year, code)
    y, cur = cal.season_of(ref)
    if cur != code:
        y = ref.year
        if shift:
            nxt = cal.season(y, code)
            if nxt is not None and nxt.begin is not None and nxt.begin <= ref:
                y += 1
        return cal.season(y, code)
    return cal.season(y + shift, code)
