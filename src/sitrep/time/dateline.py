"""Read an article's own date from its dateline or header, for texts without a publication date.

Recognised (within the first `HEAD_CHARS` characters):
- "GHAZNI, Afghanistan (Oct. 8, 2011)"      -> 2011-10-08
- "GHAZNI, Afghanistan (Sept. 1)"           -> year from a release number such as "2012-09-CA-118"
                                               (the reading nearest the release month), else unresolved
- "Operational Update, Jan. 15, 2011", "June 4, 2019 11:05 am", "2021-09-06", "6 September 2021"
- "Feb. 9: Insurgents Held"                 -> headline date; year from a release number
"LUSAKA, Zambia (AP) _" carries no date: nothing is set.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar import safe_date
from .grammar import _pieces, lexicon

HEAD_CHARS = 600

_RELEASE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-[A-Z]{1,3}\s*[-\u2013\u2014]\s*\d+")


def _patterns() -> list[tuple[int, re.Pattern[str]]]:
    mon = _pieces()["MON"]
    y = r"(?P<y>(?:19|20)\d\d)"
    md = rf"(?P<mon>{mon})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    dm = rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{mon})"
    bol = r"(?:^|(?<=[\n\u2028\u2029]))[ \t\u00a0]*"
    return [
        (0, re.compile(rf"\(\s*{md},?\s+{y}\s*\)", re.I)),
        (0, re.compile(rf"\(\s*{dm},?\s+{y}\s*\)", re.I)),
        (1, re.compile(rf"{bol}(?:[A-Z][\w .'-]*,\s*)?{md},?\s+{y}\b", re.I)),
        (
            1,
            re.compile(
                rf"\b(?:Update|Release|Published|Posted|Updated|Dated)[,:]?\s+(?:on\s+)?{md},?\s+{y}\b", re.I
            ),
        ),
        (1, re.compile(rf"{bol}(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", re.I)),
        (2, re.compile(rf"\b{md},\s+{y}\b", re.I)),
        (2, re.compile(rf"\b{dm},?\s+{y}\b", re.I)),
        (3, re.compile(rf"\(\s*{md}\s*\)", re.I)),
        (3, re.compile(rf"\b(?:Update|Release)[,:]?\s+{md}\b(?!,?\s*\d)", re.I)),
        (4, re.compile(rf"{bol}{md}\s*:", re.I)),
    ]


PROSE_RANK = 2  # the rank of a date inside the first sentences (not a dateline, header or headline date)


def find_dateline(text: str) -> tuple[date, tuple[int, int]] | None:
    """The article's own date and the span it was read from, or None."""
    found = find_dateline_ranked(text)
    return (found[0], found[1]) if found else None


def find_dateline_ranked(text: str) -> tuple[date, tuple[int, int], int] | None:
    """`find_dateline` with the rank of the pattern that found it: 0-1 a dateline or header ("KABUL,
    Afghanistan (Jan. 25, 2013)", "Operational Update, Jan. 15, 2011"), 3-4 one without a year, `PROSE_RANK` a date in
    the running text ("On 6 June 1994 fighting broke out")."""
    head = text[:HEAD_CHARS]
    best: tuple[int, int, date, tuple[int, int]] | None = None
    months = lexicon()["months"]
    for rank, pat in _patterns():
        for m in pat.finditer(head):
            gd = m.groupdict()
            if gd.get("m"):
                mo = int(gd["m"])
            else:
                mo = months.get(gd["mon"].lower().rstrip("."), 0)
                if not gd["mon"][0].isupper():
                    continue
            d = int(gd["d"])
            if gd.get("y"):
                dt = safe_date(int(gd["y"]), mo, d)
            else:
                dt = _year_from_release(text, mo, d)
            if dt is None:
                continue
            span = (m.start("d") if gd.get("m") else min(m.start("mon"), m.start("d")), m.end())
            if text[span[1] - 1] in ")::":
                span = (span[0], span[1] - 1)
            key = (rank, m.start())
            if best is None or key < best[:2]:
                best = (rank, m.start(), dt, span)
            break
    if best is None:
        return None
    s, e = best[3]
    while e > s and text[e - 1] in " \t)(:":
        e -= 1
    return best[2], (s, e), best[0]


def release_month(text: str) -> date | None:
    """The 15th of the month named by a press-release number such as "2012-09-CA-118", if any."""
    m = _RELEASE.search(text[: HEAD_CHARS * 2])
    return date(int(m.group(1)), int(m.group(2)), 15) if m else None


def _year_from_release(text: str, mo: int, d: int) -> date | None:
    ref = release_month(text)
    if ref is None:
        return None
    ry = ref.year
    cands = [safe_date(y, mo, d) for y in (ry - 1, ry, ry + 1)]
    ok = [c for c in cands if c is not None]
    if not ok:
        return None
    return min(ok, key=lambda c: abs((c - ref).days))
