"""Cues made of a light verb and a noun of attitude (helper of `attributions`).

"The governor expressed deep concern about the closure", "the union raised questions over the deal",
"she voiced doubts that the road would open": the verb says little; the noun carries the attitude and
its of/about phrase or "that" clause is what the attitude is about (Quirk et al. 1985, 2.56 and 10.33,
light verbs with eventive objects; PARC 3.0 keeps the noun and its preposition in the cue). The cue runs
from the verb over the noun to the preposition; the content is the prepositional object or the clause.
"""

from __future__ import annotations

from typing import Any

from ..document import Attribution, Document

PREPS = frozenset({"about", "over", "into", "on", "regarding", "at", "of", "with", "toward", "towards", "for"})


def _that_clause(noun: Any) -> Any | None:
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def tighten_light_verb(doc: Document, a: Attribution, lex: dict[str, Any]) -> None:
    """Move the noun of "expressed concern about X" from the content into the cue (see the module)."""
    from .attributions import _span, _spans_of

    sd = doc.spacy
    verbs, nouns = lex.get("light_cue_verbs", ()), lex.get("attitude_nouns", ())
    if sd is None or a.head is None or a.head < 0 or not a.content:
        return
    tok = sd[a.head]
    if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
        return
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is None or dobj.lemma_.lower() not in nouns or dobj.idx < a.cue.end:
        return
    prep = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ in PREPS and c.i > dobj.i), None)
    obj = [d for d in prep.children if d.dep_ in ("pobj", "pcomp")] if prep is not None else []
    clause = _that_clause(dobj)
    if obj and prep is not None:
        content, last = {t.i for o in obj for t in o.subtree}, prep.i
    elif clause is not None:
        content, last = {t.i for t in clause.subtree}, dobj.i
    else:
        return
    if any(sd[i].is_punct and sd[i].text in ",;" for i in range(dobj.i, min(content))):
        return  # the phrase does not follow the noun directly
    spans = _spans_of(sd, content)
    if not spans:
        return
    first = sd.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if first is None or not len(first):
        return
    a.cue = _span(doc, first[0].i, last)
    a.content = [_span(doc, x, y) for x, y in spans]
