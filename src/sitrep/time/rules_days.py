"""Rule handlers for day expressions met in wire copy, event notes and narratives: numeric dates ("19 05
2019", "14.05.2019", "2019/05/14"), spelled-out ordinal days ("the fifth of March", "March the fifth"),
a bare ordinal day ("on the 15th": the day in the month the text has reached), and "the end of the
month" / "the beginning of the week"."""

from __future__ import annotations

import re

from . import calendar as cal
from .anchoring import _mod_interval, shift_unit
from .calendar import Resolved
from .grammar import Ctx, _month_num, lexicon
from .rules_calendar import month_day


def h_numeric_dmy(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "19 05 2019", "14.05.2019": day, month, year (the order of wire copy and event notes)."""
    return cal.day(cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))


def h_numeric_ymd(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "2019/05/14": year, month, day."""
    return cal.day(cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))


def day_ordinal(word: str) -> int | None:
    """1..31 for "fifth", "twenty-first", "twenty first", "thirty-first"; None otherwise."""
    n = lexicon()["ordinals"].get(re.sub(r"[\s-]+", "-", word.lower()))
    return n if isinstance(n, int) and 1 <= n <= 31 else None


def h_day_range_first(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """The first day of "3-5 May 2019", "between 3 and 5 May": its month (and year) are the second's."""
    mon = _month_num(m.group("mon"))
    d = m.group("d") or m.group("d_") or m.group("d__")
    if not mon or not d or not m.group("mon")[0].isupper():
        return None
    y = m.group("y")
    return month_day(mon, int(d), int(y) if y else None, None, m, ctx)


_US_RANGE_MONTH = re.compile(r"([A-Z][a-z]+)\.?\s+[0-3]?\d(?:st|nd|rd|th)?(?:\s?[-\u2013\u2014]\s?|\s+(?:to|through)\s+)$")


def h_day_range_second_us(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """The second day of "May 3-5, 2019": the month is the first member's."""
    before = _US_RANGE_MONTH.search(ctx.text, max(0, m.start() - 24), m.start())
    mon = _month_num(before.group(1)) if before else None
    if not mon:
        return None
    return month_day(mon, int(m.group("d")), int(m.group("y")), None, m, ctx)


def h_ordinal_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month_num(m.group("mon"))
    d = day_ordinal(m.group("dw"))
    if not mon or d is None:
        return None
    y = m.group("y")
    return month_day(mon, d, int(y) if y else None, None, m, ctx)


def _month_base(ctx: Ctx) -> tuple[int, int] | None:
    """The month the text has reached: the narrative reference (day to month precision), else the last
    day mentioned, else the anchor."""
    if ctx.narrative and ctx.ref_begin is not None and ctx.ref_precision in ("day", "week", "month"):
        return ctx.ref_begin.year, ctx.ref_begin.month
    base = ctx.ref_day or ctx.anchor
    return (base.year, base.month) if base is not None else None


def h_bare_ordinal(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "Shelling resumed on the 15th", "gave way on the twelfth,": that day of the month the text has
    reached."""
    d = int(m.group("d")) if m.group("d") else day_ordinal(m.group("dw")) or 0
    if not 1 <= d <= 31:
        return None
    base = _month_base(ctx)
    if base is None:
        return Resolved("DATE", f"XXXX-XX-{d:02d}")
    return cal.day(cal.safe_date(base[0], base[1], d))


def h_period_part(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "the end of the month", "the beginning of the week": that part of the month or week the text has
    reached (the narrative reference, else the anchor's)."""
    u = m.group("u").lower()
    if u == "month":
        base = _month_base(ctx)
        if base is None:
            return Resolved("DATE", "XXXX-XX")
        return _mod_interval(cal.month(*base), m.group("mod"))
    ref = ctx.anchor
    if ctx.narrative and ctx.ref_precision in ("day", "week"):
        ref = ctx.ref_begin
    if ref is None:
        return Resolved("DATE", "XXXX-WXX")
    return _mod_interval(shift_unit(ref, "W", 0), m.group("mod"))
