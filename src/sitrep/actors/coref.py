"""Passes 8-9 of the recogniser: pronouns, affiliations of unnamed fighters, one-word person names
joined to the full name, and the finished actor list."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.symbols import PRON

from ..document import Actor
from .state import (
    AGENTIVE_ADJECTIVES,
    CLAUSAL_HEADS,
    EXPLETIVE_ADJECTIVES,
    EXPLETIVE_HEADS,
    GROUP_KINDS,
    IT_PRONOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    _antecedent,
    _State,
)


def _expletive(tok: Any) -> bool:
    """ "it seems", "it is likely that ...", "it took years to ...": no referent."""
    head = tok.head
    lemma = head.lemma_.lower()
    if lemma in EXPLETIVE_HEADS:
        return True
    if lemma == "be" and tok.dep_ == "nsubj":
        # "it was quiet" (a place, a situation) but "it is ready to negotiate" (an organisation)
        comps = [c for c in head.children if c.dep_ in ("acomp", "attr")]
        if comps and not any(c.lemma_.lower() in AGENTIVE_ADJECTIVES for c in comps):
            return True
    if lemma in CLAUSAL_HEADS or head.pos_ == "AUX":
        for c in head.children:
            if c.dep_ in ("ccomp", "csubj") and c.i > tok.i:
                return True
            if c.dep_ == "xcomp" and c.i > tok.i and lemma in ("take", "make", "cost"):
                return True  # "it took years to ..."
            if c.dep_ == "acomp" and c.lemma_.lower() in EXPLETIVE_ADJECTIVES:
                return True  # "it is likely that ...", but not "it is willing to ..."
            if c.dep_ == "attr" and c.lemma_.lower() in ("time", "shame", "pity", "question", "matter"):
                return True
    return False


def _pronouns(st: _State) -> None:
    sd = st.sdoc
    pronoun_tags = {sd.vocab.strings[t] for t in ("PRP", "PRP$")}
    for k in [
        k for k, (p, t) in enumerate(zip(st.pos, st.tags, strict=True)) if p == PRON or t in pronoun_tags
    ]:
        tok = sd[k]
        low = tok.lower_
        if st.in_quote(tok.idx) or tok.i in st.owner:
            continue
        if low in PERSON_PRONOUNS:
            blocker = max((b for b in st.blockers if b < tok.i), default=-1)
            ante = _antecedent(
                st,
                tok.i,
                lambda a: a.kind == "person" and not a.id.startswith("official:"),
                max_sents=2,
                skip_quotes=True,
            )
            if ante is None:
                continue
            last = max(m.start for m in st.mentions if m.actor_id == ante.id and m.start < tok.i)
            if blocker > last:
                continue
            st.add(tok.i, tok.i + 1, ante.id, how="pron")
        elif low in PLURAL_PRONOUNS:
            ante = _np_antecedent(st, tok, plural=True)
            if ante is not None and ante.kind not in ("person", "country"):
                st.add(tok.i, tok.i + 1, ante.id, how="pron")
        elif low in IT_PRONOUNS:
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            if low == "it" and _expletive(tok):
                continue
            ante = _np_antecedent(st, tok, plural=False)
            if (
                ante is not None
                and ante.kind in GROUP_KINDS | {"country"}
                and not ante.id.startswith("generic:")
            ):
                st.add(tok.i, tok.i + 1, ante.id, how="pron")


_NP_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT", "npadvmod"}


def _np_antecedent(st: _State, pron: Any, plural: bool) -> Actor | None:
    """The noun phrase a pronoun refers to: subjects first (this sentence, then the one before), then other
    noun phrases by recency; number must agree. Returns its actor, or None when that noun phrase is no actor
    (a precise rather than greedy reading: "They arrested three men. They were ..." stays unresolved)."""
    sent = pron.sent
    sents = st.sents()
    k = next((n for n, x in enumerate(sents) if x.start == sent.start), 0)
    prev = sents[k - 1] if k > 0 else None
    outside = not st.in_quote(pron.idx)

    def cands(span: Any, upto: int) -> list[Any]:
        out = []
        for t in span:
            if t.i >= upto or t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _NP_DEPS:
                continue
            if outside and st.in_quote(t.idx):
                continue
            m = st.mention_at(t.i)
            a = st.actors[m.actor_id] if m else None
            if a is not None and a.kind == "person":
                continue
            if plural:
                ok = t.tag_ in ("NNS", "NNPS") or (a is not None and a.kind in GROUP_KINDS)
            else:
                ok = t.tag_ in ("NN", "NNP") and not (a is not None and a.id.startswith("generic:"))
            if ok:
                out.append(t)
        return out

    # inside a relative clause the pronoun most likely refers to the clause's noun: "three gunmen who were
    # arrested after they robbed a bank"
    for anc in pron.ancestors:
        if anc.dep_ in ("relcl", "acl") and anc.head.i < pron.i and anc.head.pos_ in ("NOUN", "PROPN"):
            h = anc.head
            agree = (h.tag_ in ("NNS", "NNPS")) if plural else (h.tag_ in ("NN", "NNP"))
            if agree or st.mention_at(h.i) is not None:
                m = st.mention_at(h.i)
                return st.actors[m.actor_id] if m else None
            break
    here = cands(sent, pron.i)
    before = cands(prev, prev.end) if prev is not None else []
    subj = ("nsubj", "nsubjpass")
    ranked = (
        [t for t in reversed(here) if t.dep_ in subj]
        + [t for t in reversed(before) if t.dep_ in subj]
        + [t for t in reversed(here) if t.dep_ not in subj]
        + [t for t in reversed(before) if t.dep_ not in subj]
    )
    for t in ranked:
        m = st.mention_at(t.i)
        return st.actors[m.actor_id] if m else None
    return None


def _generic_affiliation(st: _State) -> None:
    """Unnamed fighters ("insurgents", "militants") in an article that names one armed group (or one far more
    than any other) are taken to act for it: `affiliation` = that group. Gunmen and resistance stay unaffiliated."""
    counts: Counter[str] = Counter()
    for m in st.mentions:
        a = st.actors[m.actor_id]
        if a.kind == "armed_group" and not a.id.startswith("generic:") and m.how != "pron":
            counts[a.id] += 1
    if not counts:
        return
    (top, n), *rest = counts.most_common(2)
    if rest and n < 2 * rest[0][1]:
        return
    for a in st.actors.values():
        if a.id.startswith("generic:") and a.sector in ("rebels", "extremists") and not a.affiliation:
            a.affiliation = top


def _merge_short_names(st: _State) -> None:
    """ "Biden ... Joe Biden": a one-word person name merged into the one full name that ends with it."""
    persons = [a for a in st.actors.values() if a.kind == "person" and a.id.startswith("person:")]
    shorts = [a for a in persons if len(a.name.split()) == 1] + [
        a for a in st.actors.values() if a.id.startswith("org:") and len(a.name.split()) == 1
    ]
    for short in shorts:
        full = [a for a in persons if len(a.name.split()) > 1 and a.name.split()[-1] == short.name]
        if len(full) != 1:
            continue
        target = full[0]
        for sp in short.mentions:
            if not any(x.start == sp.start and x.end == sp.end for x in target.mentions):
                target.mentions.append(sp)
        target.affiliation = target.affiliation or short.affiliation
        for m in st.mentions:
            if m.actor_id == short.id:
                m.actor_id = target.id
        for k, v in list(st.owner.items()):
            if v == short.id:
                st.owner[k] = target.id
        for a in st.actors.values():
            if a.affiliation == short.id:
                a.affiliation = target.id
        del st.actors[short.id]


def _finish(st: _State) -> list[Actor]:
    _merge_short_names(st)
    _generic_affiliation(st)
    out = []
    for a in st.actors.values():
        a.mentions.sort(key=lambda s: (s.start, s.end))
        out.append(a)
    out.sort(key=lambda a: a.mentions[0].start if a.mentions else 10**9)
    for a in out:
        if a.kind == "country":
            full = [m for m in st.mentions if m.actor_id == a.id and m.how == "dict"]
            if full:
                first = min(full, key=lambda m: m.start)
                a.name = st.sdoc[first.start : first.end].text
        if a.kind != "person" and not a.id.startswith("official:"):
            a.name = _tidy_name(a.name)
    return out


def _tidy_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return re.sub(r"\s*(?:'s|’s)$", "", text)
