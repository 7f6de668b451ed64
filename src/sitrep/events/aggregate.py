"""Aggregate: ACLED's per-document rules (one event per violent context, the headline restating the
lead, the hierarchy of violent types, running totals and additional victims).
"""

from __future__ import annotations

import re

from ..document import Document, Event
from .cand import Cand
from .lexicon import load as load_data
from .lexicon import words

Victims = tuple[frozenset[str], bool, bool]  # see `_victims`
NO_VICTIMS: Victims = (frozenset(), False, False)


def _consolidate(
    doc: Document,
    events: list[Event],
    frame_of: dict[int, str],
    told: set[int],
    victims: dict[int, Victims],
    additive: set[int],
) -> list[Event]:
    """Document-level ACLED aggregation: the headline merged into the lead, the hierarchy of concurrent
    tactics, counts of people detained later in the story, and a vague toll replaced by an exact one."""
    head_end = _headline_end(doc)
    events = _merge_headline(events, head_end)
    _hierarchy(events, frame_of, told, head_end)
    if not events:
        return events
    main = max(events, key=lambda e: e.confidence)
    additive |= _newly_detained(events, main, victims)
    _aggregate(events, additive)
    _exact_toll(events, main, victims, additive)
    return events


def _newly_detained(events: list[Event], main: Event, victims: dict[int, Victims]) -> set[int]:
    """Later detentions of people new to the story ("In the raid, the unit also held two suspected
    insurgents" after "arrested a Taliban leader"): more people, not a retelling. The same count again
    ("detained one individual" after "detained one suspect"), vague groups after a vague lead ("several
    suspects" after "several insurgents") and people already named are retellings."""
    out: set[int] = set()
    seen, _, main_exact = victims.get(id(main), NO_VICTIMS)
    start = main.evidence[0].start
    for e in events:
        lem, new, exact = victims.get(id(e), NO_VICTIMS)
        if (
            e is not main
            and new
            and e.arrested  # detentions only: later kills are mostly the lead's toll told in detail
            and e.arrested != main.arrested
            and (exact or main_exact)
            and lem
            and not (lem & seen)
            and e.evidence[0].start > start
            and e.timeframe == "current"
            and (e.date is None or main.date is None or e.date.start == main.date.start)
        ):
            out.add(id(e))
        if e.evidence[0].start >= start:
            seen = seen | lem
    return out


def _exact_toll(events: list[Event], main: Event, victims: dict[int, Victims], additive: set[int]) -> None:
    """"Many rebels died ... the squad fired back and killed three rebels": a vague toll
    gives way to the exact figure told later for the same day and place (ACLED records the vague amount only
    until a more reliable figure is available)."""
    if not main.killed or victims.get(id(main), NO_VICTIMS)[2]:
        return
    for e in events:
        if (
            e is not main
            and e.killed
            and e.evidence[0].start > main.evidence[0].start
            and id(e) not in additive
            and victims.get(id(e), NO_VICTIMS)[2]
            and e.acled is not None
            and e.acled["event_type"] in VIOLENT_TYPES
            and e.date is not None
            and main.date is not None
            and e.date.start == main.date.start
            and _same_context(main, e)
        ):
            main.killed = e.killed
            return


VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ADDITIVE_PENALTY = 0.08
HEADLINE_CHARS = 200
# ACLED codebook, Table 2: event types and sub-event types in hierarchical order; concurrent tactics in
# one event are recorded under the higher one ("Event Aggregation")
_HIERARCHY = load_data("hierarchy.json")
VIOLENT_ORDER = {t: i for i, t in enumerate(_HIERARCHY["violent_types"])}
STRATEGIC_ORDER = {t: i for i, t in enumerate(_HIERARCHY["strategic_sub_types"])}
REMOTE_FRAMES = frozenset(_HIERARCHY["remote_frames"])
TACTIC_FRAMES = frozenset(_HIERARCHY["tactic_frames"])
# a wire-copy dateline opening the body's line: "AMEL, Ruritania (Feb. 17)", "KORVAN, Ruritania (July 29"
WIRE_DATELINE = re.compile(r"(?<=[\n\u2028\u2029])[ \t\u00a0]*[A-Z][A-Z .'-]{2,},\s+[A-Z][\w .'-]*\s*\(")


def _headline_end(doc: Document) -> int:
    """End offset of the headline block above the body: the text before the dateline ("Five Killed, Two
    Detained in Korvan | Press Office ... | AMEL, Ruritania (April 20, 2011) -"), else a short
    first line without sentence-final punctuation followed by more text. 0 when there is none."""
    t = doc.text
    m = WIRE_DATELINE.search(t[: 3 * HEADLINE_CHARS])
    if m and m.start() > 0:
        return m.start()  # the body opens with "AMEL, Ruritania (Feb. 17) -"
    if doc.dateline_span is not None and 0 < doc.dateline_span[0] <= 3 * HEADLINE_CHARS:
        d0 = doc.dateline_span[0]
        line_start = max(t.rfind(c, 0, d0) for c in "\n\u2028\u2029")
        if line_start >= 0 and d0 - line_start <= 60:  # "AMEL, Ruritania (" opens its own line
            return d0
    nl = min((i for i in (t.find("\n"), t.find("\u2028")) if i > 0), default=-1)
    if not (0 < nl <= HEADLINE_CHARS and t[:nl].strip() and t[nl:].strip()):
        return 0
    head = t[:nl].rstrip()
    if head[-1] in ".!?,;:\"'”":
        return 0
    long_words = [w for w in re.findall(r"[A-Za-z][\w'-]*", head) if len(w) > 3]
    if len(long_words) < 2 or sum(w[0].isupper() for w in long_words) < 0.7 * len(long_words):
        return 0  # a headline is in title case; a wrapped first sentence is not
    return nl


def _same_kind(a: Event, b: Event) -> bool:
    """Whether two event records can tell the same event: same ACLED sub-event type, or both violent, or
    (without ACLED types) the same PLOVER type."""
    if a.acled and b.acled:
        if a.acled["sub_event_type"] == b.acled["sub_event_type"]:
            return True
        return a.acled["event_type"] in VIOLENT_TYPES and b.acled["event_type"] in VIOLENT_TYPES
    if a.acled or b.acled:
        return False
    return bool(a.plover and b.plover and a.plover.get("event") == b.plover.get("event"))


def _counts_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _merge_headline(events: list[Event], end: int) -> list[Event]:
    """A headline restates the story's lead: its event is merged into the first body event of the same kind
    (whose sentence gives the actors, place and date), which takes the headline's rank."""
    if end == 0:
        return events
    body = [e for e in events if e.trigger.start >= end and not e.negated and e.timeframe == "current"]
    out: list[Event] = []
    for h in events:
        if h.trigger.start >= end or h.negated:
            out.append(h)
            continue
        b = next(
            (
                e
                for e in body
                if _same_kind(h, e)
                and _counts_agree(h.killed, e.killed)
                and _counts_agree(h.arrested, e.arrested)
                and not e.modality
            ),
            None,
        )
        if b is None:
            out.append(h)
            continue
        b.confidence = max(b.confidence, h.confidence)
        b.evidence = [*b.evidence, *h.evidence]
        b.killed = b.killed if b.killed is not None else h.killed
        b.injured = b.injured if b.injured is not None else h.injured
        b.arrested = b.arrested if b.arrested is not None else h.arrested
    return out


def _same_context(a: Event, b: Event, head_end: int = 0) -> bool:
    """Same day (or undated) and same province (or unplaced): ACLED's unit of one event. A headline's
    event carries no date of its own (it is dated by the dateline), so only its place is compared."""
    dated = a.trigger.start >= head_end and b.trigger.start >= head_end
    if dated and a.date is not None and b.date is not None and a.date.start != b.date.start:
        return False
    pa = a.place.admin1_code if a.place is not None else None
    pb = b.place.admin1_code if b.place is not None else None
    return pa is None or pb is None or pa == pb


def _hierarchy(events: list[Event], frame_of: dict[int, str], told: set[int], head_end: int = 0) -> None:
    """ACLED aggregation of concurrent tactics: the main event takes the highest type reported for the same
    operation (same day and province) - detentions rank above weapons seized, a battle above the air
    strike called in during it; and a bare "killed" report takes the mechanism a later sentence gives
    ("killed several fighters ... struck them from the air, killing several")."""
    live = [e for e in events if e.acled and e.timeframe == "current" and not e.negated and not e.modality]
    if not live:
        return
    main = max(events, key=lambda e: e.confidence)
    if main not in live:
        return
    others = [e for e in live if e is not main and _same_context(main, e, head_end) and e.confidence >= 0.4]
    mt, ms = main.acled["event_type"], main.acled["sub_event_type"]  # type: ignore[index]
    if mt == "Strategic developments" and ms in STRATEGIC_ORDER:
        better = [
            e
            for e in others
            if e.acled["event_type"] == mt  # type: ignore[index]
            and STRATEGIC_ORDER.get(e.acled["sub_event_type"], 99) < STRATEGIC_ORDER[ms]  # type: ignore[index]
            and e.acled["sub_event_type"] != "Agreement"  # type: ignore[index]  # a deal is no concurrent tactic
            and (e.arrested or e.acled["sub_event_type"] != "Arrests")  # type: ignore[index]
        ]
        if better:
            top = max(better, key=lambda e: e.confidence)
            top.confidence = min(0.99, max(top.confidence, main.confidence + 0.01))
        return
    if mt not in VIOLENT_ORDER:
        return
    higher = [
        e
        for e in others
        if VIOLENT_ORDER.get(e.acled["event_type"], 99) < VIOLENT_ORDER[mt]  # type: ignore[index]
        and e.confidence >= 0.6
        and (id(e) in told or main.evidence[0].start <= e.trigger.start < main.evidence[0].end)  # an episode
        # told with a verb or in the main event's own sentence ("killed in an airstrike"), not "leads attacks"
        and (
            e.acled["event_type"] != "Battles"  # type: ignore[index]
            or frame_of.get(id(e)) in TACTIC_FRAMES - REMOTE_FRAMES  # fighting, not "the deaths"
        )
    ]
    if higher:
        top = min(higher, key=lambda e: (VIOLENT_ORDER[e.acled["event_type"]], -e.confidence))  # type: ignore[index]
        main.acled = dict(top.acled)  # type: ignore[arg-type]
        return
    if ms == "Armed clash" and frame_of.get(id(main)) == "kill":
        battles = [e for e in others if e.acled["event_type"] == "Battles"]  # type: ignore[index]
        mech = [
            e
            for e in others
            if e.acled["event_type"] == "Explosions/Remote violence"  # type: ignore[index]
            and (
                e.killed
                # "... killed several fighters. ... the army then called in an air strike": the one
                # means of violence told, used by the side that killed (not aimed at it)
                or (frame_of.get(id(e)) in ("airstrike", "shell") and main.actor and not set(e.recipient) & set(main.actor))
            )
            and e.evidence[0].start > main.evidence[0].start
        ]
        if mech and not battles:
            main.acled = dict(mech[0].acled)  # type: ignore[arg-type]
            return
    if ms in ("Attack", "Armed clash") and not main.actor and frame_of.get(id(main)) in ("kill", "die", "wound"):
        # "Two people were killed." beside "An explosion hit the market", "Four soldiers were killed in an
        # explosion": agentless casualties are the explosion's, also when the victims are armed (codebook,
        # Event Aggregation: one event with its fatalities; the means names the event, not the victims)
        blasts = [
            e
            for e in others
            if e.acled["event_type"] == "Explosions/Remote violence"  # type: ignore[index]
            and frame_of.get(id(e)) in REMOTE_FRAMES
            and e.confidence >= 0.6
        ]
        if blasts and not any(e.acled["event_type"] == "Battles" for e in others):  # type: ignore[index]
            main.acled = dict(blasts[0].acled)  # type: ignore[arg-type]
ADDITIONAL = words("additional")


def _additive(c: Cand) -> bool:
    """ "also detained", "two additional suspects", "another insurgent": people beyond those already counted."""
    from . import magnitude as mag

    for t in [c.tok, *c.extra]:
        if any(ch.dep_ == "advmod" and ch.lower_ == "also" for ch in t.children):
            return True
        for v in mag.victims_of(t):
            if any(ch.dep_ == "det" and ch.lower_ == "the" for ch in v.children):
                continue  # "the second facilitator": one of those already told
            if v.lower_ == "another" or any(
                ch.lower_ in ADDITIONAL - {"further"}
                for ch in v.children
                if ch.dep_ in ("amod", "det", "advmod", "nummod")
            ):
                return True
    return False


def _victims(c: Cand) -> Victims:
    """Lemmas of the people an arrest/kill trigger applies to (conjuncts included); whether they are all new
    to the discourse - indefinite and counted ("two suspected insurgents", "multiple insurgents", not "the
    leader", "them"); and whether they are counted exactly ("a Taliban leader", "two facilitators")."""
    from . import magnitude as mag

    heads = [x for t in [c.tok, *c.extra] for v in mag.victims_of(t) for x in (v, *mag._conjuncts(v))]
    lemmas = frozenset(x.lemma_.lower() for x in heads if x.pos_ in ("NOUN", "PROPN"))
    including = any(ch.lower_ == "including" for t in [c.tok, *c.extra] for ch in t.children)
    new = bool(heads) and not including and all(
        x.pos_ in ("NOUN", "PROPN")
        and not any(ch.dep_ in ("det", "poss") and ch.lower_ not in ("a", "an") for ch in x.children)
        and not any(ch.lower_ == "including" for ch in x.children)  # "several, including the facilitator"
        and mag.count_of(x) is not None
        for x in heads
    )
    exact = bool(heads) and all(
        any(ch.dep_ == "nummod" and ch.like_num for ch in x.children)
        or (x.tag_ in ("NN", "NNP") and mag.count_of(x) == 1)
        for x in heads
    )
    return lemmas, new, exact


def _aggregate(events: list[Event], additive: set[int]) -> None:
    """ACLED aggregation: later reports of *additional* people killed or detained in the same operation
    ("The unit also held three more suspects") add to the main event's counts."""
    if not events:
        return
    main = max(events, key=lambda e: e.confidence)
    if main.timeframe != "current" or main.negated or main.acled is None:
        return
    base_sent = main.evidence[0].start
    violent = main.acled["event_type"] in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    )
    # counts given only in a following sentence ("The strike killed 15 insurgents") belong to the main event
    later = [
        e for e in events if e.evidence[0].start > base_sent and e.timeframe == "current" and not e.negated
    ]
    if violent and main.killed is None:
        nxt = next(
            (
                e
                for e in later
                if e.killed is not None and e.acled and e.acled["event_type"] == main.acled["event_type"]
            ),
            None,
        )
        if nxt is None:
            # "Allied jets struck a compound ... a number of rebels died in the strike":
            # the toll of the same operation, read as another violent type; only a well-grounded report
            nxt = next(
                (
                    e
                    for e in later
                    if e.killed is not None
                    and e.acled
                    and e.acled["event_type"] in VIOLENT_TYPES
                    and e.confidence >= 0.6
                ),
                None,
            )
        if nxt is not None:
            main.killed = nxt.killed
            main.injured = main.injured if main.injured is not None else nxt.injured
    if (main.acled["sub_event_type"] == "Arrests" or violent) and main.arrested is None:
        # detentions reported later for the same operation (same day) belong to the main event
        same_day = [
            e
            for e in later
            if e.arrested
            and (e.date is None or main.date is None or e.date.start == main.date.start)
            and e.plover is not None
            and e.plover.get("mode") == "arrest"
        ]
        if same_day:
            main.arrested = same_day[0].arrested
            for e in same_day[1:]:
                if id(e) in additive:
                    main.arrested = (main.arrested or 0) + (e.arrested or 0)
            additive = additive - {id(e) for e in same_day}
    elif main.arrested is not None:
        # a later, fuller account of the same operation ("arrested the courier and two of her helpers")
        for e in later:
            if (
                e.arrested
                and id(e) not in additive
                and e.plover is not None
                and e.plover.get("mode") == "arrest"
                and (e.date is None or main.date is None or e.date.start == main.date.start)
            ):
                main.arrested = max(main.arrested, e.arrested)
    for e in events:
        if e is main or e.evidence[0].start <= base_sent or e.timeframe != "current" or e.negated:
            continue  # only what is told after the main event adds to it
        if id(e) not in additive:
            continue
        if (
            e.arrested
            and (e.acled or {}).get("sub_event_type") in ("Arrests", "Abduction/forced disappearance", None)
            or (e.arrested and e.plover and e.plover.get("mode") == "arrest")
        ):
            main.arrested = (main.arrested or 0) + e.arrested
        if (
            e.killed
            and violent
            and e.acled
            and e.acled["event_type"]
            in ("Battles", "Violence against civilians", "Explosions/Remote violence")
        ):
            main.killed = (main.killed or 0) + e.killed
