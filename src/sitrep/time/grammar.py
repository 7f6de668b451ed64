"""Grammar tables of the temporal tagger: the lexicon (`data/lexicon.json`), the regex pieces built from
it, number words, and the per-text context (`Ctx`) the rule handlers share."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from .calendar import Resolved
from .tense import tense_at


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
    ref_month: date | None = None  # first day of the month of the last day- or month-precision expression
    # narrative anchoring (no publication date, or a news article's background passage): the interval and
    # precision of the last date the text has reached; `anchor` is set to its start before each expression
    narrative: bool = False
    ref_begin: date | None = None
    ref_finish: date | None = None
    ref_precision: str | None = None
    day_first: bool = False  # numeric dates "05/06/2019" read day first (the text has one like "14/05/2019")
    cache: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self.cache:
            self.cache[key] = tense_at(self.sdoc, self.text, start, end)
        return self.cache[key]


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


@lru_cache(maxsize=1)
def lexicon_vague() -> str:
    return _pieces()["VAGUE"]

