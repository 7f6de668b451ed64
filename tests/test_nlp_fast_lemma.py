"""The lemmatizer's array path gives spaCy's own lemmas, token by token."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from sitrep.nlp import load_model  # noqa: E402
from sitrep.nlp.fast_lemma import FastLemmatizer, install  # noqa: E402

# invented sentences: inflected nouns and verbs, irregular forms, proper nouns, numbers, hyphens, spaces
TEXTS = [
    "The militias were fleeing after they had shelled the bridges and burned three lorries.",
    "Geese, mice and oxen wandered across the flooded fields; the farmers' wives went home.",
    "Commander Okafor's deputies better-armed than ever, re-took 12 checkpoints by 09:30.",
    "  She is running faster; they ran, he runs, we've run.\n\nIt's done, isn't it?",
    "Protesters threw stones, the police fired rubber bullets and arrested dozens of students.",
    "",
]


def _spacy_lemmas(nlp, text):
    lem = nlp.get_pipe("lemmatizer")
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp(text)
    spacy_call = type(lem).__mro__[1].__call__  # spaCy's own class, below the installed subclass
    spacy_call(lem, doc)
    return [t.lemma_ for t in doc]


def test_installed_in_sitrep_model():
    nlp = load_model()
    assert isinstance(getattr(nlp.get_pipe("lemmatizer"), "_sitrep_fast", None), FastLemmatizer)


def test_same_lemmas_as_spacy():
    nlp = load_model()
    for _ in range(2):  # the second round answers from the cache
        for text in TEXTS:
            assert [t.lemma_ for t in nlp(text)] == _spacy_lemmas(nlp, text), text


def test_rule_step_matches_spacy_rule_lemmatize():
    nlp = load_model()
    lem = nlp.get_pipe("lemmatizer")
    fast = lem._sitrep_fast
    for text in TEXTS:
        with nlp.select_pipes(disable=["lemmatizer"]):
            doc = nlp(text)
        for tok in doc:
            assert fast.lemma(tok) == lem.rule_lemmatize(tok)[0], tok.text


def test_lemma_set_by_attribute_ruler_is_kept():
    from spacy.lang.en import English

    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "zork"}]], {"LEMMA": "zorkish", "POS": "NOUN"})
    lem = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lem.initialize(lookups=_tiny_lookups())
    assert install(nlp) is True
    doc = nlp("zork boxes")
    assert [t.lemma_ for t in doc] == ["zorkish", "boxes"]  # no POS for "boxes": spaCy lower-cases it


def _tiny_lookups():
    from spacy.lookups import Lookups

    lk = Lookups()
    lk.add_table("lemma_rules", {"noun": [["es", ""]]})
    lk.add_table("lemma_index", {"noun": ["box"]})
    lk.add_table("lemma_exc", {"noun": {}})
    lk.add_table("lemma_lookup", {})
    return lk


def test_other_lemmatizer_keeps_spacy_call():
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": True})
    assert install(nlp) is False
    assert not hasattr(nlp.get_pipe("lemmatizer"), "_sitrep_fast")
