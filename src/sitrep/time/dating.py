"""Event dating: `date_event(doc, event)` sets `event.date` and `event.timeframe`.

Which time expression dates an event (first that applies):
1. a calendar expression in the event's sentence syntactically attached to the trigger (the expression's
   head chain in the spaCy parse reaches the trigger, or the verb that governs the trigger);
2. else the calendar expression in the sentence nearest to the trigger (the article's dateline itself
   is skipped: it dates the report, it is used by rule 3);
3. else the reference time carried over from the text just before the sentence (the closest day- or
   week-precision expression within `CARRY_CHARS` characters before it, within `HISTORICAL_DAYS` of
   the anchor: "A patrol raided a hideout in Sarn yesterday. Two men were held ..." dates the
   holding "yesterday");
4. else - when the clause is not future/modal - the anchor (publication date, else dateline), precision
   day; without an anchor, the month named by a press-release number ("2012-04-S-217"), precision
   month; else None.
"between 1996 and 2001", "from May to July", "1996-2001" give a range (start of the first, end of the
second).

`EventDate` strings are cut to the precision: day/week -> "YYYY-MM-DD" (a week spans Monday..Sunday),
month -> "YYYY-MM" (also for "early August": the month, not the first ten days), year -> "YYYY",
decade -> first and last year ("1980", "1989").

Timeframe:
- "future": future tense, modals or plans on the trigger's clause ("will", "could be held", "plans to",
  "an agreement to be negotiated", "ready to negotiate"), or an event date that begins after the anchor
  ("may have been killed" is a hedged past, not future);
- "historical": the event date ends more than `HISTORICAL_DAYS` (14) days before the anchor (so another
  year, decade, or last month's events), i.e. clearly before the news period;
- "current" otherwise (including when nothing is known).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from typing import Any

from ..document import Document, Event, EventDate, TimeMention
from .tense import REPORTING_LEMMAS, governing_verb, tense_at, token_at, verb_tense

HISTORICAL_DAYS = 14
CARRY_CHARS = 800
_RANGE_MID = re.compile(r"^\s*(?:-|\u2013|\u2014|to|and|until|till|through|thru)\s*$", re.I)
_RANGE_PRE = re.compile(r"(?:between|from)\s*$", re.I)
_NEG_MODAL = re.compile(r"\b(?:could|would)\s+not\b|\bcouldn't\b|\bwouldn't\b", re.I)


def _fmt(d: date, precision: str, end: bool = False) -> str:
    if precision in ("day", "week"):
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _interval(t: TimeMention) -> tuple[date, date, str] | None:
    if t.begin is None or t.finish is None or t.precision is None:
        return None
    b, f = t.begin, t.finish
    # early/mid/late narrow begin/finish; event dates keep the whole unit the value names
    v = t.value
    if t.precision == "month" and re.fullmatch(r"\d{4}-\d\d", v):
        b = b.replace(day=1)
        nxt = date(b.year + (b.month == 12), b.month % 12 + 1, 1)
        f = nxt - timedelta(days=1)
    elif t.precision == "year" and re.fullmatch(r"\d{4}", v):
        b, f = date(b.year, 1, 1), date(b.year, 12, 31)
    return b, f, t.precision


def _make(b: date, f: date, precision: str) -> EventDate:
    return EventDate(_fmt(b, precision), _fmt(f, precision, end=True), precision)


_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}


def _attached(sdoc: Any, t: TimeMention, trig_tok: Any, trig_verb: Any) -> int:
    """How the mention hangs on the event: 0 under the trigger itself, 1 under the verb that governs it,
    2 not attached. The mention's head chain in the parse is followed up to six steps."""
    tok = token_at(sdoc, t.start)
    # use the syntactic head of the mention's tokens
    toks = [x for x in sdoc[tok.i : tok.i + 8] if x.idx < t.end] if tok is not None else []
    heads = [x for x in toks if not (t.start <= x.head.idx < t.end) or x.head.i == x.i]
    cur = heads[0] if heads else tok
    for _ in range(6):
        if cur is None:
            return 2
        if cur.i == trig_tok.i:
            return 0
        if trig_verb is not None and cur.i == trig_verb.i:
            return 1
        if cur.head.i == cur.i:
            return 2
        cur = cur.head
    return 2


def _reported_noun(trig_tok: Any, trig_verb: Any) -> bool:
    """An event noun that a reporting verb takes as its object or subject ("the ministry yesterday announced
    the seizure of X ... June 9", "Likewise announced yesterday was the release of Y ... Feb. 2"): the verb's time is the
    report's, not the event's."""
    if trig_verb is None or trig_tok.i == trig_verb.i or trig_tok.pos_ != "NOUN":
        return False
    if trig_verb.lemma_.lower() in REPORTING_VERBS:
        return True
    # a copula whose other side reports: "Likewise announced yesterday was the release of ..."
    return trig_verb.lemma_.lower() == "be" and any(
        c.lemma_.lower() in REPORTING_VERBS and c.i != trig_tok.i for c in [*trig_verb.children, trig_verb.head]
    )


_BREAKS = "\n\u2028\u2029"
REPORTING_VERBS = REPORTING_LEMMAS


def _sentence(doc: Document, event: Event) -> tuple[int, int]:
    """The event's sentence, cut at a hard line break before the trigger (a parser's "sentence" may run
    a headline, a release number and a dateline together)."""
    t = doc.text
    if event.evidence:
        a, b = event.evidence[0].start, event.evidence[0].end
    else:
        a = t.rfind(". ", 0, event.trigger.start) + 1
        nb = t.find(". ", event.trigger.end)
        b = nb + 1 if nb >= 0 else len(t)
    ts = event.trigger.start
    b = _verbless_tail(doc, b)
    # cut before the trigger only: a headline's trigger keeps the body text that follows it
    return max([a] + [t.rfind(c, a, ts) + 1 for c in _BREAKS]), b


def _verbless_tail(doc: Document, b: int) -> int:
    """Extend a sentence end over a following verbless fragment on the same line: the parser sometimes
    closes a sentence inside a place name ("... during a raid in Upper | Korvan district, Amel province,
    Tuesday."), and the fragment's time still belongs to the sentence."""
    sdoc = doc.spacy
    if sdoc is None:
        return b
    tok = token_at(sdoc, b)
    n = len(sdoc)
    while tok is not None and tok.idx < b:
        tok = sdoc[tok.i + 1] if tok.i + 1 < n else None
    if tok is None or not tok.is_sent_start:
        return b
    k = tok.i  # the fragment: tokens up to the next sentence start
    while k < n and (k == tok.i or not sdoc[k].is_sent_start):
        if sdoc[k].pos_ in ("VERB", "AUX"):
            return b
        k += 1
    last = sdoc[k - 1]
    end = last.idx + len(last.text)
    if any(c in doc.text[b:end].rstrip() for c in _BREAKS):
        return b
    return end


def _anchor(doc: Document) -> date | None:
    a = doc.anchor
    return a if isinstance(a, date) and 1800 <= a.year <= 2200 else None


def event_tense(doc: Document, event: Event) -> str | None:
    sdoc = doc.spacy
    if sdoc is None:
        return tense_at(None, doc.text, event.trigger.start, event.trigger.end)
    try:
        tok = token_at(sdoc, event.trigger.start)
        return verb_tense(governing_verb(tok), irrealis=True) if tok is not None else None
    except Exception:  # noqa: BLE001 - parse oddities must never break dating
        return None


def _times_starting_in(doc: Document, lo: int, hi: int) -> list[TimeMention]:
    """The time mentions with lo <= start <= hi, in `doc.times`' order (positions sorted by start, once per
    list: a scan of every mention per event made long documents quadratic)."""
    times = doc.times
    cached = doc.context.times_order
    if cached is None or cached[0] is not times or cached[1] != len(times):
        order = sorted(range(len(times)), key=lambda i: times[i].start)
        cached = (times, len(times), order, [times[i].start for i in order])
        doc.context.times_order = cached
    order, starts = cached[2], cached[3]
    return [times[i] for i in sorted(order[bisect_left(starts, lo) : bisect_right(starts, hi)])]


def date_event(doc: Document, event: Event) -> None:
    """Set `event.date` and `event.timeframe` from the document's time mentions (see module doc)."""
    if not doc.times and not doc.context.times_tagged:
        from . import tag_document

        tag_document(doc)
    anchor = _anchor(doc)
    s0, s1 = _sentence(doc, event)
    # a "dateline" read from the running text (a narrative or an event note: "On 9 March 2017, ...") is the
    # event's own date, not the report's
    dl = doc.dateline_span if doc.time_anchor != "narrative" else None
    cands = [
        t
        for t in _times_starting_in(doc, s0, s1)
        if t.end <= s1
        and _interval(t) is not None
        and not (dl and t.start < dl[1])  # the dateline and headers above it date the report
    ]
    tense = event_tense(doc, event)
    clause = doc.text[s0 : event.trigger.end]
    if tense == "modal" and _NEG_MODAL.search(clause):
        tense = "past"
    chosen: TimeMention | None = None
    if cands:
        sdoc = doc.spacy
        level: dict[int, int] = {}
        reported = False
        if sdoc is not None:
            try:
                trig_tok = token_at(sdoc, event.trigger.start)
                trig_verb = governing_verb(trig_tok) if trig_tok is not None else None
                reported = _reported_noun(trig_tok, trig_verb)
                # under the trigger or under its verb: the event's own time (1), before unattached ones
                # (2); for a reported event noun the reporting verb's time comes last (3)
                rank = {0: 1, 1: 3 if reported else 1, 2: 2}
                level = {i: rank[_attached(sdoc, t, trig_tok, trig_verb)] for i, t in enumerate(cands)}
            except Exception:  # noqa: BLE001
                level = {}

        def dist(t: TimeMention) -> int:
            if t.end <= event.trigger.start:
                return event.trigger.start - t.end
            return max(0, t.start - event.trigger.end)

        def report_day(t: TimeMention) -> bool:
            # for a reported event noun, a mention naming the report's own day ("today") is the report's time
            return reported and anchor is not None and t.begin == anchor and t.finish == anchor

        chosen = min(enumerate(cands), key=lambda it: (report_day(it[1]), level.get(it[0], 2), dist(it[1])))[1]
    if chosen is None and tense not in ("future", "modal"):
        chosen = _carried(doc, s0, anchor)
    date_: EventDate | None = None
    if chosen is not None:
        date_ = _with_range(doc, chosen, cands)
    elif anchor is not None and tense not in ("future", "modal"):
        date_ = EventDate(anchor.isoformat(), anchor.isoformat(), "day")
    elif tense not in ("future", "modal"):
        month = _release_month(doc)  # no day known, but the release number names the month
        if month is not None:
            date_ = _make(month, month, "month")
    if chosen is not None and date_ is not None and _report_window(doc.text, s0, s1, chosen):
        assert chosen.begin is not None  # a reading a report window is found for has a first day
        day = chosen.begin - timedelta(days=1)
        date_ = EventDate(day.isoformat(), day.isoformat(), "day")
    event.date = date_
    event.timeframe = _timeframe(anchor, tense, chosen, date_)


_REPORTED_ON = re.compile(r"\b(?:reported|as\s+of|updated)\s+(?:on\s+)?(?:\[\s*)?$", re.I)
_LAST_24H = re.compile(
    r"\b(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours\b", re.I
)


def _report_window(text: str, s0: int, s1: int, t: TimeMention) -> bool:
    """ "As reported on 14 Sep, over the past 24 hours, ...": the day named is the report's, the events
    it sums up happened in the 24 hours before it (the day before, in wire copy and event notes)."""
    if t.precision != "day" or t.begin is None:
        return False
    return bool(_REPORTED_ON.search(text, max(s0, t.start - 30), t.start)) and bool(
        _LAST_24H.search(text, s0, s1)
    )


def _release_month(doc: Document) -> date | None:
    ctx = doc.context
    if not ctx.release_month_read:
        from .dateline import release_month

        ctx.release_month = release_month(doc.text)
        ctx.release_month_read = True
    return ctx.release_month


def _carried(doc: Document, s0: int, anchor: date | None) -> TimeMention | None:
    dl = doc.dateline_span
    best: TimeMention | None = None
    for t in _times_starting_in(doc, s0 - CARRY_CHARS, s0):
        if not (s0 - CARRY_CHARS <= t.start and t.end <= s0) or t.precision not in ("day", "week"):
            continue
        if dl and t.start < dl[1]:
            continue
        if t.begin is None or t.finish is None:
            continue
        if anchor is not None and not (
            anchor - timedelta(days=HISTORICAL_DAYS) <= t.begin <= anchor + timedelta(days=1)
        ):
            continue
        if best is None or t.start > best.start:
            best = t
    return best


def _with_range(doc: Document, t: TimeMention, cands: list[TimeMention]) -> EventDate:
    b, f, p = _interval(t)  # type: ignore[misc]
    others = sorted(cands, key=lambda x: x.start)
    if t not in others:
        return _make(b, f, p)
    i = others.index(t)
    first = second = None
    if i + 1 < len(others) and _RANGE_MID.match(doc.text[t.end : others[i + 1].start]):
        first, second = t, others[i + 1]
    elif i > 0 and _RANGE_MID.match(doc.text[others[i - 1].end : t.start]):
        first, second = others[i - 1], t
    if first is not None and second is not None:
        mid = doc.text[first.end : second.start].strip().lower()
        pre = doc.text[max(0, first.start - 12) : first.start]
        if mid in ("-", "\u2013", "\u2014", "to", "until", "till", "through", "thru") or _RANGE_PRE.search(
            pre
        ):
            b1, _, p1 = _interval(first)  # type: ignore[misc]
            _, f2, p2 = _interval(second)  # type: ignore[misc]
            if b1 <= f2:
                prec = max(p1, p2, key=lambda x: _ORDER.get(x, 0))
                return _make(b1, f2, prec)
    return _make(b, f, p)


def _timeframe(
    anchor: date | None, tense: str | None, chosen: TimeMention | None, d: EventDate | None
) -> str:
    if tense in ("future", "modal"):
        return "future"
    if chosen is not None and anchor is not None:
        iv = _interval(chosen)
        if iv is not None and chosen.begin is not None and chosen.finish is not None:
            # the mention's own interval: "early August" ends on the 10th
            b, f = chosen.begin, chosen.finish
            if d is not None and d.start != d.end and d.precision != "week":
                f = max(f, _parse_end(d.end) or f)  # a range ends with its second member
            if b > anchor:
                return "future"
            if f < anchor - timedelta(days=HISTORICAL_DAYS):
                return "historical"
    return "current"


def _parse_end(s: str) -> date | None:
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:])
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        if len(s) == 4:
            return date(int(s), 12, 31)
    except ValueError:
        return None
    return None
