"""places stage: toponym detection and resolution against a shipped gazetteer (no server).

    from sitrep.geo import place_for_event, load_gazetteer

The gazetteer (`data/gazetteer.sqlite`) is built by `sitrep gazetteer build` (`sitrep.geo.build`) from
GeoNames data (CC BY 4.0, see data/README.md).
"""

from __future__ import annotations

from ..document import Document
from ..pipeline import register
from .gazetteer import Candidate, Gazetteer, load_gazetteer
from .places import PlaceFinder, place_for_event


@register("places", {"gazetteer": None})
class PlacesStage:
    """Setting: `gazetteer`, the path of another gazetteer file (None: SITREP_GAZETTEER, else the shipped one)."""

    name = "places"

    def __init__(self, gazetteer: str | None = None) -> None:
        self.finder = PlaceFinder(load_gazetteer(gazetteer) if gazetteer else None)

    def __call__(self, doc: Document) -> Document:
        if doc.spacy is None and doc.text.strip():
            from ..nlp import load_model  # run alone (without the nlp stage): parse here

            doc.spacy = load_model()(doc.text)
        return self.finder(doc)


__all__ = ["Candidate", "Gazetteer", "PlaceFinder", "PlacesStage", "load_gazetteer", "place_for_event"]
