"""The places stage: find toponyms in a parsed document and resolve them against the gazetteer.

Detection
  1. spaCy GPE / LOC / FAC / NORP entities (a leading "the" and a trailing "'s" dropped); an entity that
     is not a name as a whole is searched for the longest gazetteer names inside it.
  2. Gazetteer matching of proper-noun token runs spaCy missed or labelled ORG ("Panjshir" as ORG),
     kept when the reading is strong: a country / division / curated name, a demonym, a place cue
     ("X province", "X district", "the town of X", "in X"), or a large town.
  3. Names listed with a found place ("between Alston and Brampton") when the gazetteer has them in a
     country that place may be in; then one sense per document: the other occurrences of a name found as
     a place (embedded where it begins an organisation's name), except where it speaks ("Tyler said").
  Names the document uses as a person's name (words of multi-word PERSON entities that look like a
  person's name, unless the word also stands alone after "in", "near", ...) are never places.
  An upper-case dateline ("ATLANTA (AP) -") is a place whatever spaCy calls it.

Resolution (two passes): every candidate gets a prior (kind, population, how the name is attached)
plus context: the place cue ("province" -> admin1, "district" -> admin2, "valley" -> region), the
document's focus country, divisions mentioned in the document, and an adjacent country or division
("Kabul, Afghanistan", "Andar district, Ghazni province").

Modules: `words` (word lists, the mention record), `detect`, `resolve`, `event_place` (the place of an
event); `PlaceFinder` here joins detection and resolution into the stage.
"""

from __future__ import annotations

from ..document import Document, PlaceMention
from .detect import Detector
from .event_place import place_for_event
from .gazetteer import Gazetteer, load_gazetteer
from .resolve import Resolver
from .words import Mention, _DocView, common_words, language_names


class PlaceFinder(Detector, Resolver):
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()

    # ------------------------------------------------------------------ stage
    def __call__(self, doc: Document) -> Document:
        mentions = self.detect(doc)
        focus = self.resolve(doc, mentions) if mentions else None
        doc.places = []
        mentions = self._drop_stray(mentions, focus)
        for m in mentions:
            assert m.best is not None
            doc.places.append(
                PlaceMention(m.start, m.end, m.text, m.best.place(), score=m.score,
                             literal=m.best.src != "demonym" and not m.embedded)
            )
        doc.focus_country = focus
        return doc


__all__ = ["Mention", "PlaceFinder", "_DocView", "common_words", "language_names", "place_for_event"]
