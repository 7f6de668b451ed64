"""Unsourced markers in the article's own voice that are not reporting verbs.

- "Suspected militants ambushed a convoy", "alleged members of the group", "presumed rebels": the
  writer hedges who did it (an epistemic adjective on the perpetrator; Biber et al. 1999, stance
  adjectives; the contract's `hedges`, "may be so"). The event gets an unattributed `hedges` claim, so
  the hedge is kept and the status stays `reported` unless an identified source asserts the event.
- "Conflicting reports", "contradictory accounts", "differing tolls": the writer says the sources
  disagree. The events of that sentence (or, when it has none, of the sentence before) get an
  unattributed `reports` claim with that text, which makes them `contested` (`status.conflict_marker`).
"""

from __future__ import annotations

from typing import Any

from ..document import Claim, Document, Event

SUSPECT_ADJECTIVES = frozenset({"suspected", "alleged", "presumed", "purported", "supposed", "suspect"})
CONFLICT_ADJECTIVES = frozenset({"conflicting", "contradictory", "contradicting", "differing", "varying",
                                 "contrasting", "competing", "disputed", "inconsistent"})
CONFLICT_NOUNS = frozenset({"report", "account", "figure", "toll", "claim", "version", "estimate", "number",
                            "count", "narrative", "statement"})


def _trigger(doc: Document, e: Event) -> Any | None:
    sd = doc.spacy
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _agents(t: Any) -> list[Any]:
    """The doers of the event word `t`: its subjects and "by" agents, climbing through a participle or
    conjunct ("..., killing four" / "attacked and burned"), and a noun event's possessor or compound."""
    out: list[Any] = []
    x = t
    for _ in range(3):
        for c in x.children:
            if c.dep_ in ("nsubj", "poss") or (c.dep_ == "compound" and x.pos_ == "NOUN"):
                out.append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and x.pos_ == "NOUN"):
                out += [d for d in c.children if d.dep_ == "pobj"]
        if out or x.dep_ not in ("conj", "advcl", "xcomp") or x.head is x:
            break
        x = x.head
    return out + [y for a in out for y in a.conjuncts]


def _suspect_word(t: Any) -> Any | None:
    for a in _agents(t):
        for c in a.children:
            if c.dep_ in ("amod", "advmod", "compound") and c.lower_ in SUSPECT_ADJECTIVES and c.i < a.i:
                return c
    return None


def _conflict_word(sent: Any) -> Any | None:
    for t in sent:
        if t.lower_ in CONFLICT_ADJECTIVES and t.dep_ in ("amod", "compound") and t.head.lemma_.lower() in CONFLICT_NOUNS:
            return t
    return None


def _add(e: Event, tok: Any, stance: str, text: str) -> None:
    if any(c.start == tok.idx for c in e.claims):
        return
    e.claims.append(Claim(stance=stance, start=tok.idx, end=tok.idx + len(text), text=text))


def own_voice_markers(doc: Document) -> None:
    """Unattributed claims for "suspected X did it" and "conflicting reports" (see the module)."""
    sd = doc.spacy
    if sd is None or not doc.events:
        return
    sents = list(sd.sents)
    sent_index = {s.start: k for k, s in enumerate(sents)}
    by_sent: dict[int, list[Event]] = {}
    for e in doc.events:
        t = _trigger(doc, e)
        if t is None:
            continue
        by_sent.setdefault(sent_index.get(t.sent.start, -1), []).append(e)
        w = _suspect_word(t)
        if w is not None:
            _add(e, w, "hedges", w.text)
    for k, s in enumerate(sents):
        w = _conflict_word(s)
        if w is None:
            continue
        targets = by_sent.get(k) or by_sent.get(k - 1) or []
        text = sd[w.i : w.head.i + 1].text if w.head.i > w.i and w.head.i - w.i <= 3 else w.text
        for e in targets:
            _add(e, w, "reports", text)
