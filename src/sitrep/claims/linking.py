"""Event claims built on the document's attributions.

Runs inside the claims stage, after the reporting frames have given each event its claims and before
its status is set:

1. each claim points at the attribution whose cue it was read from (`claim.attribution`, an index into
   `doc.attributions`), or else at the attribution whose content holds the event's trigger; it takes
   the attribution's `source_kind` and `anonymous`, and its party when the frame found none. A typed
   source ("a military source", "residents", "state television", "the observatory", "rights
   activists") is an identified source: its claim `asserts` (the event is `claimed`), while unsourced
   reports ("reportedly", "there are reports") stay `reports`;
2. an event whose trigger lies in an attribution's content and that has no claim from it gets one
   (the frames may have missed the cue: "told reporters", a quotation, a colon);
3. a claim's `magnitude` is the toll of the event it was read from, when that event lies in the
   attribution's content: the toll is the source's claim;
4. two events of one kind told by two different identified sources, close together, with different
   tolls ("The army said it killed 30 fighters. The group said three of its men died") are one event
   whose tolls are disputed: the later is folded into the earlier, and `status.recompute_status`
   makes it `contested`.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Actor, Attribution, Claim, Document, Event, Span

NEAR_SENTENCES = 2
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _trigger_index(doc: Document, e: Event) -> int | None:
    sd = doc.spacy
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand") if sd is not None else None
    return span.root.i if span is not None and len(span) else None


def _in_content(a: Attribution, start: int, end: int) -> bool:
    return any(c.start <= start and end <= c.end for c in a.content)


def _cue_overlaps(a: Attribution, c: Claim) -> bool:
    return a.cue.start < c.end and c.start < a.cue.end


def _magnitude(e: Event) -> dict[str, int | None] | None:
    if e.killed is None and e.injured is None and e.arrested is None:
        return None
    return {"killed": e.killed, "injured": e.injured, "arrested": e.arrested}


def _identified(a: Attribution) -> bool:
    return a.source is not None and a.source_kind is not None


def link_claims(doc: Document) -> None:
    """Point every event claim at its attribution and fill `source_kind`, `anonymous`, `magnitude`."""
    atts = doc.attributions
    if not atts:
        return
    for e in doc.events:
        t_start, t_end = e.trigger.start, e.trigger.end
        holding = [k for k, a in enumerate(atts) if _in_content(a, t_start, t_end)]
        for c in e.claims:
            k = _match(atts, c, holding)
            if k is None:
                continue
            _fill(doc, c, atts[k], k, e)
        linked = {c.attribution for c in e.claims if c.attribution is not None}
        # an attribution whose content holds the event and gave it no claim: the innermost one
        if holding and not linked:
            k = min(holding, key=lambda k: sum(x.end - x.start for x in atts[k].content))
            a = atts[k]
            if _identified(a) or a.stance in ("denies", "hedges"):
                c = Claim(stance=a.stance, start=a.cue.start, end=a.cue.end, text=a.cue.text)
                _fill(doc, c, a, k, e)
                e.claims.append(c)
    _fold_disputed_tolls(doc)
    _accused_acts(doc)


def _accused_acts(doc: Document) -> None:
    """ "X accused the army of killing civilians": the act is the accused's; the accuser is not its actor."""
    from .frames import _actor_in_chars

    for a in doc.attributions:
        if a.target is None:
            continue
        accused = _actor_in_chars(doc, a.target.start, a.target.end)
        accuser = a.party
        for e in doc.events:
            if not _in_content(a, e.trigger.start, e.trigger.end):
                continue
            if accuser is not None and accuser in e.actor:
                e.actor = [x for x in e.actor if x != accuser]
            if accused is not None and accused.id not in e.actor:
                e.actor.insert(0, accused.id)
                e.recipient = [x for x in e.recipient if x != accused.id]


def _match(atts: list[Attribution], c: Claim, holding: list[int]) -> int | None:
    cands = [k for k, a in enumerate(atts) if _cue_overlaps(a, c)]
    if not cands:
        return None
    inner = [k for k in cands if k in holding]
    return (inner or cands)[0]


def _fill(doc: Document, c: Claim, a: Attribution, k: int, e: Event) -> None:
    c.attribution = k
    c.source_kind = a.source_kind
    c.anonymous = a.anonymous
    if c.source is None and a.party is not None:
        c.source = a.party
    if c.source is None and _identified(a):
        c.source = _source_actor(doc, a)
    if _identified(a) and c.stance == "reports":
        c.stance = "asserts"  # a typed source is a source: "residents said", "state television reported"
    if a.source is None and c.stance == "asserts" and c.source is None and not c.speaker:
        c.stance = "reports"
    if c.magnitude is None and _in_content(a, e.trigger.start, e.trigger.end):
        c.magnitude = _magnitude(e)


DETERMINERS = ("a ", "an ", "the ", "some ", "several ", "two ", "other ", "another ")


def _source_actor(doc: Document, a: Attribution) -> str | None:
    """An actor for a typed source with no party ("residents", "a military source", "state television"),
    so that the claim names its source as the contract asks; a pronoun takes its antecedent's words."""
    span = a.antecedent if a.source is not None and a.source.text.lower() in PRONOUNS and a.antecedent else a.source
    if span is None or span.text.lower() in PRONOUNS:
        return None
    name = " ".join(span.text.split())
    low = name.lower()
    for d in DETERMINERS:
        if low.startswith(d):
            name = name[len(d):]
            break
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        return None
    aid = f"source:{slug}"
    actor = doc.actor_by_id(aid)
    if actor is None:
        actor = Actor(id=aid, name=name, kind=f"source:{a.source_kind}")
        doc.actors.append(actor)
    if not any(m.start == span.start for m in actor.mentions):
        actor.mentions.append(Span(span.start, span.end, span.text))
    return aid


def _kind(e: Event) -> tuple[Any, Any]:
    return (e.acled or {}).get("event_type"), (e.plover or {}).get("event")


def _sources(e: Event) -> set[str]:
    return {c.source or f"att:{c.attribution}" for c in e.claims if c.stance == "asserts" and (
        c.source or c.source_kind)}


def _fold_disputed_tolls(doc: Document) -> None:
    sd = doc.spacy
    if sd is None:
        return
    sent_of = {}
    for k, s in enumerate(sd.sents):
        for t in s:
            sent_of[t.i] = k
    events = doc.events
    removed: set[int] = set()
    for j, e2 in enumerate(events):
        if e2.killed is None or id(e2) in removed:
            continue
        t2 = _trigger_index(doc, e2)
        for e1 in events[:j]:
            if id(e1) in removed or e1.killed is None or e1.killed == e2.killed or _kind(e1) != _kind(e2):
                continue
            t1 = _trigger_index(doc, e1)
            if t1 is None or t2 is None or not 0 < sent_of[t2] - sent_of[t1] <= NEAR_SENTENCES:
                continue
            s1, s2 = _sources(e1), _sources(e2)
            if not s1 or not s2 or s1 & s2:
                continue
            if e1.place is not None and e2.place is not None and e1.place.name != e2.place.name:
                continue
            for s in e2.evidence:
                if not any(s.start == x.start and s.end == x.end for x in e1.evidence):
                    e1.evidence.append(s)
            e1.claims.extend(e2.claims)
            removed.add(id(e2))
            break
    if removed:
        doc.events = [e for e in events if id(e) not in removed]
