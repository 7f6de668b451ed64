"""Headline verbs that the parser read as nouns.

A headline or terse note often drops articles and auxiliaries ("Gunmen attack bus near X", "Youths torch
police station"); spaCy then reads the whole clause as one compound noun ("Gunmen attack bus" -> three
nouns, `bus` the head) and no verb is left to carry the event. General English syntax: a clause without a
finite verb, in which a noun whose lemma is an event verb stands between a noun naming the doers (plural,
a person or group noun, or a name) and the noun it modifies, reads as subject + verb + object. The middle
token is taken as the verb, its left neighbour as the actor and the compound head as the recipient.
"""

from __future__ import annotations

from .cand import Token, _lemma, _personish
from .lexicon import frames, has, triggers

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
DOER_TAGS = frozenset({"NNS", "NNPS"})


def _verb_lemma_frame(t: Token) -> str | None:
    """The verb frame of the token's word (the noun "attack"/"attacks" -> the verb attack)."""
    verbs = triggers()["verb"]
    low = t.lower_
    for k in (_lemma(t), low, low[:-1] if low.endswith("s") else low):
        f = verbs.get(k)
        if f:
            return str(f)
    return None


def _eventful(f: str) -> bool:
    """Frames of violence, protest, arrest and abduction only: a noun such as "station" or "police" in a
    compound ("Police station fire") is far more often a noun than a deployment verb."""
    fr = frames().get(f) or {}
    return bool(fr.get("violent")) or fr.get("acled") in ("arrest", "abduct", "protest", "riot", "property")


def _doer(t: Token) -> bool:
    """A noun that can name who acts: a plural noun, a name, a person or group noun."""
    if t.pos_ not in ("NOUN", "PROPN") or t.like_num:
        return False
    if t.tag_ in DOER_TAGS or t.pos_ == "PROPN" or t.is_upper or _personish(t):
        return True
    return has("armed", t.lower_) or has("nonstate", t.lower_) or has("government", t.lower_)


def _has_finite_verb(sent: Token) -> bool:
    return any(x.pos_ in ("VERB", "AUX") and x.tag_ in FINITE_TAGS for x in sent)


def headline_parts(t: Token) -> tuple[str, Token, Token] | None:
    """(verb frame, actor token, recipient token) when `t` is a headline verb parsed as a compound noun."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ != "compound" or t.tag_ not in ("NN", "NNS", "NNP", "VB"):
        return None
    head = t.head
    if head.i <= t.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if t.i == t.sent.start:
        return None
    left = t.doc[t.i - 1]
    if left.head != head and left.head != t:
        return None  # the left word must belong to the same compound chain
    if not _doer(left):
        return None
    f = _verb_lemma_frame(t)
    if f is None or not _eventful(f):
        return None
    if _has_finite_verb(t.sent):
        return None
    return f, left, head
