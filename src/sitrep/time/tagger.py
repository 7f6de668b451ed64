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

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import calendar as cal
from .calendar import Resolved
from .grammar import Ctx, Rule, _month_num, _word_number
from .prefilter import _FOLD, _folded, _matches_at, _rule_starts, _start_positions, _triggers
from .rules_calendar import h_month
from .ruletable import _rules


@dataclass
class Tagged:
    start: int
    end: int
    text: str
    res: Resolved
    rule: str


_TRAIL = ".,;: \t\n"


def tag(
    text: str,
    anchor: date | None = None,
    sdoc: Any = None,
    year_hint: date | None = None,
    narrative: bool = False,
    background: bool = False,
) -> list[Tagged]:
    """All temporal expressions in `text`, in order, non-overlapping (longest match wins).

    `year_hint` (used only when there is no anchor) places month-day dates without a year in the year
    nearest to it; relative expressions stay underspecified.
    `narrative`: the reference time moves with the text (see `_resolve`); `background` (news, with an
    anchor): a paragraph that names a date more than a year before the anchor switches to narrative
    anchoring until its end ("when it ruled the country between 1996 and 2001 ... in late spring").
    """
    chosen = _choose(text, anchor, sdoc)
    ctx = Ctx(text, anchor, sdoc, year_hint=year_hint, narrative=narrative)
    ctx.day_first = _DAY_FIRST.search(text) is not None and _MONTH_FIRST.search(text) is None
    out: list[Tagged] = []
    yearless: set[int] = set()
    bg_until = -1
    for s, e, m, rule in chosen:
        if bg_until >= 0 and s >= bg_until:
            bg_until = -1  # the background sentence is over: back to the news anchor
        if not narrative:
            # news: only a yearless or anaphoric expression in a past clause of a background sentence
            ctx.narrative = bg_until >= 0 and rule.name in _BG_RULES and ctx.tense(s, e) == "past"
            ctx.anchor = anchor
        if ctx.narrative and ctx.ref_begin is not None:
            ctx.anchor = ctx.ref_begin
        try:
            res = rule.handler(m, ctx)
        except (ValueError, OverflowError, KeyError, IndexError):
            res = None
        if res is None or res.value in ("", None):
            continue
        if res.span is not None:
            s, e = res.span
        explicit = bool(m.groupdict().get("y")) or rule.name in ("iso", "slash", "numeric")
        if not explicit and rule.name in ("month_day", "month", "ordinal_day", "season"):
            yearless.add(len(out))
        if res.type in ("DATE", "TIME") and res.begin is not None:
            if rule.name not in ("ago",) or ctx.narrative:
                if res.precision == "day":
                    ctx.ref_day = res.begin
                if res.precision in ("day", "month"):
                    ctx.ref_month = res.begin.replace(day=1)
                if res.precision in ("day", "month", "year"):
                    ctx.ref_year = res.begin.year
            if ctx.narrative or bg_until >= 0:
                _set_ref(ctx, res)
            if background and explicit and anchor is not None and _long_before(res, anchor):
                if not _PERIOD_START.search(text, max(0, s - 8), s):
                    _set_ref(ctx, res)
                    bg_until = _sentence_end(text, e)
        out.append(Tagged(s, e, text[s:e], res, rule.name))
    return _coordinated(text, _range_years(text, out, yearless))


def _choose(text: str, anchor: date | None, sdoc: Any) -> list[tuple[int, int, re.Match[str], Rule]]:
    """Every rule's matches (pre-filtered), longest first, without overlaps, in text order."""
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
    return chosen


# a day-first numeric date ("14/05/2019") / a month-first one ("05/14/2019") somewhere in the text
_DAY_FIRST = re.compile(r"(?<![\d/])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:\d{4}|\d\d)(?![\d/])")
_MONTH_FIRST = re.compile(r"(?<![\d/])(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])/(?:\d{4}|\d\d)(?![\d/])")
_REF_PRECISIONS = ("day", "week", "month", "year")


def _set_ref(ctx: Ctx, res: Resolved) -> None:
    """The narrative's reference time is now `res` (a date of day to year precision)."""
    if res.precision not in _REF_PRECISIONS or res.begin is None:
        return
    ctx.ref_begin, ctx.ref_finish, ctx.ref_precision = res.begin, res.finish or res.begin, res.precision


def _long_before(res: Resolved, anchor: date) -> bool:
    """A date in a year before the anchor's previous one: history, not the news period."""
    return res.finish is not None and res.precision in _REF_PRECISIONS and res.finish.year < anchor.year - 1


# in a news article's background sentence ("It took the capital in September 1996 and lost it in
# November"), these take their year from the old date; deictic ones ("this year", "Tuesday") do not
_BG_RULES = frozenset({"month_day", "month", "ordinal_day", "season", "holiday", "anaphoric", "bare_ordinal"})
_PERIOD_START = re.compile(r"\b(?:since|until|till|before|after|by)\s+$", re.I)  # "since 1990": not a time point
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


_RANGE_LINK = re.compile(r"\s*(?:-|\u2013|\u2014|to|and|until|till|through)\s*(?:early\s+|mid-?|late\s+)?$", re.I)


def _range_years(text: str, out: list[Tagged], yearless: set[int]) -> list[Tagged]:
    """The first member of a range takes the year the second states: "from 3 March to 5 May 2019",
    "between late March and early May 2019" (the year before when its month comes later)."""
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if k not in yearless or (k + 1) in yearless or b.res.begin is None:
            continue
        if b.res.precision not in ("day", "month") or _RANGE_LINK.fullmatch(text, a.end, b.start) is None:
            continue
        vm = _MONTH_VALUE.fullmatch(a.res.value)
        if vm is None:
            continue
        mon = int(vm.group("m"))
        y = b.res.begin.year - (1 if mon > b.res.begin.month else 0)
        if vm.group("y") == f"{y:04d}":
            continue
        res = cal.day(cal.safe_date(y, mon, int(vm.group("d")))) if vm.group("d") else cal.month(y, mon)
        if res is not None:
            out[k] = Tagged(a.start, a.end, a.text, res, a.rule)
    return out


_MONTH_VALUE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<m>\d\d)(?:-(?P<d>\d\d))?")


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
                year = cal.year(yy)
                if year is not None:
                    extra.append(Tagged(s, e, text[s:e], year, "year"))
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


# a common time noun written with a capital inside running text belongs to a name or a title ("ABC's "This
# Week"", the film "High Noon", "USA Today"): TimeML and TIDES do not mark temporal words that are part of a
# proper name. Holidays ("New Year", "Memorial Day") are names of times and are kept.
_NAME_NOUN = re.compile(
    r"\b(?:Week|Weekend|Noon|Midnight|Morning|Afternoon|Evening|Night|Tonight|Today|Month|Year|Quarter"
    r"|Decade|Century)\b"
)
_LINE_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _in_name(text: str, s: int, e: int) -> bool:
    """A capitalised time noun inside [s, e) that does not begin a sentence, a line or a quotation, in a
    line that is not written in title case (a headline)."""
    for w in _NAME_NOUN.finditer(text, s, e):
        a = text.rfind("\n", 0, w.start()) + 1
        prev = text[a : w.start()].rstrip(" \t")  # the line before the word (empty: it begins the line)
        if not prev or prev[-1] in ".!?\"'`:;(-_[\u201c\u2018\u00ab\u2014\u2013\u2015*":
            continue
        b = text.find("\n", w.end())
        words = _LINE_WORD.findall(text[a : b if b >= 0 else len(text)])
        if words and sum(x[0].isupper() for x in words) > 0.7 * len(words):
            continue
        return True
    return False


def _plausible(m: re.Match[str], rule: Rule, ctx: Ctx) -> bool:
    """Cheap checks done before overlap resolution so that a rejected long match frees its span."""
    gd = m.groupdict()
    if rule.name not in ("holiday", "moveable", "named") and _in_name(ctx.text, m.start(), m.end()):
        return False
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

