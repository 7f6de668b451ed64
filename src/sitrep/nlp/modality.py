"""Modality, negation and reporting verbs read from a dependency parse: one module and one data file
(`nlp/data/modality.json`) for the stages that need them (issue 19).

Read by `events` (negation and modality of a candidate), `claims` (modality cues, reporting verbs) and
`time` (reporting verbs); a stage that reads a word differently says so in its own data file, as an
override applied with `relabelled`. The functions take spaCy tokens and
read only `lower_`, `lemma_`, `tag_`, `dep_`, `head` and `children`, so they are tested on hand-built
`Doc`s (tests/test_modality.py).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

# the complements a head makes non-factual: "plans to attack" (xcomp), "a threat to strike" (acl),
# "called for talks" (pobj, through its preposition), "demanded that troops leave" (ccomp)
COMPLEMENT_DEPS = ("xcomp", "acl", "ccomp", "advcl", "pobj", "dobj")


@dataclass(frozen=True)
class ModalityLexicon:
    modal_aux: Mapping[str, str]  # "could" -> "possible"
    conditional_marks: frozenset[str]
    heads: Mapping[str, str]  # lemma of a head that makes its complement non-factual -> modality
    plover_mode: Mapping[str, str]  # modality -> the PLOVER auxiliary mode ("future", "hypothetical")
    negation_words: frozenset[str]
    negative_pronouns: frozenset[str]
    negating_heads: frozenset[str]  # "failed to attack", "prevented the attack"
    reporting_verbs: Mapping[str, str]  # lemma -> stance ("asserts", "denies", "reports", "hedges")


@functools.cache
def lexicon() -> ModalityLexicon:
    raw: dict[str, Any] = json.loads(
        (resources.files("sitrep.nlp") / "data" / "modality.json").read_text(encoding="utf-8"))
    return ModalityLexicon(
        modal_aux=dict(raw["modal_aux"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        heads=dict(raw["heads"]),
        plover_mode=dict(raw["plover_mode"]),
        negation_words=frozenset(raw["negation_words"]),
        negative_pronouns=frozenset(raw["negative_pronouns"]),
        negating_heads=frozenset(raw["negating_heads"]),
        reporting_verbs=dict(raw["reporting_verbs"]),
    )


def relabelled(table: Mapping[str, str], overrides: Mapping[str, str | None]) -> dict[str, str]:
    """`table` with a stage's own labels: a word mapped to a label takes it, a word mapped to None is left
    out ("due": "future" reads "due to" as a prediction; "wo": None drops the clitic)."""
    out = {**table, **{w: lab for w, lab in overrides.items() if lab is not None}}
    for w, lab in overrides.items():
        if lab is None:
            out.pop(w, None)
    return out


def adjusted(words: frozenset[str], overrides: Mapping[str, bool]) -> frozenset[str]:
    """`words` as a stage reads them: a word mapped to true is added, one mapped to false left out."""
    return frozenset(w for w in words if overrides.get(w, True)) | {w for w, on in overrides.items() if on}


def _lemma(tok: Any) -> str:
    return str(tok.lemma_ or tok.lower_).lower()


def _phrasal(tok: Any) -> str:
    """The lemma with its particle, if it has one ("called off" -> "call off")."""
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return f"{_lemma(tok)} {prt}" if prt else _lemma(tok)


def aux_modality(tok: Any) -> str | None:
    """The modality of a modal auxiliary of `tok` ("could be held" -> "possible"), or None."""
    lex = lexicon()
    for c in tok.children:
        if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in lex.modal_aux:
            return lex.modal_aux[c.lower_]
    return None


def is_conditional(tok: Any) -> bool:
    """`tok` heads a clause opened by a conditional marker ("if they attack")."""
    marks = lexicon().conditional_marks
    return any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def governing_head(tok: Any) -> Any | None:
    """The word `tok` is the complement of (through a preposition for "called for talks"), or None."""
    if tok.dep_ not in COMPLEMENT_DEPS or tok.head.i == tok.i:
        return None
    h = tok.head
    if tok.dep_ == "pobj" and h.dep_ == "prep" and h.head.i != h.i:
        return h.head
    return h


def head_modality(tok: Any) -> str | None:
    """The modality a governing head gives `tok` ("plan to attack" -> "planned"), or None."""
    h = governing_head(tok)
    return None if h is None else lexicon().heads.get(_lemma(h))


def modality(tok: Any) -> str | None:
    """The first non-factual modality of `tok`: its modal auxiliary, a conditional marker, then its head."""
    if m := aux_modality(tok):
        return m
    if is_conditional(tok):
        return "conditional"
    return head_modality(tok)


def plover_mode(label: str | None) -> str | None:
    """The PLOVER auxiliary mode of a modality ("planned" -> "future", "possible" -> "hypothetical")."""
    return None if label is None else lexicon().plover_mode.get(label)


def is_negated(tok: Any) -> bool:
    """`tok` is said not to happen: a negation child ("did not attack"), a negative subject ("nobody was
    killed"), "no" before it ("no attack"), or a negating head ("failed to attack", "prevented the attack")."""
    lex = lexicon()
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lex.negation_words):
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in lex.negative_pronouns:
            return True
    h = governing_head(tok)
    return h is not None and tok.dep_ in ("xcomp", "dobj") and (
        _lemma(h) in lex.negating_heads or _phrasal(h) in lex.negating_heads)


def reporting_stance(tok: Any) -> str | None:
    """The stance of a reporting verb ("said" -> "asserts", "denied" -> "denies"), or None."""
    return lexicon().reporting_verbs.get(_lemma(tok))
