"""Predicative attitude adjectives as attribution cues (PARC: beliefs, sentiments, intentions).

"The senator has been critical of the plan", "residents are afraid that the road will close", "the mayor
is determined to finish it", "they weren't sure whether it would help": a copula with an adjective of
attitude (`attitude_adjectives` in `data/attributions.json`; Quirk et al. 1985, 16.69-16.72) and its
complement. The cue runs from the copula with its auxiliaries and negation over the adjective, its
adverbs and the preposition that opens an of/about phrase ("weren't too concerned about"); the content
is the that/wh clause, the infinitive or the prepositional object; the source is the copula's subject.
The same adjectives as agentless participles count too ("were frustrated that ...", "are convinced
..."). An adjective with no complement ("he was happy") is no cue.
"""

from __future__ import annotations

from typing import Any

from ..document import Attribution, Document

COPULAS = frozenset({"be", "seem", "remain", "become", "grow", "appear", "sound", "feel", "look", "stay"})
PREPS = frozenset({"of", "about", "over", "with", "at", "on", "toward", "towards", "regarding", "in", "for"})
CLAUSE_MARKS = frozenset({"that", "whether", "if"})


def _clause(c: Any) -> bool:
    """A that/wh clause or an infinitive."""
    if c.dep_ == "xcomp":
        return any(d.dep_ == "aux" and d.lower_ == "to" for d in c.children)
    if c.dep_ == "ccomp":
        return True
    return c.dep_ == "advcl" and any(d.dep_ == "mark" and d.lower_ in CLAUSE_MARKS for d in c.children)


def _complement(adj: Any, cop: Any | None) -> tuple[set[int], int | None]:
    """(content token indices, index of the preposition that ends the cue) of the adjective."""
    for c in adj.children:
        if c.i > adj.i and _clause(c):
            return {t.i for t in c.subtree}, None
        if c.dep_ == "prep" and c.lower_ in PREPS and c.i == adj.i + 1:
            obj = [d for d in c.children if d.dep_ in ("pobj", "pcomp")]
            if obj:
                return {t.i for o in obj for t in o.subtree}, c.i
    if cop is not None:
        for c in cop.children:
            if c.i > adj.i and c.dep_ in ("ccomp", "advcl") and _clause(c):
                return {t.i for t in c.subtree}, None
    return set(), None


def _subject_and_cue_start(adj: Any) -> tuple[Any | None, Any | None, int] | None:
    """(subject, copula, first cue token) when `adj` is predicative; None otherwise."""
    if adj.dep_ == "acomp" and adj.head.lemma_.lower() in COPULAS:
        cop = adj.head
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        lo = min([cop.i] + [c.i for c in cop.children if c.dep_ in ("aux", "neg") and c.i < cop.i])
        return subj, cop, lo
    if adj.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in adj.children) and not any(
            c.dep_ == "agent" for c in adj.children):
        subj = next((c for c in adj.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        lo = min([adj.i] + [c.i for c in adj.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < adj.i])
        return subj, None, lo
    return None


def adjective_attributions(doc: Document, lex: dict[str, Any]) -> list[tuple[Any, Attribution]]:
    """(source token, attribution) for each attitude adjective with a complement (see the module)."""
    from .attributions import _set_source, _span, _spans_of

    sd = doc.spacy
    stances: dict[str, str] = lex.get("attitude_adjectives", {})
    out: list[tuple[Any, Attribution]] = []
    if sd is None or not stances:
        return out
    for adj in sd:
        stance = stances.get(adj.lower_)
        if stance is None or adj.pos_ not in ("ADJ", "VERB"):
            continue
        got = _subject_and_cue_start(adj)
        if got is None:
            continue
        subj, cop, lo = got
        if subj is None or subj.i > lo:
            continue  # "Are they sure?": a question or an inversion
        verb = cop if cop is not None else adj
        if verb.tag_ in ("VBG", "VB") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            continue  # "may be reluctant", "wouldn't be worried", "being supportive of": no attitude held now
        content, prep = _complement(adj, cop)
        content = {i for i in content if i > adj.i}
        spans = _spans_of(sd, content)
        if not spans:
            continue
        hi = prep if prep is not None else adj.i
        a = Attribution(cue=_span(doc, lo, hi), content=[_span(doc, x, y) for x, y in spans], stance=stance)
        a.head = adj.i
        _set_source(doc, a, subj)
        out.append((subj, a))
    return out
