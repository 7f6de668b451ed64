"""Parser-independent unit tests (issue 19): decisions read from a dependency parse, tested on spaCy `Doc`s
built by hand (words, heads, dependency labels, tags), so that they hold whatever the statistical parser
does with a sentence. All sentences are invented."""

from __future__ import annotations

from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num), no statistical model


def parsed(rows: list[tuple[str, str, str, str, int, str]], spaces: list[bool] | None = None) -> Doc:
    """A Doc from rows (word, lemma, POS, tag, head index, dependency); the root is its own head."""
    words, lemmas, pos, tags, heads, deps = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, heads=heads, deps=deps)


def tok(doc: Doc, word: str) -> Any:
    return next(t for t in doc if t.text == word)


# ---------------------------------------------------------------------------------- negation (claims)
NOBODY_KILLED = [("Nobody", "nobody", "PRON", "NN", 2, "nsubjpass"), ("was", "be", "AUX", "VBD", 2, "auxpass"),
                 ("killed", "kill", "VERB", "VBN", 2, "ROOT"), (".", ".", "PUNCT", ".", 2, "punct")]
DID_NOT_ATTACK = [("Gunmen", "gunman", "NOUN", "NNS", 3, "nsubj"), ("did", "do", "AUX", "VBD", 3, "aux"),
                  ("not", "not", "PART", "RB", 3, "neg"), ("attack", "attack", "VERB", "VB", 3, "ROOT"),
                  ("the", "the", "DET", "DT", 5, "det"), ("convoy", "convoy", "NOUN", "NN", 3, "dobj")]
ATTACKED = [("Gunmen", "gunman", "NOUN", "NNS", 1, "nsubj"), ("attacked", "attack", "VERB", "VBD", 1, "ROOT"),
            ("the", "the", "DET", "DT", 3, "det"), ("convoy", "convoy", "NOUN", "NN", 1, "dobj")]
NO_ATTACK = [("No", "no", "DET", "DT", 1, "det"), ("attack", "attack", "NOUN", "NN", 2, "nsubj"),
             ("occurred", "occur", "VERB", "VBD", 2, "ROOT")]
NO_CLASH_HAD = [("They", "they", "PRON", "PRP", 3, "nsubj"), ("did", "do", "AUX", "VBD", 3, "aux"),
                ("not", "not", "PART", "RB", 3, "neg"), ("have", "have", "VERB", "VB", 3, "ROOT"),
                ("clashes", "clash", "NOUN", "NNS", 3, "dobj")]


@pytest.mark.parametrize(("rows", "trigger", "negated"), [
    (NOBODY_KILLED, "killed", True),  # a negative subject
    (DID_NOT_ATTACK, "attack", True),  # a "neg" child
    (ATTACKED, "attacked", False),
    (NO_ATTACK, "attack", True),  # "no" before a noun trigger
    (NO_CLASH_HAD, "clashes", True),  # the object of a negated light verb
])
def test_negation_cue(rows: list[Any], trigger: str, negated: bool) -> None:
    from sitrep.claims.cues import negation_cue

    assert negation_cue(tok(parsed(rows), trigger)) is negated


# ---------------------------------------------------------------------------------- modality (claims)
COULD_BE_HELD = [("Talks", "talk", "NOUN", "NNS", 3, "nsubjpass"), ("could", "could", "AUX", "MD", 3, "aux"),
                 ("be", "be", "AUX", "VB", 3, "auxpass"), ("held", "hold", "VERB", "VBN", 3, "ROOT")]
PLAN_TO_ATTACK = [("Rebels", "rebel", "NOUN", "NNS", 1, "nsubj"), ("plan", "plan", "VERB", "VBP", 1, "ROOT"),
                  ("to", "to", "PART", "TO", 3, "aux"), ("attack", "attack", "VERB", "VB", 1, "xcomp"),
                  ("the", "the", "DET", "DT", 5, "det"), ("depot", "depot", "NOUN", "NN", 3, "dobj")]
IF_ATTACKED = [("If", "if", "SCONJ", "IN", 2, "mark"), ("they", "they", "PRON", "PRP", 2, "nsubj"),
               ("attack", "attack", "VERB", "VBP", 5, "advcl"), (",", ",", "PUNCT", ",", 5, "punct"),
               ("troops", "troop", "NOUN", "NNS", 5, "nsubj"), ("respond", "respond", "VERB", "VBP", 5, "ROOT")]


@pytest.mark.parametrize(("rows", "trigger", "modality"), [
    (COULD_BE_HELD, "held", "possible"),
    (PLAN_TO_ATTACK, "attack", "planned"),  # the shared label of "plan" (issue 19; claims had "intended")
    (IF_ATTACKED, "attack", "conditional"),
    (ATTACKED, "attacked", None),
])
def test_modality_cue(rows: list[Any], trigger: str, modality: str | None) -> None:
    from sitrep.claims.cues import modality_cue

    assert modality_cue(tok(parsed(rows), trigger)) == modality


# ---------------------------------------------------------------------------------- tolls (events)
TWO_AND_THREE = [("two", "two", "NUM", "CD", 1, "nummod"), ("soldiers", "soldier", "NOUN", "NNS", 1, "ROOT"),
                 ("and", "and", "CCONJ", "CC", 1, "cc"), ("three", "three", "NUM", "CD", 4, "nummod"),
                 ("civilians", "civilian", "NOUN", "NNS", 1, "conj")]
TWELVE = [("12", "12", "NUM", "CD", 1, "nummod"), ("villagers", "villager", "NOUN", "NNS", 1, "ROOT")]
BARE = [("villagers", "villager", "NOUN", "NNS", 0, "ROOT")]


@pytest.mark.parametrize(("rows", "head", "count"), [
    (TWO_AND_THREE, "soldiers", 5),  # conjuncts are summed
    (TWELVE, "villagers", 12),
    (BARE, "villagers", None),  # no number: unknown, not zero
])
def test_count_of(rows: list[Any], head: str, count: int | None) -> None:
    from sitrep.events.magnitude import count_of

    assert count_of(tok(parsed(rows), head)) == count


# ---------------------------------------------------------------------------------- tense (time)
WILL_ATTACK = [("They", "they", "PRON", "PRP", 2, "nsubj"), ("will", "will", "AUX", "MD", 2, "aux"),
               ("attack", "attack", "VERB", "VB", 2, "ROOT")]
HAS_SCHEDULED = [("It", "it", "PRON", "PRP", 2, "nsubj"), ("has", "have", "AUX", "VBZ", 2, "aux"),
                 ("scheduled", "schedule", "VERB", "VBN", 2, "ROOT"), ("talks", "talk", "NOUN", "NNS", 2, "dobj")]
HAS_KILLED = [("It", "it", "PRON", "PRP", 2, "nsubj"), ("has", "have", "AUX", "VBZ", 2, "aux"),
              ("killed", "kill", "VERB", "VBN", 2, "ROOT")]


@pytest.mark.parametrize(("rows", "verb", "tense"), [
    (WILL_ATTACK, "attack", "future"),
    (HAS_SCHEDULED, "scheduled", "future"),  # verbs of scheduling point forward
    (HAS_KILLED, "killed", "past"),
    (ATTACKED, "attacked", "past"),
    (PLAN_TO_ATTACK, "attack", "future"),  # an infinitive under a verb of planning
])
def test_verb_tense(rows: list[Any], verb: str, tense: str) -> None:
    from sitrep.time.tense import verb_tense

    doc = parsed(rows)
    assert verb_tense(tok(doc, verb)) == tense


# ---------------------------------------------------------------------------------- sentence breaks (nlp)
def _breaks(words: list[str], spaces: list[bool]) -> list[str]:
    from sitrep.nlp.model import _LINE_BREAKS, _register_line_breaks

    _register_line_breaks()
    nlp = spacy.blank("en")
    nlp.add_pipe(_LINE_BREAKS)
    doc = nlp.get_pipe(_LINE_BREAKS)(Doc(nlp.vocab, words=words, spaces=spaces))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


def test_a_headline_line_starts_a_sentence_but_a_wrapped_line_does_not() -> None:
    # "Floods close port\nThe harbour was shut on\nmonday"
    words = ["Floods", "close", "port", "\n", "The", "harbour", "was", "shut", "on", "\n", "monday"]
    spaces = [True, True, False, False, True, True, True, True, False, False, False]
    assert _breaks(words, spaces) == ["The"]


def test_a_blank_line_always_starts_a_sentence() -> None:
    words = ["the", "ferry", "left", "\n\n", "later", "it", "rained"]
    spaces = [True, True, False, False, True, True, False]
    assert _breaks(words, spaces) == ["later"]
