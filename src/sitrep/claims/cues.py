"""Cues read from the parse around an event's trigger: its token, its sentence, modality and negation."""

from __future__ import annotations

from typing import Any

from ..document import Document, Event
from .lexicon import lexicon


def _trigger_token(doc: Document, e: Event) -> Any | None:
    sd = doc.spacy
    if sd is None:
        return None
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _sent_index(sd: Any) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, s in enumerate(sd.sents):
        for t in s:
            out[t.i] = k
    return out


# ---------------------------------------------------------------------------------------- modality
def modality_cue(tok: Any, stop: set[int] | None = None) -> str | None:
    """A non-factual modality read from the parse around an event's trigger token, or None.

    Walks from the trigger up its heads (through subjects, objects, xcomp, conj) and looks for modal
    auxiliaries ("could be held"), control heads ("ready to negotiate", "plans to"), modifiers
    ("proposed talks"), governing nouns ("proposals for an agreement") and conditional markers ("if").
    Stops at a reporting verb (`stop`), the root, or an adverbial clause.
    """
    lex = lexicon()
    stop = stop or set()
    x = tok
    for step in range(6):
        for c in x.children:
            lw = c.lower_
            if c.dep_ == "aux" and c.tag_ == "MD" and lw in lex.modal_aux:
                return lex.modal_aux[lw]
            if c.dep_ == "mark" and lw in lex.conditional_marks:
                return "conditional"
            if c.dep_ in ("amod", "compound") and lw in lex.modifier_words:
                return lex.modifier_words[lw]
        h = x.head
        if h is x or h.i in stop:
            return None
        hl = h.lemma_.lower()
        infinitive_or_that = any(
            (c.dep_ == "aux" and c.lower_ == "to") or (c.dep_ == "mark" and c.lower_ == "that") for c in x.children
        )
        if x.dep_ in ("xcomp", "acl", "dobj", "ccomp") and hl in lex.control_heads and h.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
            if (x.dep_ != "ccomp" or hl in ("propose", "demand", "call", "urge", "ask")) and (
                x.dep_ != "acl" or infinitive_or_that
            ):
                return lex.control_heads[hl]
        if x.dep_ in ("acl",) and hl in lex.governing_nouns and infinitive_or_that:
            return lex.governing_nouns[hl]  # "plans to attack", "demands that troops leave"
        if x.dep_ in ("acl", "relcl") and h.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in x.children
        ):
            # "an agreement to be negotiated", but not "the first major city to fall"
            if not any(c.lower_ in ("first", "last", "only", "second", "third") or c.tag_ == "JJS" for c in h.children):
                return "proposed"
        if x.dep_ == "pobj" and h.dep_ == "prep" and h.head.lemma_.lower() in lex.governing_nouns and h.lower_ in ("for", "of", "to"):
            return lex.governing_nouns[h.head.lemma_.lower()]
        if x.dep_ == "pobj" and h.lower_ == "for" and h.head.pos_ == "VERB" and h.head.lemma_.lower() in lex.control_heads:
            return lex.control_heads[h.head.lemma_.lower()]  # "prepares for the withdrawal", "called for talks"
        # climb a verbal chain ("ready to negotiate", "could then be held"); a noun's own clause only
        # from the trigger itself ("the meeting could be held", not "the consequences of the
        # withdrawal will be bad")
        climb: tuple[str, ...] = ("xcomp", "conj", "acomp", "oprd")
        if step == 0:
            climb += ("nsubj", "nsubjpass", "dobj", "attr")
        if x.dep_ not in climb:
            return None
        x = h
    return None


def negation_cue(tok: Any) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.pos_ in ("VERB", "AUX"):
        # "no civilians had been injured", "nobody was killed"
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in ("nobody", "none", "noone") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            ):
                return True
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
        h = tok.head
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and any(c.dep_ == "neg" for c in h.children):
            return h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lexicon().light_verbs
    return False


QUOTES = ("\u201c", "\u201d", '"', "\u2018", "\u2019", "``", "''")


def _quoted(sent: Any) -> bool:
    """A sentence that is wholly a quotation."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 3 or toks[0].text not in QUOTES:
        return False
    closing = [i for i, t in enumerate(toks) if i > 0 and t.text in QUOTES]
    return bool(closing) and closing[-1] >= len(toks) - 2


def _negated(e: Event, t: Any | None) -> bool:
    """Is the event said not to have happened? Negation cues read here ("did not attack", "no civilians
    were injured"), or the events stage's `event.negated` where it rests on the trigger's own verb
    complement ("it was not related with the clashes" does not negate the clashes)."""
    if t is not None and negation_cue(t):
        return True
    # the events stage's own reading when the trigger is the complement of its negating head ("failed
    # to conquer", "refused to attack"); not its climbs through coordination ("failed to submit the
    # documents and asked ..." does not negate "asked")
    return e.negated and (t is None or t.dep_ == "xcomp")
