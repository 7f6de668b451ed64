"""Events of one document: candidates from `triggers`, arguments, features, the decisions of
`classify`, the confidence of `rank`, then the document-level rules of `aggregate`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from ..document import Actor, Document, Event, Span
from .aggregate import ADDITIVE_PENALTY, Victims, _additive, _consolidate, _victims
from .arguments import _actor_ids, _actor_relcl, _agentless, _demanded, attach_arguments, frame_recipients
from .cand import MERGEABLE, Cand, acled, span_text
from .classify import _defunct_possible, _non_acled, resolve_acled
from .features import _context, casualties, cumulative, negation_modality
from .lexicon import frames, has
from .rank import BACKGROUND_PENALTY, _confidence, _depth, _embedded, calibrate
from .triggers import TRIGGER_POS, _frame_for

log = logging.getLogger("sitrep.events")

def extract_events(doc: Document) -> list[Event]:
    sd = doc.spacy
    if sd is None:
        return []
    sents = list(sd.sents)
    ctx = _context(sents)
    cands: list[Cand] = []
    n_event_sents = 0
    all_toks = list(sd)  # Doc iteration is much cheaper than indexing through each sentence Span
    ctx["_toks"] = all_toks
    ctx["_doc"] = doc
    for si, sent in enumerate(sents):
        sc: list[Cand] = []
        used_args: set[int] = set()
        sent_toks = all_toks[sent.start : sent.end]
        for tok in sent_toks:
            if tok.pos_ not in TRIGGER_POS:
                continue  # `_frame_for` reads verbs, nouns and adjectives only
            try:
                frame, args = _frame_for(tok)
                if frame is None or frame not in frames():
                    continue
                c = Cand(tok=tok, frame=frame, sent=sent, sent_idx=si, args=args)
                used_args.add(args.i)
                attach_arguments(c)
                c.embedded = _embedded(c)
            except Exception:  # noqa: BLE001 - an odd parse must not cost the document its other events
                log.debug("events: trigger %r skipped", tok.text, exc_info=True)
                continue
            sc.append(c)
        sc = _merge(sc)
        k, i, a = casualties(sent, sent_toks) if sc else (None, None, None)
        for c in sc:
            fam = c.family
            if fam in MERGEABLE or fam in (
                "sexual",
                "abduct",
                "territory",
                "territory_gov",
                "riot",
                "protest",
            ):
                c.killed, c.injured = k, i
            if fam in ("arrest", "abduct") or (fam in ("protest", *MERGEABLE) and a):
                c.arrested = a
        for c in sc:
            if cumulative(c):
                c.killed = c.injured = c.arrested = None
        for c in sc:
            c.rank = n_event_sents
        if sc:
            n_event_sents += 1
        cands.extend(sc)
    events = _build(doc, cands, ctx, len(sents))
    calibrate(events)
    return events


def _merge(sc: list[Cand]) -> list[Cand]:
    """One event per sentence for violent triggers (ACLED aggregation); light-verb duplicates merged."""
    out: list[Cand] = []
    # same args-token (light verb + noun, verb + object phrase): keep the most specific
    by_args: dict[int, Cand] = {}
    for c in sc:
        key = c.args.i
        if key in by_args:
            old = by_args[key]
            keep, drop = (c, old) if c.spec > old.spec else (old, c)
            keep.extra.append(drop.tok)
            keep.actors = keep.actors or drop.actors
            keep.recipients = keep.recipients or drop.recipients
            by_args[key] = keep
        else:
            by_args[key] = c
    sc = list(by_args.values())
    violent = [c for c in sc if c.family in MERGEABLE and not c.embedded]
    others = [c for c in sc if c not in violent]
    if violent:
        # the trigger highest in the clause leads ("killed X as they tried to place a bomb"), then the most specific
        main = max(violent, key=lambda c: (c.spec - 0.06 * _depth(c.args), -c.tok.i))
        for c in violent:
            if c is main:
                continue
            main.extra.append(c.tok)
            if not main.actors:
                main.actors = [a for a in c.actors if a.i not in {x.i for x in main.extra} and a != main.tok]
            if not main.recipients:
                main.recipients = [r for r in c.recipients if r != main.tok]
        # territory/abduct/riot triggers in the same sentence absorb the plain violence trigger
        absorbing = [
            c
            for c in others
            if c.family in ("territory", "territory_gov", "riot", "protest", "sexual")
            and not c.embedded
            and not _describes_participant(c)
        ]
        if absorbing and main.frame not in ("airstrike", "shell") and main.family != "riot":
            a = absorbing[0]
            a.extra.append(main.tok)
        else:
            out.append(main)
    out.extend(others)
    out.sort(key=lambda c: c.tok.i)
    return out


def _describes_participant(c: Cand) -> bool:
    """A trigger in a relative clause or a participle modifying a noun ("killed by a group that was
    vandalizing their equipment"): it tells who a participant is, and the main clause's event stays the
    report (general English: the relative clause is background to the clause it sits in)."""
    t = c.tok
    for _ in range(3):
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if t.dep_ not in ("conj", "xcomp", "aux"):
            return False
        t = t.head
    return False


def _build(doc: Document, cands: list[Cand], ctx: dict[str, Any], n_sents: int) -> list[Event]:
    from ..geo import place_for_event
    from ..time import date_event

    created: dict[str, Actor] = {}
    events: list[Event] = []
    additive: set[int] = set()
    frame_of: dict[int, str] = {}
    told: set[int] = set()  # events told by a finite verb (or a sentence's root)
    victims: dict[int, Victims] = {}
    for c in cands:
        try:
            ev = _event_of(doc, c, ctx, n_sents, created, date_event, place_for_event)
        except Exception:  # noqa: BLE001
            log.debug("events: candidate %r skipped", c.tok.text, exc_info=True)
            continue
        if ev is None:
            continue
        events.append(ev)
        frame_of[id(ev)] = c.frame
        if c.tok.pos_ == "VERB" and c.tok.tag_ != "VBG" or c.tok.dep_ == "ROOT":
            told.add(id(ev))
        victims[id(ev)] = _victims(c)
        if _additive(c):
            additive.add(id(ev))
            ev.confidence = max(0.01, ev.confidence - ADDITIVE_PENALTY)  # "also detained": a follow-up
    try:
        events = _consolidate(doc, events, frame_of, told, victims, additive)
    except Exception:  # noqa: BLE001 - a fault in aggregation must not cost the document its events
        log.warning("events: document-level aggregation failed for %s; events kept as read", doc.id, exc_info=True)
    for n, ev in enumerate(events):
        ev.id = f"{doc.id}-e{n}"
    return events


def _event_of(
    doc: Document,
    c: Cand,
    ctx: dict[str, Any],
    n_sents: int,
    created: dict[str, Actor],
    date_event: Callable[..., Any],
    place_for_event: Callable[..., Any],
) -> Event | None:
    sub, mode = resolve_acled(c, ctx)
    if _non_acled(c, sub, ctx):
        sub = None
        if c.family in MERGEABLE and c.frame in ("kill", "die", "wound", "explode", "destroy"):
            return None  # a disaster or accident, not a political event
    fr = frames()[c.frame]
    plover = _plover_of(c, fr, sub, mode)
    if plover is None and sub is None:
        return None
    neg, modality = negation_modality(c)
    if sub == "Agreement" and modality in (
        "proposed",
        "possible",
        "conditional",
        "threatened",
        "intended",
        "ready",
    ):
        sub = None  # a proposed deal is not (yet) an ACLED Agreement
    actors, recips = c.actors, c.recipients
    plover = _modal_plover(c, plover, modality)
    demand = _demanded(c)
    if demand is not None:
        plover = {"event": "REQUEST", "mode": None, "context": plover["context"] if plover else []}
        sub = None
        recips = [a for a in actors if a.pos_ != "PRON"]
        actors = demand
    s = c.sent
    s_text = span_text(s)
    tok = c.tok
    ev = Event(
        id="",
        trigger=Span(tok.idx, tok.idx + len(tok), tok.text),
        evidence=[Span(s.start_char, s.end_char, s_text)],
        plover=plover,
        acled=acled(sub),
        killed=c.killed,
        injured=c.injured,
        arrested=c.arrested,
    )
    background = _actor_relcl(doc, c)
    solo = frozenset({background.head.i}) if background is not None else frozenset()
    ev.actor = _actor_ids(doc, actors, created, solo)
    ev.recipient = [r for r in _actor_ids(doc, recips, created) if r not in ev.actor]
    if not ev.recipient and demand is None:  # none of the parsed recipients is a party: the frame's own slots
        extra = [r for r in frame_recipients(c) if r not in recips and r not in actors]
        ev.recipient = [r for r in _actor_ids(doc, extra, created) if r not in ev.actor]
    ev.negated, ev.modality = neg, modality
    date_event(doc, ev)
    ev.place = place_for_event(doc, ev)
    _default_police(doc, c, ev)
    _timeframe_fixups(doc, c, ctx, ev, s_text, background)
    ev.confidence = _confidence(c, ev, n_sents, doc.title is not None)
    if background is not None:
        ev.confidence = max(0.01, ev.confidence - BACKGROUND_PENALTY)
    return ev


def _plover_of(c: Cand, fr: dict[str, Any], sub: str | None, mode: str | None) -> dict[str, Any] | None:
    """The PLOVER event, mode and context of a candidate from its frame and ACLED sub-event type."""
    plover = None
    if fr["plover"]:
        context = list(fr.get("context", []))
        if sub in (
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ) or c.frame in ("offensive", "invade"):
            context.append("military")
        if sub in ("Peaceful protest", "Protest with intervention", "Violent demonstration"):
            context.append("protest")
        pmode = fr["mode"]
        if fr["plover"] == "ASSAULT" and mode and pmode in (None, "explosives", "firearms"):
            pmode = mode
        if fr["plover"] == "PROTEST" and sub == "Violent demonstration":
            pmode = "riot"
        plover = {"event": fr["plover"], "mode": pmode, "context": sorted(set(context))}
    return plover


def _modal_plover(c: Cand, plover: dict[str, Any] | None, modality: str | None) -> dict[str, Any] | None:
    """Future cooperation is AGREE; announced coercion and retreat unless ... are THREATEN (PLOVER manual)."""
    if (
        plover
        and plover["event"] in ("CONSULT", "SUPPORT", "COOPERATE", "AID")
        and modality in ("future", "ready", "proposed", "intended")
        and c.tok.pos_ == "VERB"
    ):
        plover = {"event": "AGREE", "mode": None, "context": plover["context"]}  # PLOVER manual, AGREE
    if (
        plover
        and plover["event"] in ("COERCE", "ASSAULT", "SANCTION")
        and c.tok.pos_ == "VERB"
        and (
            modality in ("future", "planned", "intended", "threatened")
            or (
                modality == "conditional"
                and any(
                    ch.dep_ == "mark" and ch.lower_ == "unless"
                    for x in (c.args, *[a for a in c.args.children if a.dep_ == "advcl"])
                    for ch in x.children
                )
            )
        )
    ):
        plover = {
            "event": "THREATEN",
            "mode": plover["mode"],
            "context": plover["context"],
        }  # announced coercion
    elif (
        plover
        and plover["event"] == "RETREAT"
        and any(
            ch.dep_ == "mark" and ch.lower_ == "unless"
            for x in (c.args, *[a for a in c.args.children if a.dep_ == "advcl"])
            for ch in x.children
        )
    ):
        plover = {"event": "THREATEN", "mode": None, "context": plover["context"]}
    return plover


def _default_police(doc: Document, c: Cand, ev: Event) -> None:
    """An agentless arrest with no named armed group in the story: Actor 1 is the country's police."""
    if (
        not ev.actor
        and c.family == "arrest"
        and _agentless(c)
        and ev.place is not None
        and not any(
            a.kind == "armed_group" and not a.id.startswith("generic:") and a.id not in ev.recipient
            for a in doc.actors
        )  # a named armed group in the story could have taken them ("fled the militia ... were captured at the airport")
    ):
        from ..actors.api import state_actor

        # ACLED's convention for an arrest whose agent the report leaves out: Actor 1 is the police of
        # the country it took place in ("Police Forces of <country>")
        police = state_actor(doc, ev.place.country_code, "police")
        if police is not None and police.id not in ev.recipient:
            ev.actor = [police.id]


def _timeframe_fixups(
    doc: Document, c: Cand, ctx: dict[str, Any], ev: Event, s_text: str, background: Any
) -> None:
    """Historical and future timeframes from the sentence, defunct entities, a background clause."""
    if ev.date is None or ev.timeframe == "current":
        if has("historical_words", s_text) and re.search(r"\b(1[89]\d\d|200\d)\b", s_text):
            ev.timeframe = "historical"
        x = c.args
        for _ in range(
            3
        ):  # up to the noun the event clause describes: "carcasses destroyed in battles to conquer it"
            if x.head == x or x.pos_ in ("NOUN", "PROPN") and x != c.tok:
                break
            x = x.head
        if _defunct_possible(ctx, doc) and has(
            "defunct_entities",
            " ".join(t.text for t in c.args.subtree) + " " + " ".join(t.text for t in x.subtree),
        ):  # "Soviet armored carcasses destroyed in battles": not today's news
            ev.timeframe = "historical"
            if ev.date is not None and doc.anchor is not None and ev.date.start >= f"{doc.anchor.year - 1}":
                ev.date = None  # the date came from "today" in the same sentence, not from the event
    if (
        ev.modality in ("future", "planned", "intended", "proposed", "conditional", "ready", "threatened")
        and ev.timeframe == "current"
    ):
        ev.timeframe = "future" if ev.modality in ("future", "planned", "intended") else ev.timeframe
    if background is not None:
        # a clause that describes a participant ("the group that took power in the other provinces") tells
        # the reader who the participant is, not what happened today: dated only by its own time expression
        r0, r1 = background.left_edge.idx, background.right_edge.idx + len(background.right_edge.text)
        if ev.date is not None and not doc.times_in(r0, r1):
            ev.date = None
        if ev.date is None and ev.timeframe == "current":
            ev.timeframe = "historical"
