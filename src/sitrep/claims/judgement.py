"""Verbs of judging an act are no statement that it happened (helper of `linking`).

"The governor condemned the shelling", "the UN welcomed the ceasefire": a verb of judging (Levin 1993,
33, judgement verbs; the praise and blame verbs) whose object names an event takes the event as given and
judges it. The judge does not state the event, so it gives the event no claim: the event keeps the status
the rest of the text gives it (the article's own voice, or another source's words). What the judge says
in a clause ("condemned the attack, saying it killed civilians") is a statement and keeps its claim.
"""

from __future__ import annotations

from typing import Any

from ..document import Document


def _object_holds(head: Any, trig: Any) -> bool:
    """Is `trig` inside the noun-phrase object of the verb `head` (its direct object or the object of
    its preposition), outside any clause of its own?"""
    for c in head.children:
        if c.dep_ == "dobj" or (c.dep_ == "prep" and c.i > head.i):
            for t in c.subtree:
                if t.i == trig.i:
                    x = trig
                    while x.i != c.i:
                        if x.pos_ in ("VERB", "AUX") and x.dep_ not in ("amod", "compound"):
                            return False  # the event is told in a clause inside the object
                        x = x.head
                    return True
    return False


def drop_judged_events(doc: Document, verbs: frozenset[str]) -> None:
    """Remove the claims that a judgement verb gives the event it judges (see the module)."""
    sd = doc.spacy
    if sd is None or not verbs:
        return
    for e in doc.events:
        span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        trig = span.root
        keep = []
        for c in e.claims:
            a = doc.attributions[c.attribution] if c.attribution is not None and c.attribution < len(
                doc.attributions) else None
            if a is not None and 0 <= a.head < len(sd) and sd[a.head].lemma_.lower() in verbs and (
                    _object_holds(sd[a.head], trig)):
                continue
            keep.append(c)
        e.claims = keep
