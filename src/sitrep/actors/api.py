"""Functions the events and claims stages call to turn tokens and spans into actors."""

from __future__ import annotations

import bisect
import functools
import weakref
from typing import Any

from ..document import Actor, Document
from .lexicon import slug

PLACE_LABELS = ("GPE", "LOC", "FAC")


class _MentionIndex:
    """Every actor mention of a document sorted by start, so that `actor_at` looks at the mentions near a
    span instead of all of them (a scan per call made long documents quadratic). Stages only ever add
    actors and mentions, so the index takes in what was added since it last looked."""

    __slots__ = ("actors", "lists", "counts", "keys", "rows", "longest")

    def __init__(self, doc: Document) -> None:
        self.actors = doc.actors
        self.lists: list[list[Any]] = []  # each actor's mention list as last seen (replaced lists: rebuild)
        self.counts: list[int] = []
        self.keys: list[tuple[int, int, int]] = []  # (start, actor index, mention index)
        self.rows: list[tuple[int, Actor]] = []  # (end, actor), parallel to keys
        self.longest = 0
        self.update()

    def current(self) -> bool:
        """Whether only additions happened since the last look (no actor or mention list replaced, shortened
        or reordered at the front), so that `update` can take them in."""
        if len(self.lists) > len(self.actors):
            return False
        return all(a.mentions is ms and len(ms) >= n for a, ms, n in zip(self.actors, self.lists, self.counts, strict=False))

    def update(self) -> None:
        """Take in the actors and mentions added since the last look."""
        self.counts.extend([0] * (len(self.actors) - len(self.counts)))
        for ai, a in enumerate(self.actors):
            for mi in range(self.counts[ai], len(a.mentions)):
                m = a.mentions[mi]
                key = (m.start, ai, mi)
                pos = bisect.bisect_left(self.keys, key)
                self.keys.insert(pos, key)
                self.rows.insert(pos, (m.end, a))
                self.longest = max(self.longest, m.end - m.start)
            self.counts[ai] = len(a.mentions)
        self.lists = [a.mentions for a in self.actors]


def _mention_index(doc: Document) -> _MentionIndex:
    idx = doc.context.mention_index
    if not isinstance(idx, _MentionIndex) or idx.actors is not doc.actors or not idx.current():
        idx = _MentionIndex(doc)
        doc.context.mention_index = idx
    else:
        idx.update()
    return idx


def actor_at(doc: Document, start: int, end: int) -> Actor | None:
    """The actor with a mention overlapping [start, end): most overlap, then the shortest (most specific)
    mention, then the first in the document's actor order (a zero-width span counts a mention holding it)."""
    idx = _mention_index(doc)
    lo = bisect.bisect_left(idx.keys, (start - idx.longest, -1, -1))
    hi = bisect.bisect_right(idx.keys, (max(start, end), 1 << 62, 1 << 62))
    best: tuple[tuple[int, int, int, int], Actor] | None = None
    for (ms, ai, mi), (me, a) in zip(idx.keys[lo:hi], idx.rows[lo:hi], strict=True):
        if me <= start or ms >= end:
            if not (start == end and ms <= start < me):
                continue
            ov = 0
        else:
            ov = min(end, me) - max(start, ms)
        rank = (ov, -(me - ms), -ai, -mi)
        if best is None or rank > best[0]:
            best = (rank, a)
    return best[1] if best else None


def first_covering(doc: Document, char: int) -> int | None:
    """The position in `doc.actors` of the first actor with a mention holding character `char`
    (start <= char < end), or None; from the mention index, not a scan of every mention."""
    idx = _mention_index(doc)
    lo = bisect.bisect_left(idx.keys, (char - idx.longest, -1, -1))
    hi = bisect.bisect_right(idx.keys, (char, 1 << 62, 1 << 62))
    first: int | None = None
    for (_ms, ai, _mi), (me, _a) in zip(idx.keys[lo:hi], idx.rows[lo:hi], strict=True):
        if char < me and (first is None or ai < first):
            first = ai
    return first


def _token_actor(doc: Document, tok: Any) -> Actor | None:
    return actor_at(doc, tok.idx, tok.idx + len(tok.text))


# token offsets only: a value holding spans (which hold their document) would keep the key alive
_ENTS: weakref.WeakKeyDictionary[Any, tuple[list[int], list[int]]] = weakref.WeakKeyDictionary()


def _entity_of(tok: Any) -> tuple[int, int] | None:
    """(start, end) tokens of the named entity holding `tok`, or None (`sd.ents` builds every span anew on
    each access: they are read once per parsed document; spaCy's entities are sorted and do not overlap)."""
    sd = tok.doc
    got = _ENTS.get(sd)
    if got is None:
        ents = list(sd.ents)
        got = _ENTS[sd] = ([e.start for e in ents], [e.end for e in ents])
    starts, ends = got
    k = bisect.bisect_right(starts, tok.i) - 1
    return (starts[k], ends[k]) if k >= 0 and tok.i < ends[k] else None


def _place_actor(doc: Document, tok: Any) -> Actor | None:
    """An actor made on demand for a place named as a participant ("Kabul", "the Gaza Strip")."""
    if tok.ent_type_ not in PLACE_LABELS:
        return None
    ent = _entity_of(tok)
    if ent is None:
        return None
    i, j = ent
    while i < j and tok.doc[i].lower_ in ("the", "a", "an"):
        i += 1
    span = tok.doc[i:j]
    if not span.text.strip():
        return None
    from ..document import Span

    aid = f"place:{slug(span.text)}"
    a = doc.actor_by_id(aid)
    if a is None:
        a = Actor(id=aid, name=span.text, kind="location")
        doc.actors.append(a)
    if not any(m.start == span.start_char for m in a.mentions):
        a.mentions.append(Span(span.start_char, span.end_char, span.text))
    return a


def _actors_of_head(doc: Document, tok: Any, create: bool) -> list[Actor]:
    a = _token_actor(doc, tok)
    if a is not None:
        # "the group's spokesman, Zabihullah Mujahid": the named person rather than the description
        for c in tok.rights:
            if c.dep_ == "appos":
                p = _token_actor(doc, c)
                if p is not None and p.kind == "person":
                    return [p]
        return [a]
    for c in tok.rights:
        if c.dep_ == "appos":
            p = _token_actor(doc, c)
            if p is not None:
                return [p]
    # "members of the group", "one of the rebels": the actor in the "of" phrase
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    inner = _actors_of_head(doc, pobj, create=False)
                    if inner:
                        return inner
    # a modifier naming the actor: "Israeli army bulldozers", "US Predator attacks", "Syria's decision"
    for c in sorted(tok.lefts, key=lambda c: -c.i):
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            m = _token_actor(doc, c)
            if m is not None:
                return [m]
    if create:
        p = _place_actor(doc, tok)
        if p is not None:
            return [p]
    return []


def actors_for_token(doc: Document, token: Any, create: bool = True) -> list[Actor]:
    """Actors denoted by the noun phrase headed by `token` and its conjuncts ("Jordan and Britain" -> both).

    With `create`, a place named as a participant ("Kabul", "the Gaza Strip") becomes a `location` actor
    (added to `doc.actors`) when no actor covers it.
    """
    out: list[Actor] = []
    for t in [token, *token.conjuncts]:
        for a in _actors_of_head(doc, t, create):
            if a not in out:
                out.append(a)
    return out


@functools.cache
def _state_names() -> dict[str, str]:
    import json
    from importlib import resources

    data = json.loads(resources.files("sitrep.actors").joinpath("data/state_forces.json").read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def state_actor(doc: Document, iso2: str | None, sector: str, mention: tuple[int, int] | None = None) -> Actor | None:
    """The government, police or military of the country `iso2` (ISO 3166-1 alpha-2) as one actor of the
    document: the one the actors stage found ("Afghan police" -> `generic:police:AFG`), else a new one named
    after ACLED ("Police Forces of Afghanistan"; see data/state_forces.json). `mention`: character offsets
    of the words that imply it ("police" in "a police statement"). None for another sector or country."""
    from .lexicon import government_id
    from .lexicon import load as actor_lexicon

    names = _state_names()
    if not iso2 or sector not in names:
        return None
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=iso2.upper())
    except (ImportError, LookupError, KeyError):
        return None
    if c is None:
        return None
    iso3 = c.alpha_3
    aid = government_id(iso3) if sector == "government" else f"generic:{sector}:{iso3}"
    a = doc.actor_by_id(aid)
    if a is None:
        name = actor_lexicon().country_names.get(iso3, getattr(c, "common_name", None) or c.name)
        a = Actor(id=aid, name=names[sector].format(country=name), kind=sector, country=iso3, sector=sector)
        doc.actors.append(a)
    if mention is not None and all(m.start != mention[0] for m in a.mentions):
        from ..document import Span

        a.mentions.append(Span(mention[0], mention[1], doc.text[mention[0] : mention[1]]))
    return a


def party_of(doc: Document, actor: Actor | None) -> Actor | None:
    """The organisation or government a person acts for; the actor itself otherwise."""
    if actor is None:
        return None
    if actor.affiliation:
        return doc.actor_by_id(actor.affiliation) or actor
    return actor


def speaker_party(doc: Document, token_or_span: Any) -> tuple[Actor | None, str | None]:
    """(party, speaker) for the subject of a reporting verb.

    "the group's spokesman, Zabihullah Mujahid" -> (Taliban, "Zabihullah Mujahid");
    "the FNR" -> (NRF, None); "Ahmad Massoud" -> (NRF if affiliated else the person, "Ahmad Massoud");
    "Norway's foreign minister" -> (the official's actor, None).
    """
    if hasattr(token_or_span, "subtree") and not hasattr(token_or_span, "start_char"):
        head = token_or_span
        toks = [head, *[c for c in head.subtree if c.i != head.i]]
    elif hasattr(token_or_span, "root"):
        head = token_or_span.root
        toks = [head, *[t for t in token_or_span if t.i != head.i]]
    else:
        return None, None
    for a in actors_for_token(doc, head, create=False):
        if a.kind == "person" and not a.id.startswith("official:"):
            party = doc.actor_by_id(a.affiliation) if a.affiliation else None
            return (party or a), a.name
        if a.kind == "person" or a.id.startswith("official:"):
            return a, None
        # a description ("the group's spokesman") whose appositive names nobody: the organisation
        return a, None
    persons = []
    for t in toks:
        b = _token_actor(doc, t)
        if b is not None and b.kind == "person" and not b.id.startswith("official:") and b not in persons:
            persons.append(b)
    if persons:
        p = persons[0]
        party = doc.actor_by_id(p.affiliation) if p.affiliation else None
        return (party or p), p.name
    for t in toks:
        b = _token_actor(doc, t)
        if b is not None:
            return b, None
    return None, None
