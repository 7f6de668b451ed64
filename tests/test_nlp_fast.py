"""The attribute ruler's table look-up gives spaCy's own matches, and the same token attributes."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from sitrep.nlp import load_model  # noqa: E402
from sitrep.nlp.fast_rules import FastRuleMatcher, install  # noqa: E402

TEXTS = [
    "Gunmen killed 12 villagers in the northern province on Tuesday, officials said.",
    "Y'all ain't gonna believe it, but there is nothin' left. Let's go, c'mon on.",
    "The governor, who had not been told, said it was they who did it; I gotta leave.",
    "  Police fired tear gas at about 3,000 protesters outside parliament.\n\nNo one was hurt.",
    "Whether or not the ceasefire holds, the army says it will withdraw if attacked.",
    "",
]


def _spacy_matches(nlp, text):
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(text)
    return doc, type(ruler).match(ruler, doc)


def test_same_matches_as_spacy_matcher():
    nlp = load_model()
    fast = FastRuleMatcher(nlp.get_pipe("attribute_ruler"))
    for text in TEXTS:
        doc, want = _spacy_matches(nlp, text)
        assert fast.match(doc) == want, text
        assert fast.match(doc) == want  # from the cache


def test_same_token_attributes(monkeypatch):
    nlp = load_model()
    assert getattr(nlp.get_pipe("attribute_ruler"), "_sitrep_fast", None) is not None
    for text in TEXTS:
        got = [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]
        ruler = nlp.get_pipe("attribute_ruler")
        patched = ruler.__dict__.pop("match")
        try:
            want = [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]
        finally:
            ruler.match = patched
        assert got == want, text


def test_unknown_pattern_keeps_spacy_matcher():
    from spacy.lang.en import English

    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Kabul"}]], {"POS": "PROPN"})
    assert install(nlp) is False
    assert "match" not in ruler.__dict__
