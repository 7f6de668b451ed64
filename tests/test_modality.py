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


STAGE_FILES = [("sitrep.events", "modality.json"), ("sitrep.claims", "modality.json"),
               ("sitrep.claims", "frames.json"), ("sitrep.time", "tense.json")]
MOVED_KEYS = {"modal_aux", "modal_heads", "control_heads", "governing_nouns", "conditional_marks",
              "negation_words", "negating_heads", "reporting_lemmas"}


def _stage_data(pkg: str, name: str) -> Any:
    import json
    from importlib import resources

    return json.loads((resources.files(pkg) / "data" / name).read_text(encoding="utf-8"))


def test_stage_files_hold_no_list_of_their_own() -> None:
    """The lists that moved here exist once: no stage data file holds them again (claims' frames.json keeps
    its "negating_heads" of reporting frames, not a modality list; its "verbs" moved)."""
    for pkg, name in STAGE_FILES:
        d = _stage_data(pkg, name)
        moved = MOVED_KEYS - ({"negating_heads"} if name == "frames.json" else set())
        assert not moved & set(d), (pkg, name)
    assert "verbs" not in _stage_data("sitrep.claims", "frames.json")


def test_stage_overrides_name_shared_words() -> None:
    """A stage's override that leaves a word out (null / false) or relabels it names a word of the shared
    file, under a label the file defines; only a word list may add a word (claims' "until")."""
    raw = _stage_data("sitrep.nlp", "modality.json")
    tables = {"modal_aux": raw["modal_aux"], "conditional_marks": raw["conditional_marks"],
              "head": raw["heads"], "control_head": raw["heads"], "governing_noun": raw["heads"],
              "reporting_verb": raw["reporting_verbs"]}
    labels = set(raw["_labels"]) | set(raw["reporting_verbs"].values())
    seen = 0
    for pkg, name in STAGE_FILES:
        for key, overrides in _stage_data(pkg, name).items():
            if key.startswith("_") or not key.endswith("_overrides"):
                continue
            shared = tables[key.removesuffix("_overrides")]
            for word, lab in overrides.items():
                seen += 1
                if lab is True:
                    assert isinstance(shared, list) and word not in shared, (name, key, word)
                else:
                    assert word in shared, (name, key, word)
                    assert lab in (None, False) or lab in labels, (name, key, word, lab)
    assert seen > 0


def test_relabelled_and_adjusted() -> None:
    table = {"plan": "planned", "due": "planned", "vow": "intended"}
    assert m.relabelled(table, {"due": "future", "vow": None}) == {"plan": "planned", "due": "future"}
    assert m.relabelled(table, {}) == table
    assert m.adjusted(frozenset({"if", "once"}), {"once": False, "until": True}) == {"if", "until"}


def test_stages_read_the_shared_tables() -> None:
    """The stages' tables come from the shared file: a reporting verb of claims and of time, a modal head of
    claims and of events, a conditional marker of events."""
    from sitrep.claims.lexicon import lexicon as claims_lexicon
    from sitrep.events.features import _modality_tables
    from sitrep.time.tense import REPORTING_LEMMAS

    lex, cl, ev = m.lexicon(), claims_lexicon(), _modality_tables()
    assert cl.verbs["deny"] == lex.reporting_verbs["deny"] == "denies"
    assert set(cl.verbs) <= set(lex.reporting_verbs) and REPORTING_LEMMAS <= set(lex.reporting_verbs)
    assert "say" in REPORTING_LEMMAS and "say" in cl.verbs
    assert set(cl.control_heads) <= set(lex.heads) and set(ev["modal_heads"]) <= set(lex.heads)
    assert ev["modal_heads"]["vow"] == cl.control_heads["vow"] == lex.heads["vow"]
    assert "if" in ev["conditional_marks"] and "if" in cl.conditional_marks
    # the eight heads the stages disagreed on take the shared label in both (issue 19 step 2)
    for head in ("due", "set", "plan", "prepare", "prepared", "ready", "willing", "threaten"):
        assert cl.control_heads[head] == ev["modal_heads"][head] == lex.heads[head], head
