"""Unsourced markers in the article's own voice that are not reporting verbs.

- "Suspected militants ambushed a convoy", "alleged members of the group", "presumed rebels": the
  writer hedges who did it (an epistemic adjective on the perpetrator; Biber et al. 1999, stance
  adjectives; the contract's `hedges`, "may be so"). The event gets an unattributed `hedges` claim, so
  the hedge is kept and the status stays `reported` unless an identified source asserts the event.
- "Conflicting reports", "contradictory accounts", "differing tolls": the writer says the sources
  disagree. The events of that sentence (or, when it has none, of the sentence before) get an
  unattributed `reports` claim with that text, which makes them `contested` (`status.conflict_marker`).
- "Rebels are suspected of the attack", "the militia is thought to be behind the bombing", "two men were
  suspected in the killing": an agentless passive of suspecting or believing whose subject is the
  perpetrator (the verbal form of the same stance; Biber et al. 1999, stance verbs in the passive). The
  event named in its "of/in/for" object or its infinitive gets an unattributed `hedges` claim; with no
  event there ("Rebels are suspected."), the events of the sentence before; an event told again by a
  definite noun ("the attack") passes the hedge to the earlier event of its kind within two sentences.
- "A man accused of collaborating with the army", "two youths suspected of looting": the same passive as a
  reduced relative clause on a noun (Quirk et al. 1985, 17.30, non-finite postmodifiers). The event in its
  "of/in/for" object gets the hedge.
- "A suspected smuggler was shot", "troops killed suspected bandits": the stance adjective on whoever the
  event is done to hedges who that was; the event gets the hedge too (the writer does not vouch for it).
"""

from __future__ import annotations

from typing import Any

from ..document import Claim, Document, Event

SUSPECT_ADJECTIVES = frozenset({"suspected", "alleged", "presumed", "purported", "supposed", "suspect"})
CONFLICT_ADJECTIVES = frozenset({"conflicting", "contradictory", "contradicting", "differing", "varying",
                                 "contrasting", "competing", "disputed", "inconsistent"})
SUSPECT_VERBS = frozenset({"suspect", "believe", "allege", "think", "presume", "accuse", "blame"})
SUSPECT_PREPS = frozenset({"of", "in", "for", "over"})
# what makes the suspected subject the doer of an event told before ("X is thought to be the culprit")
DOER_WORDS = frozenset({"responsible", "behind", "involved", "culprit", "culprits", "perpetrator", "perpetrators",
                        "author", "authors"})
NOT_DOERS = frozenset({"it", "this", "that", "these", "those", "which", "what"})
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
    undergoers = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
    for a in _agents(t) + undergoers + [y for u in undergoers for y in u.conjuncts]:
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
    if any(c.start == tok.idx or c.start <= tok.idx < c.end for c in e.claims):
        return
    e.claims.append(Claim(stance=stance, start=tok.idx, end=tok.idx + len(text), text=text))


def _suspect_predicates(sent: Any) -> list[tuple[Any, set[int]]]:
    """(verb, token indices of what is suspected) for each agentless passive of suspecting in `sent`
    whose subject is a perpetrator ("X are suspected of Y", "X is believed to be behind Y")."""
    out: list[tuple[Any, set[int]]] = []
    for t in sent:
        if t.lemma_.lower() not in SUSPECT_VERBS or t.tag_ != "VBN":
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        if subj is None and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            subj = t.head  # "a man accused of collaborating": the noun the participle describes
        if subj is None or subj.lower_ in NOT_DOERS or any(c.dep_ == "agent" for c in t.children):
            continue  # "suspected by the police": a named source; "it is believed that", "this is believed to
            # be part of a feud": about the event's motive or the writer's inference, not its doer
        scope: set[int] = set()
        for c in t.children:
            if (c.dep_ == "prep" and c.lower_ in SUSPECT_PREPS) or (c.dep_ == "xcomp" and any(
                    d.dep_ == "aux" and d.lower_ == "to" for d in c.children)):
                scope |= {x.i for x in c.subtree}
        out.append((t, scope))
    return out


def _earlier_same_kind(doc: Document, e: Event, events: list[Event], sent_of: dict[int, int]) -> list[Event]:
    """The earlier events of e's kind within two sentences, when e is told by a definite noun ("the attack")."""
    t = _trigger(doc, e)
    if t is None or t.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                 for c in t.children):
        return []
    kind = (e.plover or {}).get("event") if isinstance(e.plover, dict) else None
    k = sent_of.get(t.i, -1)
    out = []
    for f in events:
        ft = _trigger(doc, f)
        if f is e or ft is None or ft.i >= t.i or k - sent_of.get(ft.i, -99) > 2:
            continue
        if kind is not None and ((f.plover or {}).get("event") if isinstance(f.plover, dict) else None) == kind:
            out.append(f)
    return out


def _hedge_suspects(doc: Document, sents: list[Any], by_sent: dict[int, list[Event]]) -> None:
    sent_of = {t.i: k for k, s in enumerate(sents) for t in s}
    for k, s in enumerate(sents):
        for verb, scope in _suspect_predicates(s):
            if any(c.start <= verb.idx < c.end for a in doc.attributions for c in a.content):
                continue  # "the army said X was suspected": the source's hedge, not the writer's
            here = by_sent.get(k, [])
            targets = [e for e in here if (t := _trigger(doc, e)) is not None and t.i in scope]
            if not targets and not here and (not scope or any(doc.spacy[i].lower_ in DOER_WORDS for i in scope)):
                targets = list(by_sent.get(k - 1, []))  # "Rebels are suspected.": the event just told
            for e in list(targets):
                targets += [f for f in _earlier_same_kind(doc, e, doc.events, sent_of) if f not in targets]
            for e in targets:
                _add(e, verb, "hedges", verb.text)


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
    _hedge_suspects(doc, sents, by_sent)
    for k, s in enumerate(sents):
        w = _conflict_word(s)
        if w is None:
            continue
        targets = by_sent.get(k) or by_sent.get(k - 1) or []
        text = sd[w.i : w.head.i + 1].text if w.head.i > w.i and w.head.i - w.i <= 3 else w.text
        for e in targets:
            _add(e, w, "reports", text)
