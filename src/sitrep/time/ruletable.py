"""The rule table: each rule's regular pattern and its handler, in priority order."""

from __future__ import annotations

import re
from functools import lru_cache

from .grammar import Handler, Rule, _alt, _pieces, lexicon
from .rules_calendar import (
    _WORD_2DIG,
    h_century,
    h_decade,
    h_full_date,
    h_half,
    h_holiday,
    h_iso,
    h_month,
    h_month_day,
    h_month_year,
    h_moveable,
    h_named,
    h_quarter,
    h_season,
    h_slash,
    h_the_quarter,
    h_the_year,
    h_word_year,
    h_year,
    h_year_end,
)
from .rules_days import (
    h_bare_ordinal,
    h_day_range_first,
    h_day_range_second_us,
    h_numeric_dmy,
    h_numeric_ymd,
    h_ordinal_day,
    h_period_part,
)
from .rules_relative import (
    h_ago,
    h_anaphoric,
    h_clock,
    h_duration,
    h_every,
    h_in_the,
    h_plural_weekday,
    h_ref,
    h_rel_unit,
    h_relday,
    h_set,
    h_this_pod,
    h_vague_plural,
    h_weekday,
    h_weekend,
    h_year_ago_adj,
)

Spec = tuple[str, str, Handler]


@lru_cache(maxsize=1)
def _shared() -> dict[str, str]:
    """The regex pieces of `_pieces()` plus the year, boundary and day-phrase pieces the rules share."""
    p = dict(_pieces())
    MON, WD = p["MON"], p["WD"]
    p["Y"] = r"(?:1[5-9]\d\d|20\d\d)"
    p["NB"] = r"(?<![\w$£€#/.,-])"  # no word/number glued before
    p["NA"] = r"(?![\w%]|[.,]\d|-\d|/\d)"  # nor after
    p["YNA"] = r"(?![\w%]|[.,]\d|-(?!(?:1[5-9]|20)\d\d\b)\d|/\d)"  # a year may be followed by "-2001"
    p["DAYPHRASE"] = (
        rf"(?:(?:on\s+)?{WD}(?:,?\s+{MON}\s+\d{{1,2}})?|today|yesterday|tomorrow|tonight|{MON}\s+\d{{1,2}}"
        # "5 a.m. on 2 August 1916", "at 10 p.m. on March 3, 2011"
        rf"|on\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MON},?\s+{p['Y']}|on\s+{MON}\s+\d{{1,2}},?\s+{p['Y']})"
    )
    p["YREL"] = (
        r"(?P<yrel>this\s+year's|last\s+year's|next\s+year's|the\s+year-(?:ago|earlier)|year-(?:ago|earlier))"
    )
    return p


def _calendar_specs() -> list[Spec]:
    """Dates, months, years, decades, centuries, holidays."""
    p = _shared()
    MON, WD, MOD, Y, NB = p["MON"], p["WD"], p["MOD"], p["Y"], p["NB"]
    NA, YNA = p["NA"], p["YNA"]
    return [
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
    ]


def _clock_day_specs() -> list[Spec]:
    """Clock times (optionally with the day), weekdays, relative days, parts of day."""
    p = _shared()
    WD, DAYMOD, POD, NB, DAYPHRASE = p["WD"], p["DAYMOD"], p["POD"], p["NB"], p["DAYPHRASE"]
    return [
        (
            "clock",
            rf"(?:(?:around|about|at\s+about|shortly\s+(?:before|after)|just\s+(?:before|after)|approximately|before|after)\s+)?"
            rf"{NB}(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"
            rf"(?:\s+(?:\(\s*)?(?P<tz>{p['TZ']})\)?)?"
            # the wire's conversion in brackets belongs to the local time: "10:35 a.m. (0735 GMT) Friday"
            rf"(?:\s*\(\s*(?:[01]?\d|2[0-3])[:.]?[0-5]\d\s*(?:{p['TZ']})\s*\))?"
            rf"(?:,?\s+(?P<day>{DAYPHRASE}))?",
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
    ]


def _relative_specs() -> list[Spec]:
    """This/last/next units, seasons, quarters, offsets, durations, sets."""
    p = _shared()
    WD, NUM, UNIT, VAGUE, APPROX = p["WD"], p["NUM"], p["UNIT"], p["VAGUE"], p["APPROX"]
    Y, YREL = p["Y"], p["YREL"]
    return [
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
            rf"(?<![\w'])(?:{APPROX}\s+)*(?P<n>{NUM}|{VAGUE})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
            h_ago,
        ),
        ("year_ago_adj", r"(?:the\s+)?\byear-(?:ago|earlier)\b(?!\s+(?:quarter|period))", h_year_ago_adj),
        # durations
        (
            "duration",
            rf"(?<![\w'])(?:{APPROX}\s+)*(?P<n>{NUM}|{VAGUE})(?:\s+(?:more|full|straight|consecutive|long|whole|additional|successive))?"
            rf"[\s-]+(?P<u>{UNIT})(?:-(?:long|old))?\b",
            h_duration,
        ),
        (
            "vague_plural",
            r"\b(?:for|over|within|in|after)\s+(?P<core>(?P<u>years|months|weeks|days|decades|hours|centuries))\b(?!\s+(?:of|ago|earlier|later|before|after))",
            h_vague_plural,
        ),
        # "the weeks ahead", like "the coming weeks" and "recent weeks": an indefinite stretch, DURATION PXW
        ("ahead", r"\bthe\s+(?P<u>days|weeks|months|years|decades)\s+ahead\b", h_vague_plural),
        ("ref", rf"(?<![\w-]){p['REF']}\b", h_ref),
        (
            "anaphoric",
            r"(?:(?:earlier|later|early|late)\s+)?(?:(?:that\s+same|that|the\s+same)|(?P<nxt>the\s+next|the\s+following))\s+"
            r"(?P<u>day|morning|afternoon|evening|night|week|month|year|spring|summer|autumn|winter)\b(?!-)",
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
            rf"(?:the\s+year\s+|(?P<mon>(?=(?-i:[A-Z])){p['MONFULL']}),?\s+(?:of\s+)?|(?:the\s+)?(?P<s>{p['SEASON']})\s+of\s+)?"
            rf"(?P<w>(?:nineteen|eighteen)\s+(?:hundred\s+(?:and\s+)?)?(?:{_WORD_2DIG})|two\s+thousand(?:\s+and\s+(?:{_WORD_2DIG}))?)\b",
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


def _day_ordinal_words() -> str:
    """Spelled-out ordinals 1..31 ("fifth", "twenty-first" or "twenty first"), longest first."""
    ws = [w for w, n in lexicon()["ordinals"].items() if w.isalpha() or "-" in w]
    ws = [w for w in ws if isinstance(lexicon()["ordinals"][w], int) and 1 <= lexicon()["ordinals"][w] <= 31]
    return "(?:" + "|".join(re.escape(w).replace(r"\-", r"[-\s]") for w in sorted(ws, key=len, reverse=True)) + ")"


def _day_specs() -> list[Spec]:
    """Numeric dates of wire copy and event notes, spelled-out ordinal days, "on the 15th", "the end of
    the month" (added after the others, so that they never win a tie against an older rule)."""
    p = _shared()
    MON, WD, Y, NB, NA = p["MON"], p["WD"], p["Y"], p["NB"], p["NA"]
    ordw = _day_ordinal_words()
    month = rf"(?P<mon>{p['MONFULL']}|{MON}(?=\.)\.?)"
    after = r"(?:and|when|after|before|but|at|in|as|or|to|until|till)"
    return [
        ("numeric", rf"{NB}(?P<d>[0-3]?\d) (?P<m>0?[1-9]|1[0-2]) (?P<y>{Y}){NA}", h_numeric_dmy),
        ("numeric", rf"{NB}(?P<d>[0-3]?\d)\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{Y}){NA}", h_numeric_dmy),
        ("numeric", rf"{NB}(?P<y>{Y})/(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d){NA}", h_numeric_ymd),
        (
            "ordinal_day",
            rf"(?:(?:{WD}),?\s+)?(?:the\s+)?(?P<dw>{ordw})\s+of\s+{month}(?:,?\s+(?P<y>{Y}))?{NA}",
            h_ordinal_day,
        ),
        (
            "ordinal_day",
            rf"{month}\s+(?P<dw>{ordw})(?!-)\b(?:,?\s+(?P<y>{Y}))?{NA}",
            h_ordinal_day,
        ),
        (
            # "14 Sep,": an abbreviated month without its full stop, closed by punctuation (event notes)
            "month_day",
            rf"(?:the\s+)?{NB}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
            r"(?=\s*[,;:)\]])",
            h_month_day,
        ),
        (
            "bare_ordinal",
            r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bsince\s)|(?<=\bfrom\s))the\s+(?:(?P<d>[0-3]?\d)"
            rf"(?:st|nd|rd|th)|(?P<dw>{ordw}))\b(?=\s*[,.;:)]|\s+{after}\b)",
            h_bare_ordinal,
        ),
        (
            "period_part",
            r"(?P<mod>the\s+(?:end|beginning|start|middle)\s+of)\s+the\s+(?P<u>month|week)\b(?!-)",
            h_period_part,
        ),
        *_day_range_specs(p, month),
    ]


def _day_range_specs(p: dict[str, str], month: str) -> list[Spec]:
    """Day ranges inside one month, each member its own DATE (event dating joins them into a range):
    "3-5 May 2019", "the night of 13-14 May", "between 3 and 5 May", "from 3 to 5 May", "May 3-5, 2019"."""
    MON, Y, NB, NA = p["MON"], p["Y"], p["NB"], p["NA"]
    sfx = r"(?:st|nd|rd|th)?"
    dash = r"\s?[-\u2013\u2014]\s?"
    lead = r"(?:(?<=\bbetween\s)(?P<d>[0-3]?\d)" + sfx + r"(?=\s+and\s)|(?<=\bfrom\s)(?P<d_>[0-3]?\d)" + sfx
    lead += r"(?=\s+(?:to|until|till|through)\s)|" + NB + r"(?P<d__>[0-3]?\d)" + sfx + r"(?=" + dash + r"))"
    rest = rf"(?:\s+(?:and|to|until|till|through)\s+|{dash})[0-3]?\d{sfx}\s+(?:of\s+)?{month}(?:,?\s+(?P<y>{Y}))?{NA}"
    after_dash = r"(?<=\d-)|(?<=\d\u2013)|(?<=\d\u2014)|(?<=\d\s-\s)|(?<=\d\s\u2013\s)"
    second = rf"(?:{after_dash})"
    return [
        ("month_day", lead + rf"(?={rest})", h_day_range_first),
        ("month_day", rf"{second}(?P<d>[0-3]?\d){sfx}\s+(?:of\s+)?{month}(?:,?\s+(?P<y>{Y}))?{NA}", h_month_day),
        # "May 3-5, 2019": the first member takes the year the second states
        (
            "month_day",
            rf"(?P<mon>{MON})\s+(?P<d>[0-3]?\d){sfx}(?=(?:{dash}|\s+(?:to|through)\s+)[0-3]?\d{sfx},?\s+(?P<y>{Y}){NA})",
            h_month_day,
        ),
        (
            "month_day",
            rf"(?:{after_dash}|(?<=\d\sto\s)|(?<=\d\sthrough\s))(?P<d>[0-3]?\d){sfx},?\s+(?P<y>{Y}){NA}",
            h_day_range_second_us,
        ),
    ]


@lru_cache(maxsize=1)
def _rules() -> list[Rule]:
    specs = _calendar_specs() + _clock_day_specs() + _relative_specs() + _day_specs()
    return [Rule(n, re.compile(rx, re.I), h) for n, rx, h in specs]

