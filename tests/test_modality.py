"""The shared modality, negation and reporting-verb module (`sitrep.nlp.modality`), on hand-built spaCy
Docs (no parser) and on its data file. All sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

from sitrep.nlp import modality as m  # noqa: E402

VOCAB = spacy.blank("en").vocab


def parsed(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """A Doc from rows (word, lemma, POS, tag, head index, dependency); the root is its own head."""
    words, lemmas, pos, tags, heads, deps = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, lemmas=lemmas, pos=pos, tags=tags, heads=heads, deps=deps)


def tok(doc: Doc, word: str) -> Any:
    return next(t for t in doc if t.text == word)


MAY_STRIKE = [("Drones", "drone", "NOUN", "NNS", 2, "nsubj"), ("may", "may", "AUX", "MD", 2, "aux"),
              ("strike", "strike", "VERB", "VB", 2, "ROOT")]
PLAN_TO_MARCH = [("Students", "student", "NOUN", "NNS", 1, "nsubj"), ("plan", "plan", "VERB", "VBP", 1, "ROOT"),
                 ("to", "to", "PART", "TO", 3, "aux"), ("march", "march", "VERB", "VB", 1, "xcomp")]
CALLED_FOR_TALKS = [("Elders", "elder", "NOUN", "NNS", 1, "nsubj"), ("called", "call", "VERB", "VBD", 1, "ROOT"),
                    ("for", "for", "ADP", "IN", 1, "prep"), ("talks", "talk", "NOUN", "NNS", 2, "pobj")]
THREAT_TO_STRIKE = [("a", "a", "DET", "DT", 1, "det"), ("threat", "threat", "NOUN", "NN", 1, "ROOT"),
                    ("to", "to", "PART", "TO", 3, "aux"), ("strike", "strike", "VERB", "VB", 1, "acl")]
UNLESS_PAID = [("unless", "unless", "SCONJ", "IN", 2, "mark"), ("they", "they", "PRON", "PRP", 2, "nsubj"),
               ("pay", "pay", "VERB", "VBP", 2, "ROOT")]
MARCHED = [("Students", "student", "NOUN", "NNS", 1, "nsubj"), ("marched", "march", "VERB", "VBD", 1, "ROOT"),
           ("until", "until", "ADP", "IN", 1, "prep"), ("dusk", "dusk", "NOUN", "NN", 2, "pobj")]


@pytest.mark.parametrize(("rows", "word", "label", "mode"), [
    (MAY_STRIKE, "strike", "possible", "hypothetical"),
    (PLAN_TO_MARCH, "march", "planned", "future"),
    (CALLED_FOR_TALKS, "talks", "proposed", "hypothetical"),  # through the preposition
    (THREAT_TO_STRIKE, "strike", "threatened", "hypothetical"),
    (UNLESS_PAID, "pay", "conditional", "hypothetical"),
    (MARCHED, "marched", None, None),
    (MARCHED, "dusk", None, None),  # "until" marks a time limit, not a condition
])
def test_modality(rows: list[Any], word: str, label: str | None, mode: str | None) -> None:
    t = tok(parsed(rows), word)
    assert m.modality(t) == label
    assert m.plover_mode(m.modality(t)) == mode


NOT_FIRED = [("Police", "police", "NOUN", "NNS", 3, "nsubj"), ("did", "do", "AUX", "VBD", 3, "aux"),
             ("not", "not", "PART", "RB", 3, "neg"), ("fire", "fire", "VERB", "VB", 3, "ROOT")]
NONE_HURT = [("None", "none", "PRON", "NN", 2, "nsubjpass"), ("were", "be", "AUX", "VBD", 2, "auxpass"),
             ("hurt", "hurt", "VERB", "VBN", 2, "ROOT")]
FAILED_TO_TAKE = [("Rebels", "rebel", "NOUN", "NNS", 1, "nsubj"), ("failed", "fail", "VERB", "VBD", 1, "ROOT"),
                  ("to", "to", "PART", "TO", 3, "aux"), ("take", "take", "VERB", "VB", 1, "xcomp"),
                  ("the", "the", "DET", "DT", 5, "det"), ("town", "town", "NOUN", "NN", 3, "dobj")]
CALLED_OFF = [("They", "they", "PRON", "PRP", 1, "nsubj"), ("called", "call", "VERB", "VBD", 1, "ROOT"),
              ("off", "off", "ADP", "RP", 1, "prt"), ("the", "the", "DET", "DT", 4, "det"),
              ("strike", "strike", "NOUN", "NN", 1, "dobj")]
TOOK = [("Rebels", "rebel", "NOUN", "NNS", 1, "nsubj"), ("took", "take", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"), ("town", "town", "NOUN", "NN", 1, "dobj")]


@pytest.mark.parametrize(("rows", "word", "negated"), [
    (NOT_FIRED, "fire", True),
    (NONE_HURT, "hurt", True),
    (FAILED_TO_TAKE, "take", True),
    (FAILED_TO_TAKE, "town", False),  # the object of the failed act is not itself negated
    (CALLED_OFF, "strike", True),  # a phrasal negating head
    (CALLED_FOR_TALKS, "talks", False),  # "call for" is not "call off"
    (TOOK, "took", False),
])
def test_is_negated(rows: list[Any], word: str, negated: bool) -> None:
    assert m.is_negated(tok(parsed(rows), word)) is negated


def test_reporting_stance() -> None:
    doc = parsed([("Officials", "official", "NOUN", "NNS", 1, "nsubj"), ("denied", "deny", "VERB", "VBD", 1, "ROOT"),
                  ("and", "and", "CCONJ", "CC", 1, "cc"), ("said", "say", "VERB", "VBD", 1, "conj"),
                  ("nothing", "nothing", "PRON", "NN", 3, "dobj")])
    assert [m.reporting_stance(t) for t in doc] == [None, "denies", None, "asserts", None]


def test_data_labels_are_defined_and_lists_do_not_contradict() -> None:
    lex = m.lexicon()
    labels = set(lex.plover_mode)
    assert set(lex.heads.values()) <= labels and set(lex.modal_aux.values()) <= labels
    assert set(lex.plover_mode.values()) == {"future", "hypothetical"}  # the manual's auxiliary modes
    assert set(lex.reporting_verbs.values()) <= {"asserts", "denies", "reports", "hedges"}
    assert not set(lex.heads) & lex.negating_heads  # a head either negates or makes non-factual
    assert not set(lex.modal_aux) & lex.negation_words
    assert not lex.conditional_marks & lex.negation_words


def test_covers_the_stage_lists_it_replaces() -> None:
    """Every modal auxiliary, head and negating head of the events and claims lists has a label here."""
    import json
    from importlib import resources

    def data(pkg: str, name: str) -> Any:
        return json.loads((resources.files(pkg) / "data" / name).read_text(encoding="utf-8"))

    ev, cl = data("sitrep.events", "modality.json"), data("sitrep.claims", "modality.json")
    lex = m.lexicon()
    assert set(ev["modal_aux"]) | set(cl["modal_aux"]) <= set(lex.modal_aux)
    assert set(ev["modal_heads"]) | set(cl["control_heads"]) | set(cl["governing_nouns"]) <= set(lex.heads)
    assert set(ev["negating_heads"]) <= lex.negating_heads
    assert set(data("sitrep.claims", "frames.json")["verbs"]) <= set(lex.reporting_verbs)
