"""events stage: PLOVER 2.0 + ACLED event records from the dependency parse.

See `coder.py` for the method. For each event the stage sets trigger, evidence, plover, acled, actor,
recipient (Actor ids from the actors stage, `sitrep.actors.actors_for_token`), magnitudes, negated,
modality and confidence, then asks the time stage for the date (`sitrep.time.date_event`) and the
places stage for the place (`sitrep.geo.place_for_event`).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any

from ..document import Actor, Document, Event, Span
from ..pipeline import register
from . import coder
from .coder import Cand
from .lexicon import frames, has, words
from .lexicon import load as load_data

__all__ = ["EventsStage", "extract_events"]

log = logging.getLogger(__name__)


@functools.cache
# ---------------------------------------------------------------- actors
def _np_span(tok: Any) -> tuple[int, int]:
    """Token range of the noun phrase headed by `tok`, without determiners, clauses and prepositions."""
    keep = {
        "compound",
        "amod",
        "nmod",
        "poss",
        "flat",
        "case",
        "nummod",
        "quantmod",
        "npadvmod",
        "punct",
        "appos",
    }
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in keep and c.dep_ != "punct":
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("flat", "compound"):
            right = max(right, c.right_edge.i)
    sd = tok.doc
    while left < tok.i and (
        sd[left].dep_ in ("det", "nummod", "quantmod", "punct", "advmod", "case") or sd[left].like_num
    ):
        left += 1
    return left, right + 1


def _actor_ids(
    doc: Document, toks: list[Any], created: dict[str, Actor], solo: frozenset[int] = frozenset()
) -> list[str]:
    """Actor ids of the tokens; a token in `solo` stands for itself alone, not for its conjuncts
    ("both the resistance and the group that took power": only the group took power)."""
    from ..actors import actor_at, actors_for_token

    ids: list[str] = []
    for t in toks:
        found: list[Actor] = []
        if t.i in solo:
            a = actor_at(doc, t.idx, t.idx + len(t.text))
            if a is not None:
                found = [a]
        if not found and t.i not in solo:
            found = list(actors_for_token(doc, t) or [])
        if not found and t.i not in solo:
            s, e = _np_span(t)
            a = actor_at(doc, t.doc[s].idx, t.doc[e - 1].idx + len(t.doc[e - 1]))
            if a is not None:
                found = [a]
        if not found:
            a = _fallback_actor(doc, t, created)
            if a is not None:
                found = [a]
        # the organisation a person belongs to takes part too: "the Taliban leader, Abdul Karim"
        extra: list[Actor] = []
        if t.lemma_.lower() in INSTITUTIONS:  # "the interim military government of General Y"
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj" and (
                            o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                        ):
                            extra.extend(actors_for_token(doc, o))
        for a in found:
            if a.affiliation and doc.actor_by_id(a.affiliation) is not None:
                extra.append(doc.actor_by_id(a.affiliation))  # type: ignore[arg-type]
        for m in t.children:
            if m.dep_ in ("compound", "nmod", "poss", "amod") and m.i < t.i and m.pos_ in ("PROPN", "NOUN", "ADJ"):
                extra.extend(
                    a for a in actors_for_token(doc, m, False) if a.kind not in ("country", "location", "person")
                )
        for a in [*found, *extra]:
            if a.id not in ids:
                ids.append(a.id)
    return ids


INSTITUTIONS = words("institutions")


def _fallback_actor(doc: Document, t: Any, created: dict[str, Actor]) -> Actor | None:
    """An actor read from the noun phrase when the actors stage has none for the token."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    if t.pos_ == "NOUN" and not (
        any(
            c.dep_ in ("compound", "amod", "poss", "nmod")
            and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG"))
            for c in t.children
        )
        or has("armed", t.lower_)
        or has("civilian", t.lower_)
        or has("government", t.lower_)
        or has("nonstate", t.lower_)
        or has("protest", t.lower_)
        or re.search(r"(ist|ian|er|or|ary|ant|ent)s?$", t.lower_)
    ):
        return None
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return None
    if t.pos_ == "NOUN" and t.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    s, e = _np_span(t)
    sd = t.doc
    start, end = sd[s].idx, sd[e - 1].idx + len(sd[e - 1])
    text = doc.text[start:end]
    name = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I).strip(" ,'\"")
    if not name:
        return None
    key = name.lower()
    for a in doc.actors:
        if a.name.lower() == key or any(m.start <= start < m.end for m in a.mentions):
            a.mentions.append(Span(start, end, text)) if all(m.start != start for m in a.mentions) else None
            return a
    if key in created:
        a = created[key]
        if all(m.start != start for m in a.mentions):
            a.mentions.append(Span(start, end, text))
        return a
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:40] or "actor"
    a = Actor(id=f"{doc.id}-ev-{slug}", name=name, kind=None, mentions=[Span(start, end, text)])
    created[key] = a
    doc.actors.append(a)
    return a


def _agentless(c: Cand) -> bool:
    """An arrest told without its agent: a passive without "by" ("was arrested in Korvan"), a reduced
    passive ("a man arrested in the capital"), or an arrest noun without a possessor or "by" phrase."""
    t = c.tok
    if any(ch.dep_ == "agent" for ch in t.children):
        return False
    if t.pos_ == "VERB":
        return t.tag_ == "VBN" and (
            any(ch.dep_ in ("auxpass", "nsubjpass") for ch in t.children) or t.dep_ in ("acl", "advcl")
        )
    return t.pos_ == "NOUN" and not any(ch.dep_ == "poss" for ch in t.children)


# ---------------------------------------------------------------- the stage
LEAD_SENTS = 6  # the lead of a news story: the sentences that state what the story is about


def _context(sents: list[Any]) -> dict[str, Any]:
    # The lead's weapon and scope (accident, crime, political) carry over to events told in the lead, in
    # an article of any length; events further down are judged on their own sentence.
    lead_end = sents[min(LEAD_SENTS, len(sents)) - 1].end if sents else 0
    protest, protest_sub = coder.protest_context(sents[:LEAD_SENTS])
    weapon = None
    for s in sents[:4]:
        weapon = coder._weapon(coder.span_text(s))
        if weapon:
            break
    return {
        "lead_end": lead_end,
        "protest": protest,
        "protest_sub": protest_sub,
        "weapon": weapon,
    }


def _common_words(toks: Any) -> str:
    """The text of `toks` without capitalised proper nouns: "Storm Corps" or "Protestant" are names, not cues."""
    return " ".join(t.text for t in toks if not (t.pos_ == "PROPN" and t.text[:1].isupper()))


def _scope_cues(ctx: dict[str, Any], c: Cand) -> dict[str, bool]:
    """Cue flags of the candidate's sentence, computed once per sentence (`_doc_scope_cues`: per document)."""
    cache = ctx.setdefault("_scope", {})
    key = c.sent.start
    sf = cache.get(key)
    if sf is None:
        toks = ctx.get("_toks")
        sent = _common_words(c.sent if toks is None else toks[c.sent.start : c.sent.end])
        sf = {
            "political": has("nonstate", sent)
            or has("weapon", sent, "air")
            or has("weapon", sent, "suicide")
            or has("protest", sent),
            "disaster": has("disaster", sent),
            # "accidentally killed" is an accident unless armed forces did it ("the army ... two civilians
            # were accidentally killed" is a civilian toll of an operation, which ACLED records)
            "accident": has("accident", sent)
            or (
                has("accidental_harm", sent)
                and not has("government", c.sent.text)  # names count here: "the Ruritanian Army"
                and not _state_actor_in(ctx, c.sent)
            ),
            "crime": has("crime", sent),
        }
        cache[key] = sf
    return sf


STATE_KINDS = frozenset({"military", "police", "government"})


def _state_actor_in(ctx: dict[str, Any], sent: Any) -> bool:
    """Whether the actors stage found a state force in the sentence ("The International Security
    Assistance Force ...")."""
    doc = ctx.get("_doc")
    if doc is None:
        return False
    s0, s1 = sent.start_char, sent.end_char
    return any(a.kind in STATE_KINDS and any(s0 <= m.start < s1 for m in a.mentions) for a in doc.actors)


def _doc_scope_cues(ctx: dict[str, Any], c: Cand) -> dict[str, bool]:
    cache = ctx.setdefault("_scope", {})
    df = cache.get("doc")
    if df is None:
        toks = ctx.get("_toks")
        lead_end = ctx.get("lead_end", len(c.sent.doc))
        doc_text = _common_words(c.sent.doc[:lead_end] if toks is None else toks[:lead_end])
        df = {
            "political": has("nonstate", doc_text)
            or has("protest", doc_text)
            or has("weapon", doc_text, "air")
            or has("weapon", doc_text, "suicide")
            or has("government", doc_text)
            and has("armed", doc_text),
            "accident": has("accident", doc_text)
            or (has("accidental_harm", doc_text) and not has("government", c.sent.doc.text)),
            "crime": has("crime", doc_text),
        }
        cache["doc"] = df
    return df


def _non_acled(c: Cand, sub: str | None, ctx: dict[str, Any] | None = None) -> bool:
    """Disasters, accidents, crime and attribution statements are outside ACLED's scope."""
    if sub is None:
        return False
    if ctx is None:
        ctx = {}
    sf = _scope_cues(ctx, c)
    political = sf["political"]
    if sf["disaster"] and not political and sub not in ("Agreement",):
        return True
    # the lead's scope: an accident or a crime story, with no political actor anywhere in it
    in_lead = c.sent.start < ctx.get("lead_end", 0)
    df = _doc_scope_cues(ctx, c) if in_lead else None
    if df is not None and not df["political"]:
        if df["accident"] and c.frame in ("explode", "kill", "die", "wound", "destroy"):
            return True
        if df["crime"] and sub in (
            "Attack",
            "Grenade",
            "Arrests",
            "Abduction/forced disappearance",
            "Armed clash",
            "Mob violence",
            "Looting/property destruction",
        ):
            return True
    if (
        sf["accident"]
        and not political
        and c.frame in ("explode", "kill", "die", "wound", "destroy", "attack", "fight")
    ):
        return True
    if (
        sf["crime"]
        and not political
        and sub
        in (
            "Attack",
            "Arrests",
            "Looting/property destruction",
            "Abduction/forced disappearance",
            "Disrupted weapons use",
            "Armed clash",
        )
    ):
        if not (sub == "Disrupted weapons use" and c.frame in ("weapons_seized", "find")):
            return True
    # "X claimed responsibility for the attack": the statement, not the attack, is the news
    if (c.tok.pos_ == "NOUN" and c.args == c.tok) or (
        c.tok.tag_ == "VBG" and c.tok.dep_ in ("pcomp", "pobj")
    ):
        h = c.tok
        for _ in range(3):
            if h.head == h:
                break
            h = h.head
            if h.lemma_.lower() in (
                "responsibility",
                "blame",
                "accuse",
                "accusation",
                "condemn",
                "allegation",
                "deny",
                "describe",
                "responsible",
            ):
                return True
    return False


def _confidence(c: Cand, ev: Event, n_sents: int, has_title: bool) -> float:
    score = 0.25 + 0.5 * c.spec
    pos = c.rank
    score += {0: 0.16, 1: 0.10, 2: 0.06, 3: 0.03}.get(pos, 0.0)
    if ev.acled:
        score += 0.04
        if frames()[c.frame].get("violent"):
            score += 0.06
    if c.tok.pos_ != "VERB" and c.args == c.tok:
        score -= 0.05  # an event noun mentioned without a predicate of its own
    if (
        c.tok.pos_ != "VERB"
        and c.tok.tag_ in ("NNS", "NNPS")
        and not any(x.dep_ in ("det", "nummod", "poss") or x.like_num for x in c.tok.children)
    ):
        score -= 0.08  # generic plural: "organized attacks against ...", habitual rather than one event
    if c.embedded:
        score -= 0.2
    score += _centrality(c)
    if ev.negated:
        score -= 0.3
    if ev.modality:
        score -= 0.2
    if _declared_readiness(c):
        score -= 0.15  # "willing to send troops to defend X": the willingness (AGREE) is the event
    if ev.modality == "conditional":
        score -= 0.15  # the antecedent of a condition ("if it is attacked") has not happened at all
    if ev.timeframe == "historical":
        score -= 0.3
    elif ev.timeframe == "future":
        score -= 0.15
    if ev.killed:
        score += 0.03
    if c.extra:
        score += 0.02
    return max(0.01, min(0.99, score))


def _declared_readiness(c: Cand) -> bool:
    """Whether the event is the content of a readiness adjective that is itself a trigger ("willing to ...")."""
    adjs = coder.triggers().get("adjective", {})
    h = c.args
    for _ in range(4):
        if h.head == h:
            return False
        h = h.head
        if h.lemma_.lower() in adjs and h != c.tok:
            return True
    return False


REPORTING = words("reporting")


@functools.cache
def _background_preps() -> frozenset[str]:
    from .lexicon import load

    return frozenset(load("cues.json")["background_preps"])


def _centrality(c: Cand) -> float:
    """Main-clause predicates score higher; background phrases ("despite", "amid", "after" ...) lower."""
    bg = _background_preps()
    t = c.args
    depth = 0
    adj = 0.0
    while t.head != t and depth < 8:
        if t.dep_ == "pobj" and (
            t.head.lower_ in bg or (t.head.head.dep_ == "pobj" and t.head.head.lower_ in bg)
        ):
            adj -= 0.1
        if t.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("after", "since", "before", "following") for m in t.children
        ):
            adj -= 0.08
        if t.dep_ in ("relcl", "acl"):
            adj -= 0.1 if (t.dep_ == "acl" and t.tag_ == "VBN") else 0.05  # "carcasses destroyed in battles"
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING:
            t = t.head
            continue
        depth += 1
        t = t.head
    adj += max(-0.16, 0.08 - 0.04 * depth)
    return adj


EMBEDDING_HEADS = words("embedding_heads")


def _embedded(c: Cand) -> bool:
    if c.args == c.tok and c.tok.pos_ != "VERB" and c.tok.dep_ in ("dobj", "pobj", "nsubjpass", "obj"):
        gov = c.tok.head if c.tok.dep_ != "pobj" else c.tok.head.head
        f, _ = coder._frame_for(gov) if gov != c.tok else (None, None)
        if (
            f is not None
            and f in frames()
            and not (frames()[f]["acled"] in coder.MERGEABLE and c.family in coder.MERGEABLE)
        ):
            return True  # "rejected the offer", "accused of the bombing"; not "killed in an airstrike"
    h = c.args
    for _ in range(4):
        if h.head == h:
            return False
        h = h.head
        if h.lemma_.lower() in EMBEDDING_HEADS or h.lower_ in EMBEDDING_HEADS:
            return True
    return False


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
            if tok.pos_ not in coder.TRIGGER_POS:
                continue  # `_frame_for` reads verbs, nouns and adjectives only
            try:
                frame, args = coder._frame_for(tok)
                if frame is None or frame not in frames():
                    continue
                c = Cand(tok=tok, frame=frame, sent=sent, sent_idx=si, args=args)
                used_args.add(args.i)
                coder.arguments(c)
                c.embedded = _embedded(c)
            except Exception:  # noqa: BLE001 - an odd parse must not cost the document its other events
                log.debug("events: trigger %r skipped", tok.text, exc_info=True)
                continue
            sc.append(c)
        sc = _merge(sc)
        k, i, a = coder.casualties(sent, sent_toks) if sc else (None, None, None)
        for c in sc:
            fam = c.family
            if fam in coder.MERGEABLE or fam in (
                "sexual",
                "abduct",
                "territory",
                "territory_gov",
                "riot",
                "protest",
            ):
                c.killed, c.injured = k, i
            if fam in ("arrest", "abduct") or (fam in ("protest", *coder.MERGEABLE) and a):
                c.arrested = a
        for c in sc:
            if coder.cumulative(c):
                c.killed = c.injured = c.arrested = None
        for c in sc:
            c.rank = n_event_sents
        if sc:
            n_event_sents += 1
        cands.extend(sc)
    return _build(doc, cands, ctx, len(sents))


def _depth(t: Any) -> int:
    d = 0
    while t.head != t and d < 10:
        t = t.head
        d += 1
    return d


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
    violent = [c for c in sc if c.family in coder.MERGEABLE and not c.embedded]
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
            if c.family in ("territory", "territory_gov", "riot", "protest", "sexual") and not c.embedded
        ]
        if absorbing and main.frame not in ("airstrike", "shell") and main.family != "riot":
            a = absorbing[0]
            a.extra.append(main.tok)
        else:
            out.append(main)
    out.extend(others)
    out.sort(key=lambda c: c.tok.i)
    return out


def _demanded(c: Cand) -> list[Any] | None:
    """ "X said Y must do Z": a demand by X (PLOVER REQUEST); returns X's tokens."""
    v = c.args
    if v.pos_ not in ("VERB", "ADJ", "AUX"):
        return None
    for _ in range(2):  # "the Union must stand ready to mediate"
        if any(ch.dep_ == "aux" and ch.lower_ in ("must",) for ch in v.children):
            break
        if v.dep_ in ("xcomp", "acomp") and v.head != v:
            v = v.head
        else:
            return None
    if not any(ch.dep_ == "aux" and ch.lower_ in ("must",) for ch in v.children):
        return None
    if v.dep_ == "ccomp" and v.head.lemma_.lower() in REPORTING | words("demand_reporting"):
        subj = [ch for ch in v.head.children if ch.dep_ in ("nsubj",)]
        return subj or None
    return None


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


def _event_of(
    doc: Document,
    c: Cand,
    ctx: dict[str, Any],
    n_sents: int,
    created: dict[str, Actor],
    date_event: Callable[..., Any],
    place_for_event: Callable[..., Any],
) -> Event | None:
    sub, mode = coder.resolve_acled(c, ctx)
    if _non_acled(c, sub, ctx):
        sub = None
        if c.family in coder.MERGEABLE and c.frame in ("kill", "die", "wound", "explode", "destroy"):
            return None  # a disaster or accident, not a political event
    fr = frames()[c.frame]
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
    if plover is None and sub is None:
        return None
    neg, modality = coder.negation_modality(c)
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
    demand = _demanded(c)
    if demand is not None:
        plover = {"event": "REQUEST", "mode": None, "context": plover["context"] if plover else []}
        sub = None
        recips = [a for a in actors if a.pos_ != "PRON"]
        actors = demand
    s = c.sent
    s_text = coder.span_text(s)
    tok = c.tok
    ev = Event(
        id="",
        trigger=Span(tok.idx, tok.idx + len(tok), tok.text),
        evidence=[Span(s.start_char, s.end_char, s_text)],
        plover=plover,
        acled=coder.acled(sub),
        killed=c.killed,
        injured=c.injured,
        arrested=c.arrested,
    )
    background = _actor_relcl(doc, c)
    solo = frozenset({background.head.i}) if background is not None else frozenset()
    ev.actor = _actor_ids(doc, actors, created, solo)
    ev.recipient = [r for r in _actor_ids(doc, recips, created) if r not in ev.actor]
    if not ev.recipient and demand is None:  # none of the parsed recipients is a party: the frame's own slots
        extra = [r for r in coder.frame_recipients(c) if r not in recips and r not in actors]
        ev.recipient = [r for r in _actor_ids(doc, extra, created) if r not in ev.actor]
    ev.negated, ev.modality = neg, modality
    date_event(doc, ev)
    ev.place = place_for_event(doc, ev)
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
    ev.confidence = _confidence(c, ev, n_sents, doc.title is not None)
    if background is not None:
        ev.confidence = max(0.01, ev.confidence - BACKGROUND_PENALTY)
    return ev


@functools.cache
def _defunct_first_words() -> tuple[str, ...]:
    from .lexicon import load

    return tuple({w.split(" ", 1)[0].rstrip("*") for w in load("cues.json")["defunct_entities"]})


def _defunct_possible(ctx: dict[str, Any], doc: Document) -> bool:
    """Whether a defunct-entity cue can match anywhere in the document: every match starts with the first
    word of a cue, and that word lies inside one token, so a document without it needs no clause scan."""
    v = ctx.get("_defunct")
    if v is None:
        low = doc.text.lower()
        v = ctx["_defunct"] = any(w in low for w in _defunct_first_words())
    return v


RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
BACKGROUND_PENALTY = 0.2


def _actor_relcl(doc: Document, c: Cand) -> Any | None:
    """The relative clause verb when the event is told in a clause describing one of its participants
    ("the extremist group that took power in the other provinces", "the rebels who overran the town"):
    a past deed of that actor (simple past or perfect, relative pronoun as subject), background to the
    sentence's own news. None otherwise."""
    v = c.args
    for _ in range(2):  # "the group that took power and imposed ...": the second conjunct too
        if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
    if v.dep_ != "relcl" or v.pos_ not in ("VERB", "AUX"):
        return None
    if not any(ch.dep_ == "nsubj" and ch.lower_ in RELATIVE_PRONOUNS for ch in v.children):
        return None
    if not (
        v.tag_ == "VBD"
        or v.tag_ == "VBN"
        and any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in v.children)
    ):
        return None  # "the militants who are besieging the town": a present state, today's news
    head = v.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or coder._personish(head):
        return v
    phrase = coder._phrase(head)
    if any(has(k, phrase) for k in ("nonstate", "armed", "government", "civilian", "protest")):
        return v  # "the rebel group that seized power", "the forces that took the town"
    from ..actors import actor_at

    if actor_at(doc, head.idx, head.idx + len(head.text)) is not None:
        return v
    return None


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
                    main.arrested += e.arrested or 0
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


@register("events")
class EventsStage:
    name = "events"

    def __call__(self, doc: Document) -> Document:
        from . import second_opinion

        doc.events = second_opinion.apply(doc, extract_events(doc))
        return doc
