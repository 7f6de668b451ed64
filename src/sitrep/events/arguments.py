"""Arguments: the actor and recipient of a candidate from the syntax (subject / "by" agent / object /
"against", "on", "between ... and ..."), and their Actor ids from the actors stage.
"""

from __future__ import annotations

import functools
import re
import weakref
from typing import Any

from ..actors.api import first_covering
from ..document import Actor, Document, Span
from .cand import (
    SUBJ,
    Cand,
    Token,
    _expand,
    _lemma,
    _noun_actors,
    _personish,
    _phrase,
    _pobjs,
    _subject,
    _unquantify,
)
from .headline import headline_parts
from .lexicon import has, load, words
from .rank import REPORTING
from .triggers import _frame_for

TRANSITIVE = words("transitive_frames")
SEEK_VERBS = words("seek_verbs")
SEEK_NOUNS = words("seek_nouns")


def _sought(v: Token) -> list[Token]:
    """Whom an operation was after: "during an operation targeting X", "in search of X", "while pursuing X"."""
    out: list[Token] = []
    sent = v.sent
    s0, s1 = sent.start, sent.end
    for t in v.subtree:
        if not s0 <= t.i < s1:
            continue
        lem = _lemma(t)
        if t.pos_ == "VERB" and lem in SEEK_VERBS and t != v:
            out.extend(c for c in t.children if c.dep_ in ("dobj", "obj"))
            out.extend(_pobjs(t, ("for",)))
        elif t.pos_ == "NOUN" and lem in SEEK_NOUNS:
            out.extend(_pobjs(t, ("of", "for")))
    return [o for o in out if o.pos_ in ("NOUN", "PROPN")]


def attach_arguments(c: Cand) -> None:
    t, v = c.tok, c.args
    fr = c.frame
    hp = headline_parts(t) if t.dep_ == "compound" and v == t else None
    if hp is not None:
        actors, recips = _expand([hp[1]]), _expand([hp[2]])  # "Gunmen attack bus": left doer, right object
    elif v.pos_ in ("VERB", "AUX") or (v.pos_ == "ADJ" and v == t):
        actors, recips = _verb_arguments(t, v, fr)
    else:
        actors, recips = _noun_arguments(t, fr)
    if fr in (
        "arrest",
        "capture_person",
        "kill",
        "attack",
        "clash",
        "fight",
        "shoot",
        "airstrike",
        "raid",
        "ambush",
        "offensive",
    ):
        recips = recips + _sought(v if v != t else t)
    if fr == "explode" and v.pos_ == "VERB" and _lemma(v) in DEVICE_CONTACT_VERBS:
        # "their vehicle ran over an IED", "a soldier stepped on a landmine": the subject is the victim of
        # the device, not who planted it (victim-activated devices; codebook, Remote explosive/landmine/IED)
        actors, recips = [], actors + recips
    c.actors = [a for a in actors if a.pos_ != "PRON" or a.lower_ in ("they", "he", "she", "it", "we")]
    c.recipients = [r for r in recips if r not in c.actors]
    if not any(_named(r) for r in c.recipients):  # none is a party with a name: read the frame's own slots
        c.recipients = [r for r in frame_recipients(c) if r not in c.actors] + c.recipients


def _verb_arguments(t: Token, v: Token, fr: str) -> tuple[list[Token], list[Token]]:
    """(actors, recipients) of a verb (or light verb v of the event noun t) from subject, objects, prepositions."""
    actors: list[Token] = []
    recips: list[Token] = []
    passive = any(x.dep_ in ("nsubjpass", "auxpass") for x in v.children)
    if (
        passive and fr == "pledge"
    ):  # "Vietnam is committed to ...": an adjectival passive, the subject commits
        actors = _expand([x for x in v.children if x.dep_ == "nsubjpass"]) or _subject(v)
        recips = []
    elif passive:
        actors = _pobjs(v, ("by",))
        recips = _expand([x for x in v.children if x.dep_ == "nsubjpass"])
        if not actors and v.dep_ in ("conj", "xcomp", "advcl"):
            actors = []
    else:
        actors = _subject(v)
        recips = _expand([x for x in v.children if x.dep_ in ("dobj", "obj")])
    if v != t:  # light verb: "X carried out an attack on Y"
        actors = actors if not passive else _pobjs(v, ("by",))
        recips = _pobjs(t, ("on", "against", "targeting", "of")) or _pobjs(v, ("on", "against"))
        actors = actors or _noun_actors(t)
    recips += _pobjs(
        v,
        ("against", "on", "upon", "targeting", "at")
        if fr not in ("capture_territory", "regain_territory", "fall")
        else ("from",),
    )
    two_sided = _pobjs(v, ("between",))
    if two_sided and fr in ("clash", "fight"):
        actors = two_sided
    elif two_sided:
        recips = recips + two_sided
    if fr in ("clash", "fight", "negotiate", "meet", "cooperate", "phone", "agree", "ceasefire"):
        withs = _pobjs(v, ("with",))
        if fr in ("clash", "fight"):
            actors = actors + withs
        else:
            recips = recips + withs
    if fr == "fall":
        actors = _pobjs(v, ("to", "into"))
        recips = []
    if (
        fr
        in (
            "capture_territory",
            "regain_territory",
            "handover",
            "base_established",
            "deploy",
            "weapons_seized",
            "defuse",
            "withdraw",
            "agree",
            "ceasefire",
            "protest",
            "release",
            "request",
            "aid",
        )
        and v == t
    ):
        # objects of these are places, things or people given, not the party acted upon
        objs = [x for x in v.children if x.dep_ in ("dobj", "obj", "nsubjpass")]
        recips = [r for r in recips if r not in objs or fr in ("request", "release")]
        if fr == "aid":
            recips += _pobjs(v, ("to", "for"))
        if fr == "request":
            recips = [
                r
                for r in recips
                if r.pos_ in ("PROPN", "NOUN") and r.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
            ] + _pobjs(v, ("on", "upon"))
        if fr in ("protest",):
            recips += _pobjs(v, ("against",))
    # headline style reduced passive: "Insurgents Detained During Operation", "Kidnapper Detained by Force"
    if (
        not passive
        and v == t
        and fr in TRANSITIVE
        and not any(x.dep_ in ("dobj", "obj") for x in v.children)
        and (t.tag_ == "VBN" or (t.text[:1].isupper() and t.i > t.sent.start))
    ):
        subj = [x for x in v.children if x.dep_ in SUBJ]
        if subj:
            recips = _expand(subj)
            actors = _pobjs(v, ("by",))
    return actors, recips


def _noun_arguments(t: Token, fr: str) -> tuple[list[Token], list[Token]]:
    """(actors, recipients) of an event noun: its own modifiers, "between", the governing verb's subject."""
    actors = _noun_actors(t)
    recips = _pobjs(t, ("on", "against", "targeting", "of", "at"))
    between = _pobjs(t, ("between",)) or _pobjs(t.head, ("between",))
    if between and fr in ("clash", "fight"):
        actors = between
    elif between:
        recips = recips + between
    h = t
    while h.dep_ in ("conj", "appos") and h.head != h:
        h = h.head
    if h.dep_ == "compound":
        h = h.head
    if (
        not actors and h.dep_ in ("dobj", "obj") and h.head.pos_ == "VERB"
    ):  # "X undertook a mediation mission"
        actors = _subject(h.head)
    if not actors and fr not in (
        "kill",
        "die",
        "wound",
    ):  # "dockers downed tools on day one of a strike"
        x = h
        for _ in range(4):
            if x.dep_ in ("pobj", "prep", "dobj", "npadvmod") and x.head != x:
                x = x.head
                if x.pos_ == "VERB":
                    actors = [a for a in _subject(x) if a.pos_ != "PRON"]
                    break
            else:
                break
    if t.dep_ in SUBJ and t.head.pos_ == "VERB":  # "an airstrike killed six civilians"
        recips += [x for x in t.head.children if x.dep_ in ("dobj",)]
    if fr in ("withdraw", "deploy", "protest", "riot"):
        actors += _pobjs(t, ("of",))
        recips = [r for r in recips if r not in actors]
    return actors, recips


NAMED_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON"})


def _named(t: Token) -> bool:
    """A party with a name: "Great Britain", "the Turkish government", "the U.S. negotiator"."""
    if t.pos_ == "PRON" or t.like_num or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if t.pos_ == "PROPN" or t.ent_type_ in NAMED_ENTS:
        return True
    return t.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in NAMED_ENTS)
        for c in t.children
    )


@functools.cache
def _recipient_classes() -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    data = load("recipients.json")
    by_frame = {f: cl for cl in data["classes"].values() for f in cl["frames"]}
    return by_frame, frozenset(data["through"])


def frame_recipients(c: Cand) -> list[Token]:
    """The recipient read from the frame class's prepositions, datives, demanded clauses and possessors
    on the trigger and on its complements (data/recipients.json), nearest first."""
    by_frame, through = _recipient_classes()
    cl = by_frame.get(c.frame)
    if cl is None:
        return []
    preps = set(cl["preps"])
    s0, s1 = c.sent.start, c.sent.end
    starts = [c.tok] if c.args == c.tok else [c.tok, c.args]
    if c.tok.pos_ in ("NOUN", "PROPN") and c.tok.dep_ in ("dobj", "obj", "pobj") and c.args == c.tok:
        h = c.tok.head if c.tok.dep_ != "pobj" else c.tok.head.head
        if h.pos_ == "VERB":  # "imposed sanctions on X", "called for sanctions against X"
            starts.append(h)
    seen = {x.i for x in starts}
    level = list(starts)
    for _ in range(4):
        found: list[Token] = []
        nxt: list[Token] = []
        for x in level:
            own = preps
            if x not in starts and x.pos_ == "VERB":  # "refused to deploy troops in X": deploy's own slots
                sub = by_frame.get(_frame_for(x)[0] or "")
                own = preps | set(sub["preps"]) if sub else preps
            for ch in x.children:
                if not s0 <= ch.i < s1:
                    continue
                if (ch.dep_ in ("prep", "agent") or (ch.dep_ == "dative" and ch.pos_ == "ADP")) and ch.lower_ in own:
                    found.extend(o for o in ch.children if o.dep_ == "pobj")  # "give aid to X" (a dative "to")
                elif ch.dep_ == "dative" and ch.pos_ != "ADP":
                    found.append(ch)
                elif ch.dep_ in ("dobj", "obj") and (cl.get("object") or x not in starts):
                    found.append(ch)
                if cl.get("object_poss") and ch.dep_ in ("dobj", "obj") and x in starts:
                    found.extend(p for p in ch.children if p.dep_ == "poss")
                if cl.get("clause_subject") and ch.dep_ == "ccomp" and x in starts:
                    found.extend(sb for sb in ch.children if sb.dep_ == "nsubj")
                if (ch.dep_ in through or (ch.dep_ == "conj" and ch.pos_ in ("NOUN", "PROPN"))) and ch.i not in seen:
                    seen.add(ch.i)
                    nxt.append(ch)
        named = [f for f in (_unquantify(f) for f in found) if _named(f) and f not in starts]
        if named:
            return _expand(named[:1])
        level = nxt
    return []


# ---------------------------------------------------------------- actors
# per parsed document, weakly: a cache keyed by tokens (each holds its document) kept every document alive
_NP_SPANS: weakref.WeakKeyDictionary[Any, dict[int, tuple[int, int]]] = weakref.WeakKeyDictionary()


def _np_span(tok: Any) -> tuple[int, int]:
    """Token range of the noun phrase headed by `tok`, without determiners, clauses and prepositions
    (computed once per token of a parsed document)."""
    spans = _NP_SPANS.get(tok.doc)
    if spans is None:
        spans = _NP_SPANS[tok.doc] = {}
    got = spans.get(tok.i)
    if got is None:
        got = spans[tok.i] = _np_span_of(tok)
    return got


def _np_span_of(tok: Any) -> tuple[int, int]:
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
DEVICE_CONTACT_VERBS = words("device_contact_verbs")


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
    # the first actor named so or with a mention holding `start` (the mention index finds the latter)
    cover = first_covering(doc, start)
    for n in range(len(doc.actors) if cover is None else cover + 1):
        a = doc.actors[n]
        if n == cover or a.name.lower() == key:
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


RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


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
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or _personish(head):
        return v
    phrase = _phrase(head)
    if any(has(k, phrase) for k in ("nonstate", "armed", "government", "civilian", "protest")):
        return v  # "the rebel group that seized power", "the forces that took the town"
    from ..actors import actor_at

    if actor_at(doc, head.idx, head.idx + len(head.text)) is not None:
        return v
    return None
