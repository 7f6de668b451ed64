"""actors stage: who is named in the article, and every place they are referred to.

Fills `Document.actors` (see `recognize.py` for the passes). Public helpers for later stages:

- `actor_at(doc, start, end)`: the actor with a mention overlapping a character span;
- `actors_for_token(doc, token)`: the actors a spaCy token's noun phrase denotes ("Jordan and Britain" -> both);
- `speaker_party(doc, token_or_span)`: (party actor, speaker name) for a reporting verb's subject;
- `party_of(doc, actor)`: the organisation a person acts for, else the actor itself.
"""

from __future__ import annotations

from ..document import Document
from ..pipeline import register
from .api import actor_at, actors_for_token, party_of, speaker_party
from .lexicon import load as load_lexicon

__all__ = ["ActorsStage", "actor_at", "actors_for_token", "party_of", "speaker_party", "load_lexicon"]


@register("actors")
class ActorsStage:
    name = "actors"

    def initialize(self) -> None:
        """Load the actor dictionaries and the spaCy model the recognizer tokenizes with."""
        from ..nlp import load_model

        load_lexicon()
        load_model()

    def __call__(self, doc: Document) -> Document:
        from ..nlp import load_model
        from .recognize import recognize

        nlp = load_model()
        if doc.spacy is None:
            doc.spacy = nlp(doc.text)
        doc.actors = recognize(doc, doc.spacy, nlp.tokenizer)
        return doc
