"""Reporting frames read from spaCy's dependency parse.

A `Frame` is one act of saying something about the world: "announced", "said the group's spokesman,
Zabihullah Mujahid", "according to the Syrian Observatory", "claimed responsibility", "denies",
"Images on social media showed", "There are reports", "reportedly", "It is believed". Each has a
stance, a speaker phrase (from which the speaker and the party are read), a channel, and a *scope*:
the token indices of what is reported (the complement clause, the object of "for" in "claimed
responsibility for", the rest of the sentence for "according to" and hedge adverbs).
"""

from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..document import Actor, Document
from .lexicon import Lexicon, lexicon

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass
class Frame:
    kind: str  # "verb", "according", "responsibility", "evidence", "noun", "hedge", "passive"
    stance: str  # one of document.STANCES
    head: int  # token index of the frame's head word
    start: int  # character span of the frame text
    end: int
    scope: set[int] = field(default_factory=set)  # token indices of what is reported
    source: str | None = None  # actor id of the party
    speaker: str | None = None  # person as written
    channel: str | None = None
    sent_start: int = 0  # token index where the frame's sentence begins
    unnamed: bool = False  # the speaker is unnamed ("reports", "media", "witnesses")
    anaphoric: bool = False  # what it reports is a pronoun or claim noun ("denied it", "the claims")
    extra_sources: list[str] = field(default_factory=list)  # other parties of coordinated subjects
    pronoun: bool = False  # the speaker is a pronoun ("he said"), resolved from earlier frames
    impersonal: bool = False  # ... and it is "it" / "they", which refer to groups rather than persons

    @property
    def backward(self) -> bool:
        """Frames that comment on an event told earlier (a denial, a responsibility claim, images)."""
        return self.kind in ("responsibility", "evidence") or self.stance == "denies" or self.anaphoric


# ---------------------------------------------------------------------------------------- actors API
def _party_actor(doc: Document, actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.kind == "person" and actor.affiliation:
        return actor.affiliation
    return actor.id


def _actor_in_chars(doc: Document, start: int, end: int, head_char: int | None = None) -> Actor | None:
    """An actor mentioned in [start, end): the actors stage's `actor_at`.

    (A scan of every mention of doc.actors for one overlapping [start, end), ranked by whether it holds
    `head_char`, used to follow here; it could find nothing `actor_at` had not: `actor_at` looks at every
    mention overlapping the span, or holding it when it is empty, and returns one whenever there is any.
    The scan made long documents quadratic and is gone; `head_char` is kept for the callers.)"""
    from ..actors import actor_at

    del head_char
    return actor_at(doc, start, end)


# ---------------------------------------------------------------------------------------- helpers
def _subtree_range(tok: Any) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _subtree_set(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


def _char_span(sd: Any, i: int, j: int) -> tuple[int, int]:
    """Character span of tokens i..j (inclusive)."""
    return sd[i].idx, sd[j].idx + len(sd[j].text)


def _subjects(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in SUBJ_DEPS]


def _subject(tok: Any) -> Any | None:
    subs = _subjects(tok)
    if subs:
        # "Six shepherds die in a drone strike, cousin says": the nearest one speaks
        return min(subs, key=lambda c: abs(c.i - tok.i))
    # "X denies ..., says it will": the subject of a coordinated or governing verb
    if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
        for c in tok.head.children:
            if c.dep_ in ("nsubj",):
                return c
    for c in tok.children:  # "denies" as ccomp of a subjectless "says"
        if c.dep_ in ("ccomp",) and c.i < tok.i:
            for cc in c.children:
                if cc.dep_ == "nsubj":
                    return cc
    return None


def _person_ents(sd: Any, lo: int, hi: int) -> list[Any]:
    """The document's PERSON entities with lo <= start and end - 1 <= hi, in document order. Their token
    offsets are read once per parsed document (`sd.ents` builds every span anew on each access, which made
    looking them up per speaker quadratic in the document's length), and only those from `lo` on are
    looked at. The cache holds offsets, not spans: a span holds its document, which would keep the weak
    key alive."""
    got = _PERSONS.get(sd)
    if got is None:
        ents = [e for e in sd.ents if e.label_ == "PERSON"]
        got = _PERSONS[sd] = ([e.start for e in ents], [e.end for e in ents])
    starts, ends = got
    out = []
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
        if ends[k] - 1 <= hi:
            out.append(sd[starts[k] : ends[k]])
    return out


_PERSONS: weakref.WeakKeyDictionary[Any, tuple[list[int], list[int]]] = weakref.WeakKeyDictionary()


def _speaker_phrase(sd: Any, head: Any, lex: Lexicon) -> str | None:
    """The person who speaks, as written: a PERSON name in the phrase, else a role noun phrase."""
    lo, hi = _subtree_range(head)
    persons = _person_ents(sd, lo, hi)
    if persons:
        # prefer a name in apposition to / compounded with the head over one in a modifier
        persons.sort(key=lambda e: (0 if e.root.i == head.i or e.root.head.i == head.i else 1, e.start))
        return persons[0].text
    if head.lemma_.lower() in lex.role_nouns or head.lower_ in lex.role_nouns:
        j = hi if hi - lo <= 12 else head.i
        # stop before a relative clause or a comma
        for t in sd[lo : j + 1]:
            if t.i > head.i and (t.dep_ in ("relcl", "acl") or t.text in (",", "(")):
                j = t.i - 1
                break
        return sd[lo : j + 1].text
    return None


def find_channel(sd: Any, idxs: list[int], lex: Lexicon) -> str | None:
    """The longest channel pattern found over the tokens at `idxs` (in order)."""
    toks = [sd[i] for i in sorted(idxs)]
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    present = {*words, *lemmas}
    found: list[tuple[bool, int, str]] = []
    for pattern, name in lex.channel_patterns:
        if not all(p in present for p in pattern):
            continue  # a pattern word is not among the tokens: no match
        n = len(pattern)
        for k in range(len(toks) - n + 1):
            if all(words[k + m] == p or lemmas[k + m] == p for m, p in enumerate(pattern)):
                # contiguous in the text
                if all(toks[k + m + 1].i == toks[k + m].i + 1 for m in range(n - 1)):
                    found.append((name in lex.generic_channels, -n, name))
    return min(found)[2] if found else None


@dataclass
class Party:
    impersonal: bool = False
    source: str | None = None
    speaker: str | None = None
    unnamed: bool = False
    pronoun: bool = False
    state_media: bool = False


def resolve_party(doc: Document, subj: Any, lex: Lexicon) -> Party:
    sd = doc.spacy
    lo, hi = _subtree_range(subj)
    # cut relative clauses off the phrase: "the group that took power in the provinces"
    for t in subj.children:
        if t.dep_ in ("relcl", "acl") and t.i > subj.i and not any(c.dep_ == "agent" for c in t.children):
            hi = min(hi, t.left_edge.i - 1)  # but keep "evidence gathered by Amnesty International"
    start, end = _char_span(sd, lo, max(lo, hi))
    party = Party()
    lemma = subj.lemma_.lower()
    if lemma in lex.pronouns or subj.lower_ in lex.pronouns:
        party.pronoun = True
        party.impersonal = subj.lower_ in ("it", "they", "its", "their")
    from ..actors import speaker_party

    actor: Actor | None
    actor, party.speaker = speaker_party(doc, sd[lo : max(lo, hi) + 1])
    if actor is None:
        actor = _actor_in_chars(doc, start, end, subj.idx)
    if actor is None and not party.pronoun:
        actor = _state_modifier(doc, subj)
    if actor is None and party.pronoun and lemma != "it":
        # "Ahmad Massoud made an announcement in which he declared ...": the nearest subject before
        # the pronoun in its sentence that names a person
        for t in reversed(list(sd[subj.sent.start : subj.i])):
            if t.dep_ in SUBJ_DEPS and t.ent_type_ == "PERSON":
                lo2, hi2 = _subtree_range(t)
                s2, e2 = _char_span(sd, lo2, hi2)
                actor = _actor_in_chars(doc, s2, e2, t.idx)
                party.speaker = party.speaker or _speaker_phrase(sd, t, lex)
                break
    if party.speaker is None and lemma not in lex.unnamed_source_nouns:
        party.speaker = _speaker_phrase(sd, subj, lex)
    mods = {c.lower_ for c in subj.children} | {c.lemma_.lower() for c in subj.children}
    if lemma in ("media", "medium", "television", "tv", "agency", "broadcaster") and mods & lex.state_media_modifiers:
        party.state_media = True
    if actor is not None and not party.pronoun:
        # "Afghan media", "local residents", "reports": unnamed sources, whatever their nationality
        if lemma in lex.unnamed_source_nouns and not party.state_media:
            covers_head = any(m.start <= subj.idx < m.end for m in actor.mentions)
            modifier = any(
                m.start <= t.idx < m.end
                for c in subj.children
                if c.dep_ in ("compound", "poss", "nmod") and c.i < subj.i
                for t in c.subtree
                for m in actor.mentions
            )  # "Taliban sources", "the Islamic State group's Amaq news agency": a named party's voices
            named = actor.kind != "person" and not actor.id.startswith(("generic:", "country:", "place:", "person:"))
            if not ((covers_head or modifier) and named):
                actor = None
                party.speaker = None
    party.source = _party_actor(doc, actor) if actor is not None else None
    if party.source is None and lemma in lex.unnamed_source_nouns and party.speaker is None:
        party.unnamed = True
    return party


def _state_modifier(doc: Document, subj: Any) -> Actor | None:
    """ "a police statement said", "a government spokesman said": a state sector word before the speaker
    noun names the state of the story (the document's focus country) as the party."""
    from ..actors.api import state_actor
    from ..actors.lexicon import load as actor_lexicon

    generic = actor_lexicon().generic
    for c in subj.lefts:
        if c.dep_ in ("compound", "amod") and c.i == subj.i - 1:
            sector = (generic.get(c.lemma_.lower()) or generic.get(c.lower_) or (None, None))[0]
            if sector is not None:  # state_actor knows the state sectors and refuses the others
                return state_actor(doc, doc.focus_country, sector, (c.idx, c.idx + len(c.text)))
    return None


# ---------------------------------------------------------------------------------------- detection
def _clausal_children(tok: Any, lex: Lexicon, deps: frozenset[str] | None = None) -> list[Any]:
    deps = deps or lex.clausal_deps
    out = [c for c in tok.children if c.dep_ in deps and c.dep_ not in ("relcl",)]
    if not out:
        # "X admitted Friday its soldiers shot ...": the parser hangs the reported clause on the
        # day as a relative clause; a clause with its own subject right after a bare time word is the
        # complement of the reporting verb
        for c in tok.children:
            if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") and c.i > tok.i:
                out += [
                    r for r in c.children
                    if r.dep_ == "relcl" and r.i > c.i and any(x.dep_ in ("nsubj", "nsubjpass") for x in r.children)
                    and not any(x.lower_ in ("that", "which", "when", "who") for x in r.children)
                ]
    return out


def _is_passive(tok: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _frame_text_span(sd: Any, head: Any, subj: Any | None) -> tuple[int, int]:
    """The verb (with particles and auxiliaries next to it), plus an inverted subject after it."""
    i = j = head.i
    for c in head.children:
        if c.dep_ in ("prt",) and c.i == j + 1:
            j = c.i
    if subj is not None and subj.i > head.i:
        lo, hi = _subtree_range(subj)
        if lo <= j + 2:
            # "said the group's spokesman, Zabihullah Mujahid": up to the name, not its appositions
            names = [e for e in sd.ents if e.label_ == "PERSON" and lo <= e.start and e.end - 1 <= hi]
            if names:
                hi = names[0].end - 1
            hi = min(hi, lo + 10)
            while hi > lo and sd[hi].is_punct:
                hi -= 1
            j = max(j, hi)
    return _char_span(sd, i, j)


def detect_frames(doc: Document) -> list[Frame]:
    sd = doc.spacy
    if sd is None:
        return []
    lex = lexicon()
    lemma_gate, lower_gate = _frame_words(lex)
    frames: list[Frame] = []
    for tok in sd:
        if tok.lower_ not in lower_gate and tok.lemma_.lower() not in lemma_gate:
            continue  # `_frame_at` finds no frame at a token none of whose words it knows
        f = _frame_at(doc, tok, lex)
        if f is not None:
            f.sent_start = tok.sent.start
            frames.append(f)
    _resolve_pronouns(doc, frames)
    return frames


_FRAME_WORDS: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}


def _frame_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, lower-case forms) of the tokens `_frame_at` can find a frame at: every frame needs one."""
    got = _FRAME_WORDS.get(id(lex))
    if got is not None and got[0] is lex:
        return got[1], got[2]
    lemmas = frozenset(
        {
            *lex.verbs,
            *lex.passive_frames,
            *lex.resp_verbs,
            *lex.resp_deny_verbs,
            *lex.evidence_verbs,
            *lex.noun_frames,
        }
    )
    lowers = frozenset({*lex.according, *lex.hedge_adverbs})
    _FRAME_WORDS[id(lex)] = (lex, lemmas, lowers)
    return lemmas, lowers


def _frame_at(doc: Document, tok: Any, lex: Lexicon) -> Frame | None:
    """The reporting frame whose cue is `tok`, if any: one function per frame kind, tried in order."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if low in lex.according:
        return _according_frame(doc, tok, lex)
    if low in lex.hedge_adverbs and tok.dep_ == "advmod" and tok.pos_ == "ADV":
        return _hedge_frame(doc, tok, lex)
    mistagged = tok.pos_ == "NOUN" and lemma in lex.verbs and (
        tok.tag_.startswith("VB") or any(c.dep_ == "nsubj" for c in tok.children)
    )  # "Both sides claim to have ...": a verb tagged as a noun

    if tok.pos_ in ("NOUN", "PROPN") and lemma in lex.noun_frames and not mistagged:
        return _noun_frame(doc, tok, lex)
    if tok.pos_ not in ("VERB", "AUX") and not mistagged:
        return None
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.lemma_.lower() in lex.resp_nouns and (lemma in lex.resp_verbs or lemma in lex.resp_deny_verbs):
        return _responsibility_frame(doc, tok, lex, dobj)
    subj = _subject(tok)
    passive = _is_passive(tok)
    if lemma in lex.evidence_verbs and subj is not None and subj.lemma_.lower() in lex.evidence_nouns and not passive:
        return _evidence_frame(doc, tok, lex, subj)
    if lemma not in lex.verbs and not (passive and lemma in lex.passive_frames):
        return None
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
        return None  # "the claimed attack", "the reported attack": read as modifiers elsewhere
    return _verb_frame(doc, tok, lex, dobj, subj, passive)


def _according_frame(doc: Document, tok: Any, lex: Lexicon) -> Frame | None:
    """"according to X"."""
    sd = doc.spacy
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    lo, hi = _subtree_range(tok)
    scope = {t.i for t in tok.sent} - _subtree_set(tok)
    for t in tok.sent:
        if t.dep_ in ("prep", "acl", "advcl") and t.lower_ in lex.background_preps:
            scope -= _subtree_set(t)
    party = resolve_party(doc, pobj, lex)
    start, end = _char_span(sd, lo, hi)
    f = Frame("according", "reports" if party.unnamed else "asserts", tok.i, start, end, scope)
    _fill_party(f, party)
    f.channel = find_channel(sd, list(range(lo, hi + 1)), lex)
    return f


def _hedge_frame(doc: Document, tok: Any, lex: Lexicon) -> Frame | None:
    """Hedge adverbs: "reportedly", "allegedly"."""
    sd = doc.spacy
    head = tok.head
    if head.lemma_.lower() in lex.verbs and not _is_passive(head):
        return None  # "allegedly said": the verb frame carries it
    scope = _subtree_set(head) - {tok.i}
    start, end = _char_span(sd, tok.i, tok.i)
    return Frame("hedge", lex.hedge_adverb_stances.get(tok.lower_, "hedges"), tok.i, start, end, scope)


def _noun_frame(doc: Document, tok: Any, lex: Lexicon) -> Frame | None:
    """Noun frames: "There are reports that ...", "claims that ..."."""
    sd = doc.spacy
    lemma = tok.lemma_.lower()
    clause = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if lemma in ("report", "claim", "allegation", "rumour", "rumor", "account"):
        # "reports of beatings at checkpoints"
        clause += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.noun_frame_preps]
    if not clause:
        return None
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.verbs:
        return None  # "rejected claims that ..." is read from the verb
    scope: set[int] = set()
    for c in clause:
        scope |= _subtree_set(c) - ({c.i} if c.dep_ == "prep" else set())
    i = tok.i
    if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
        i = min(c.i for c in head.children if c.dep_ == "expl")
    start, end = _char_span(sd, i, tok.i)
    f = Frame("noun", lex.noun_frames[lemma], tok.i, start, end, scope)
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        _fill_party(f, resolve_party(doc, poss, lex))
    if f.stance == "asserts" and not (f.source or f.speaker):
        f.stance = "reports"
    return f


def _responsibility_frame(doc: Document, tok: Any, lex: Lexicon, dobj: Any) -> Frame | None:
    """Responsibility: "claimed responsibility for", "denied responsibility"."""
    sd = doc.spacy
    lemma = tok.lemma_.lower()
    stance = "denies" if lemma in lex.resp_deny_verbs else "asserts"
    if any(c.dep_ == "neg" for c in tok.children):
        stance = "denies"
    scope = set()
    for holder in (dobj, tok):
        for p in holder.children:
            if p.dep_ == "prep" and p.lower_ in ("for", "of", "over", "behind"):
                scope |= _subtree_set(p) - {p.i}
    subj = _subject(tok)
    start, end = _char_span(sd, tok.i, dobj.i)
    f = Frame("responsibility", stance, tok.i, start, end, scope)
    if subj is not None:
        _fill_party(f, resolve_party(doc, subj, lex))
    f.channel = find_channel(sd, [t.i for t in tok.sent if t.i not in scope or t.i > dobj.i], lex)
    f.anaphoric = True
    return f


def _evidence_frame(doc: Document, tok: Any, lex: Lexicon, subj: Any) -> Frame | None:
    """Evidence: "Images on social media showed ..."."""
    sd = doc.spacy
    scope = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") or (c.dep_ == "prep" and c.i > tok.i):
            scope |= _subtree_set(c)
    label = lex.evidence_nouns[subj.lemma_.lower()]
    subj_idx = sorted(_subtree_set(subj))
    platform = find_channel(sd, subj_idx, lex)
    if platform in (None, "a video", "a statement"):
        channel = label
    else:
        channel = f"{platform} {label}"
    lo, _ = _subtree_range(subj)
    start, end = _char_span(sd, lo, tok.i)
    f = Frame("evidence", "reports", tok.i, start, end, scope, channel=channel, unnamed=True)
    return f


def _verb_frame(doc: Document, tok: Any, lex: Lexicon, dobj: Any | None, subj: Any | None, passive: bool) -> Frame | None:
    """Reporting verbs: "said", "denied", "accused ... of"; passive ones ("is believed to") in `_passive_frame`."""
    sd = doc.spacy
    lemma = tok.lemma_.lower()
    deps = lex.clausal_deps - {"acl", "pcomp"}
    if lemma in ("tell", "warn", "urge", "ask"):
        deps = deps - {"xcomp"}
    clauses = _clausal_children(tok, lex, frozenset(deps))
    claim_obj = None
    if dobj is not None and (dobj.lemma_.lower() in lex.claim_object_nouns or dobj.lower_ in lex.claim_object_nouns):
        claim_obj = dobj
    prep_scope: set[int] = set()
    holders = [tok] + ([dobj] if dobj is not None else [])  # "accused rebels of shelling": "of" may hang off the object
    for holder in holders:
        for p in holder.children:
            if p.dep_ == "prep" and p.lower_ in lex.accuse_preps.get(lemma, []):
                prep_scope |= _subtree_set(p) - {p.i}
    if passive and lemma in lex.passive_frames:
        return _passive_frame(doc, tok, lex, subj, clauses)
    if passive:
        return None

    inverted: set[int] = set()
    # a finite reporting verb after the clause it reports ("..., police said"), not a participle
    # ("struck a deal, adding to ...")
    final = tok.i > tok.head.i and tok.dep_ in ("ccomp", "parataxis", "advcl", "conj") and tok.tag_ in ("VBD", "VBZ", "VBP")
    name_before = False
    if final and subj is None and tok.i - 1 > tok.sent.start and sd[tok.i - 1].text == ",":
        # "..., the mayor of the town, Petra Lindqvist, said by telephone": a name parsed as
        # an apposition just before the verb
        k = tok.i - 1
        while k > tok.sent.start and sd[k].is_punct:
            k -= 1
        if sd[k].ent_type_ == "PERSON" or (
            sd[k].pos_ == "PROPN" and tok.dep_ != "conj" and sd[k].ent_type_ not in ("DATE", "TIME", "GPE", "LOC")
        ):
            subj = sd[k]
            name_before = True
    if not clauses and claim_obj is None and final and subj is not None and (tok.dep_ != "conj" or name_before):
        # "Seven were killed, the governor confirmed": the verb hangs off the clause it reports
        inverted = _subtree_set(tok.head) - _subtree_set(tok)
    if lemma in lex.verbs_needing_claim_object and not (clauses or claim_obj is not None or prep_scope or inverted):
        return None
    if lemma == "deny" and dobj is not None and claim_obj is None and not clauses:
        return None  # "denied access": an event, not a denial of one
    scope = set(prep_scope) | inverted
    for c in _subjects(tok):
        if subj is not None and c is not subj and c.i < subj.i:
            scope |= _subtree_set(c)  # the far subject is what is said (a mis-parsed headline)
    for c in clauses:
        scope |= _subtree_set(c)
    if claim_obj is not None:
        scope |= _subtree_set(claim_obj)
    stance = lex.verbs[lemma]
    neg = any(c.dep_ == "neg" for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.negating_heads
    )
    if neg and stance == "denies":
        stance = "asserts"  # "did not deny"
    elif neg and lemma in ("confirm",):
        stance = "hedges"  # "could not confirm"
    elif neg:
        return None  # "did not say"
    start, end = _frame_text_span(sd, tok, subj)
    f = Frame("verb", stance, tok.i, start, end, scope)
    if claim_obj is not None and (claim_obj.lower_ in ("it", "this", "that") or claim_obj.lemma_.lower() in ("claim", "report", "allegation", "accusation", "charge", "rumour", "rumor", "story")):
        f.anaphoric = True
    if subj is not None:
        party = resolve_party(doc, subj, lex)
        _fill_party(f, party)
        if party.unnamed and stance == "asserts":
            f.stance = "reports"
        if neg and lemma == "confirm":
            f.source = None  # "the army could not confirm ...": no one's claim
        if party.state_media:
            f.channel = "state media"
        # "Both the resistance and the Taliban claim ...": one claim per party
        for c in subj.conjuncts:
            other = resolve_party(doc, c, lex).source
            if other and other != f.source and other not in f.extra_sources:
                f.extra_sources.append(other)
    # channel: in the frame's own words, outside what is reported
    if f.channel is None:
        idxs = [t.i for t in tok.subtree if t.i not in scope]
        if tok.dep_ == "relcl":  # "on an official Facebook profile in which he declared ..."
            idxs += [t.i for t in tok.head.subtree if t.i not in scope and t.i not in idxs]
        f.channel = find_channel(sd, idxs, lex)
    return f


def _passive_frame(doc: Document, tok: Any, lex: Lexicon, subj: Any | None, clauses: list[Any]) -> Frame | None:
    """Passive frames: "X is believed to have ...", "it was reported that ...", "was accused by Y"."""
    sd = doc.spacy
    lemma = tok.lemma_.lower()
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if not clauses and agent_obj is None:
        return None
    scope = set()
    for c in clauses:
        scope |= _subtree_set(c)
    if subj is not None and subj.lower_ != "it":
        scope |= _subtree_set(subj)  # "X is believed to have ..."
    i = subj.left_edge.i if subj is not None and subj.lower_ == "it" and subj.i < tok.i else tok.i
    aux = [c.i for c in tok.children if c.dep_ in ("auxpass", "aux") and c.i < tok.i]
    if aux and i == tok.i:
        i = min(aux)
    start, end = _char_span(sd, i, tok.i)
    if agent_obj is not None and lemma in lex.verbs:
        f = Frame("verb", lex.verbs[lemma], tok.i, start, end, scope)
        _fill_party(f, resolve_party(doc, agent_obj, lex))
        if f.unnamed and f.stance == "asserts":
            f.stance = "reports"
    else:
        f = Frame("passive", lex.passive_frames[lemma], tok.i, start, end, scope, unnamed=True)
    f.channel = find_channel(sd, [t.i for t in tok.subtree if t.i not in scope], lex)
    return f


def _fill_party(f: Frame, party: Party) -> None:
    f.source = party.source
    f.speaker = party.speaker
    f.unnamed = party.unnamed
    f.pronoun = party.pronoun
    f.impersonal = party.impersonal


def _resolve_pronouns(doc: Document, frames: list[Frame]) -> None:
    """ "he said": the party of the latest earlier frame with one (within 3 sentences); "it said",
    "they said": the latest party that is not a person."""
    sd = doc.spacy
    sent_index = {s.start: k for k, s in enumerate(sd.sents)}
    last: Frame | None = None  # latest frame with a party or a named speaker
    last_group: Frame | None = None  # latest frame whose party is not a person ("it said", "they said")
    for f in frames:
        ante = last_group if f.impersonal else last
        if f.pronoun and f.source is None and ante is not None:
            if sent_index.get(f.sent_start, 0) - sent_index.get(ante.sent_start, 0) <= 3:
                f.source = ante.source
                if not f.impersonal:
                    f.speaker = f.speaker or ante.speaker
                f.unnamed = False
                if f.stance == "reports":
                    f.stance = "asserts"
        if f.source is not None or (f.speaker and not f.unnamed):
            last = f
            src = doc.actor_by_id(f.source) if f.source else None
            if src is not None and src.kind != "person":
                last_group = f
