"""Rule pre-filters of the temporal tagger.

Running every rule's pattern over the whole text is most of the tagger's cost, and in most texts most
rules cannot match. Each rule gets a cheap necessary condition (a "trigger"): a regex that finds something
in every text where the rule's pattern matches (or where a match could survive `_plausible`), so a rule
whose trigger finds nothing is skipped without changing the result. Triggers run either
 - on `_folded(text)`: lower case, whitespace runs as one space, and the few non-ASCII letters that
   `re.IGNORECASE` equates with ASCII letters mapped to them (so a case-insensitive match of the
   rule's words is a plain match there), or
 - on the text itself, for rules whose month/weekday/holiday word must be capitalised to pass
   `_plausible` (a match with a lower-case word yields no candidate whatever its span).
Whoever changes a rule's pattern (or `_plausible`) must keep its trigger (and `_RULE_STARTS`) a necessary
condition; `tests/test_time.py` and a comparison with plain `finditer` over a corpus catch most slips.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .grammar import _pieces, lexicon
from .ruletable import _rules

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
        "ago": rf"{units} (?:or so )?(?:ago|earlier|later|from now|hence|back)",
        "year_ago_adj": "year-(?:ago|earlier)",
        "duration": (
            rf"(?:\d|{num_words}|half|more|full|straight|consecutive|long|whole|additional|successive)"
            rf"[ -]+{units}"
        ),
        "vague_plural": r"(?:for|over|within|in|after) (?:years|months|weeks|days|decades|hours|centuries)",
        "ahead": r"(?:days|weeks|months|years|decades) ahead",
        "ref": _words(lx["ref_words"]),
        "anaphoric": (
            r"(?:that|same|next|following) (?:day|morning|afternoon|evening|night|week|month|year|spring|summer"
            r"|autumn|winter)"
        ),
        "the_year": "the ",
        "year_end": r"end of th(?:e|is) year|year(?:'s)?[- ]end",
        "in_the": r"(?:earlier|later) in the (?:day|week|month|year)",
        "word_year": "nineteen|eighteen|two thousand",
        "vague_long": "s-long",
        "moveable": _words(lx["moveable_holidays"]),
        "set": _words(lx["sets"]),
        "every": "(?:every|each|per) ",
        "year": year,
        "numeric": r"\d[ ./]\d",
        "bare_ordinal": r"the (?:\d{1,2}(?:st|nd|rd|th)|[a-z-]+(?:st|nd|rd|th))",
        "period_part": r"(?:end|beginning|start|middle) of the (?:month|week)",
    }
    out: list[Trigger | None] = []
    clock_n = relday_n = 0
    for rule in _rules():
        name = rule.name
        rx: str | None
        on_text = False
        if name in ("full_date", "month_day", "month_year", "month", "ordinal_day"):
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

