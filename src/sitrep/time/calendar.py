"""Calendar arithmetic and TimeML value helpers for the time stage.

A resolved value is a `Resolved` (TIMEX3 type, value, and - when it denotes calendar time - the
interval `begin`..`finish` with its `precision`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass
class Resolved:
    type: str
    value: str
    begin: date | None = None
    finish: date | None = None
    precision: str | None = None
    span: tuple[int, int] | None = None  # when the normaliser trims the matched span


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def day(d: date | None, typ: str = "DATE") -> Resolved | None:
    if d is None or not 1 <= d.year <= 9999:
        return None
    return Resolved(typ, d.isoformat(), d, d, "day")


def week(d: date) -> Resolved:
    y, w, _ = d.isocalendar()
    mon = d - timedelta(days=d.isoweekday() - 1)
    return Resolved("DATE", f"{y:04d}-W{w:02d}", mon, mon + timedelta(days=6), "week")


def weekend(d: date) -> Resolved:
    y, w, _ = d.isocalendar()
    sat = d - timedelta(days=d.isoweekday() - 6)
    return Resolved("DATE", f"{y:04d}-W{w:02d}-WE", sat, sat + timedelta(days=1), "day")


def month(y: int, m: int) -> Resolved | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    return Resolved("DATE", f"{y:04d}-{m:02d}", date(y, m, 1), month_end(y, m), "month")


def year(y: int) -> Resolved | None:
    if not 1 <= y <= 9999:
        return None
    return Resolved("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def quarter(y: int, q: int) -> Resolved | None:
    if not (1 <= y <= 9999 and 1 <= q <= 4):
        return None
    m0 = 3 * (q - 1) + 1
    return Resolved("DATE", f"{y:04d}-Q{q}", date(y, m0, 1), month_end(y, m0 + 2), "month")


def half(y: int, h: int) -> Resolved | None:
    if not (1 <= y <= 9999 and h in (1, 2)):
        return None
    m0 = 1 if h == 1 else 7
    return Resolved("DATE", f"{y:04d}-H{h}", date(y, m0, 1), month_end(y, m0 + 5), "month")


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def season(y: int, code: str) -> Resolved | None:
    if not 1 <= y <= 9998:
        return None
    a, b = SEASON_MONTHS[code]
    by, bm = add_months(y, 1, b - 1)
    return Resolved("DATE", f"{y:04d}-{code}", date(y, a, 1), month_end(by, bm), "month")


def decade(first_year: int) -> Resolved:
    return Resolved(
        "DATE", f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade"
    )


def season_of(d: date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


def fmt_number(n: float) -> str:
    if n == int(n):
        return str(int(n))
    return f"{n:g}"


def duration(n: float | None, unit: str) -> str:
    """TimeML duration value: unit codes Y M W D DE CE TH TM TS Q WE FN."""
    x = "X" if n is None else None
    if unit == "DE":
        return "PXY" if n is None else f"P{fmt_number(10 * n)}Y"
    if unit == "CE":
        return "PXC" if n is None else f"P{fmt_number(100 * n)}Y"
    if unit == "Q":
        return "PXQ" if n is None else f"P{fmt_number(n)}Q"  # TimeBank: "the past two quarters" = P2Q
    if unit == "WE":
        return "PXWE" if n is None else f"P{fmt_number(n)}WE"
    if unit == "FN":
        return "PXW" if n is None else f"P{fmt_number(2 * n)}W"
    if unit in ("TH", "TM", "TS"):
        if n is not None and n != int(n) and unit == "TH":
            return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
        return f"PT{x or fmt_number(n)}{unit[1]}"  # type: ignore[arg-type]
    if n is not None and n != int(n) and unit == "Y":
        return f"P{int(n)}Y{int(round((n - int(n)) * 12))}M" if int(n) else f"P{int(round(n * 12))}M"
    return f"P{x or fmt_number(n)}{unit}"  # type: ignore[arg-type]
