"""`token.sent` and `span.sent` from the sentence index give spaCy's own sentences."""

from __future__ import annotations

import copy
import pickle

import pytest

spacy = pytest.importorskip("spacy")

from sitrep.document import Document  # noqa: E402
from sitrep.nlp import NlpStage, load_model  # noqa: E402
from sitrep.nlp.sent_index import install  # noqa: E402

# invented texts: several sentences, a headline line, quotes, a list and stray spaces
TEXTS = [
    "Clashes near the river crossing\nGunmen opened fire on a bus on Friday. Two passengers were hurt, "
    "officials said. \"We heard shots,\" a driver told reporters.",
    "Protesters gathered at dawn.  They marched to the ministry; police watched. Nobody was arrested.",
    "One sentence only, with no final stop",
    "A. B. C. The council met again.\n\n\nIt adjourned.",
]


def _bounds(span):
    return span.start, span.end


def test_same_sentences_for_tokens_and_spans() -> None:
    nlp = load_model()
    for text in TEXTS:
        plain, hooked = nlp(text), nlp(text)
        assert install(hooked)
        n = len(plain)
        assert [_bounds(t.sent) for t in hooked] == [_bounds(t.sent) for t in plain]
        for i in range(n + 1):  # every span, the empty ones and those crossing a boundary too
            for j in range(i, min(n, i + 12) + 1):
                assert _bounds(hooked[i:j].sent) == _bounds(plain[i:j].sent), (text, i, j)
        assert [_bounds(s) for s in hooked.sents] == [_bounds(s) for s in plain.sents]
        assert hooked[n - 1].sent.text == plain[n - 1].sent.text


def test_copies_keep_the_sentences() -> None:
    nlp = load_model()
    doc = nlp(TEXTS[0])
    install(doc)
    want = [_bounds(t.sent) for t in doc]
    for other in (copy.deepcopy(doc), pickle.loads(pickle.dumps(doc)), doc.copy()):
        assert [_bounds(t.sent) for t in other] == want
        assert all(t.sent.doc is other for t in other)


def test_not_installed_where_spacy_has_no_sentences() -> None:
    nlp = load_model()
    assert not install(nlp(""))
    doc = nlp.make_doc("words without a parse here")  # tokenizer only: no sentence annotation
    assert not install(doc)
    with pytest.raises(ValueError):
        _ = doc[0].sent
    twice = nlp(TEXTS[1])
    assert install(twice) and not install(twice)  # hooks already taken


def test_nlp_stage_installs_it() -> None:
    stage = NlpStage()
    doc = stage(Document(id="x", text=TEXTS[1]))
    assert "sent" in doc.spacy.user_token_hooks and "sent" in doc.spacy.user_span_hooks
