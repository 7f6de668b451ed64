"""Passive reporting verbs whose subject is what is said (helpers of `attributions`).

- "The closure was first reported by a local paper", "the plan has been endorsed by the union", "he has
  been called a fraud by his rivals": a passive verb of communication with a "by" agent (Quirk et al.
  1985, 3.63-3.66, the agentive passive). The agent is the source; the subject, with the verb's
  complement, is the content.
- "The vote was labeled a sham", "the town is considered a stronghold", "the rules were viewed as
  lenient": an agentless passive of a verb of naming, judging or regarding with its complement (Levin
  1993, 29.1-29.3). No source is named; the content is the subject and the complement.

Only verbs whose passive subject is the message itself are read (`passive_message_verbs` and
`passive_naming_verbs` in `data/attributions.json`): in "the attack was condemned by the governor" the
subject is what is judged, not something anyone asserts, so judgement verbs stay out.
"""

from __future__ import annotations

from typing import Any

from ..document import Attribution, Document

COMPLEMENTS = ("oprd", "xcomp", "attr", "acomp")
RELATIVE_TAGS = ("WDT", "WP", "WP$")


def _complement(verb: Any, agent: Any | None) -> set[int]:
    out: set[int] = set()
    for c in verb.children:
        if c.i > verb.i and (c.dep_ in COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "as")):
            out |= {t.i for t in c.subtree}
    if agent is not None:
        out -= {t.i for t in agent.subtree}
    return out


def _cue_bounds(sd: Any, verb: Any, agent: Any | None) -> tuple[int, int]:
    lo = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i])
    hi = agent.i if agent is not None and agent.i == verb.i + 1 else verb.i
    return lo, hi


def passive_attributions(doc: Document, lex: dict[str, Any]) -> list[tuple[Any, Attribution]]:
    """(source token or None, attribution) for each passive verb of communication (see the module)."""
    from .attributions import _set_source, _span, _spans_of
    from .clause_shapes import verb_lemma

    sd = doc.spacy
    message: frozenset[str] = frozenset(lex.get("passive_message_verbs", ()))
    naming: frozenset[str] = frozenset(lex.get("passive_naming_verbs", ()))
    out: list[tuple[Any, Attribution]] = []
    if sd is None or not (message or naming):
        return out
    for verb in sd:
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        lemma = verb_lemma(verb, lex["verbs"])
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is None or subj.tag_ in RELATIVE_TAGS or subj.lower_ in ("it", "this", "that"):
            continue  # "it was reported that ..." is read by `attributions`; "which was called X"
        if any(c.dep_ in ("ccomp", "xcomp") and c.tag_ != "VBN" and any(
                d.dep_ == "aux" and d.lower_ == "to" for d in c.children) for c in verb.children):
            continue  # "was told to leave", "was asked to wait": an order given to the subject
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        src = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        comp = _complement(verb, agent)
        if src is not None and lemma in message | naming:
            pass
        elif src is None and agent is None and lemma in naming and comp:
            pass
        else:
            continue
        content = ({t.i for t in subj.subtree} | comp) - {verb.i}
        spans = _spans_of(sd, content)
        if not spans:
            continue
        lo, hi = _cue_bounds(sd, verb, agent)
        stance = lex["verbs"].get(lemma) or "asserts"
        a = Attribution(cue=_span(doc, lo, hi), content=[_span(doc, x, y) for x, y in spans], stance=stance)
        a.head = verb.i
        _set_source(doc, a, src)
        out.append((src, a))
    return out
