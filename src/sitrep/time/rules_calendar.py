"""Rule handlers for calendar expressions: dates with a year, yearless months and days, years, decades,
centuries, seasons, quarters, halves, holidays."""

from __future__ import annotations

import re
from datetime import date

from . import calendar as cal
from .anchoring import QUARTER_REACH, _mod_interval, _pick, _pick_relative, _prev_q, moveable_date
from .calendar import Resolved
from .grammar import Ctx, _capitalised, _month_num, _weekday_num, _word_number, lexicon


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
    if ctx.day_first and a <= 12 and b <= 12:
        mo, d = b, a  # the text writes dates day first ("14/05/2019" elsewhere in it)
    return cal.day(cal.safe_date(y, mo, d))


def h_named(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    v = lexicon()["named_dates"][re.sub(r"\s+", " ", m.group(0).lower())]
    return cal.day(date.fromisoformat(v))


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


def h_month_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    if not mon or not _capitalised(m.group("mon")):
        return None
    d = int(m.group("d"))
    y_s = m.groupdict().get("y")
    wdn = m.groupdict().get("wdn")
    return month_day(mon, d, int(y_s) if y_s else None, _weekday_num(wdn) if wdn else None, m, ctx)


def month_day(mon: int, d: int, y0: int | None, wd: int | None, m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """Day `d` of month `mon`: in year `y0` when the text gives it, else the year the anchor, the year
    hint or the narrative's reference time points to (see `_pick`)."""
    if not 1 <= d <= 31:
        return None
    if y0 is not None:
        return cal.day(cal.safe_date(y0, mon, d))
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
    months = [cal.month(yy, mon) for yy in (y - 1, y, y + 1)]
    cands = [c for c in months if c is not None]
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


def h_season(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    code = lexicon()["seasons"][m.group("s").lower()]
    if m.group("y"):
        return cal.season(int(m.group("y")), code)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{code}")
    cands = [cal.season(yy, code) for yy in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    return _pick([c for c in cands if c], ctx, m.start(), m.end())


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
    res = cal.quarter(y, q)
    ended = re.match(r",?\s+(?:that\s+)?(?:ended|ending)\b", ctx.text[m.end() : m.end() + 16], re.I)
    if ctx.anchor is None or res is None or res.finish is None or res.finish < ctx.anchor or ended or ctx.tense(m.start(), m.end()) == "past":
        # a reported (ended) quarter is what "the latest quarter", "a year ago" are read against; a quarter
        # still ahead ("expects fourth-quarter profit to fall") is a forecast, not the period reported on;
        # "the fourth quarter ended Sept. 30", "reported a decline in fourth-quarter earnings" (in November):
        # a fiscal quarter that has ended
        ctx.ref_quarter = (y, q)
        ctx.ref_quarter_at = m.start()
    return res


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


_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"


_ONES_W = "one|two|three|four|five|six|seven|eight|nine"


_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


_WORD_2DIG = rf"(?:{_TENS_W})(?:[- ](?:{_ONES_W}))?|{_TEENS_W}|oh[- ](?:{_ONES_W})"


def h_word_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """A spelled-out year (transcripts: "nineteen ninety-four"), also after a month ("January nineteen
    ninety-seven" is 1997-01) or a season ("the winter of nineteen ninety-four" is 1994-WI)."""
    res = _word_year(m)
    if res is None or res.begin is None:
        return res
    mon, season = m.groupdict().get("mon"), m.groupdict().get("s")
    if mon:
        mo = _month_num(mon)
        return cal.month(res.begin.year, mo) if mo else None
    if season:
        return cal.season(res.begin.year, lexicon()["seasons"][season.lower()])
    return res


def _word_year(m: re.Match[str]) -> Resolved | None:
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
    """ "year-end", "the end of the year": the year (TimeML: value the year, mod END; TempEval-3 gold
    splits between the year and 31 December, so the year the guidelines give is kept)."""
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    return _mod_interval(cal.year(ctx.anchor.year), "late")


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

