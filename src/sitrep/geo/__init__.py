"""places stage: toponym detection and resolution against a shipped gazetteer (no server).

    from sitrep.geo import place_for_event, load_gazetteer

The gazetteer (`data/gazetteer.sqlite`) is built by `sitrep gazetteer build` (`sitrep.geo.build`) from
GeoNames data (CC BY 4.0, see data/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..pipeline import register
from ..scoring import Example, Scores, score_examples
from .gazetteer import Candidate, Gazetteer, load_gazetteer
from .places import PlaceFinder, place_for_event


@register("places", {"gazetteer": None})
class PlacesStage:
    """Setting: `gazetteer`, the path of another gazetteer file (None: SITREP_GAZETTEER, else the shipped one)."""

    name = "places"

    def __init__(self, gazetteer: str | None = None) -> None:
        self.gazetteer = gazetteer
        self._finder: PlaceFinder | None = None

    def initialize(self) -> None:
        """Open the gazetteer (`GazetteerMissing` when its file is not there) and make the place finder."""
        if self._finder is None:
            self._finder = PlaceFinder(load_gazetteer(self.gazetteer) if self.gazetteer else None)

    @property
    def finder(self) -> PlaceFinder:
        self.initialize()
        assert self._finder is not None
        return self._finder

    def score(self, examples: Iterable[Example], shared: str | None = None) -> Scores:
        """Toponym recall and accuracy within 161 km (`score.py geo`; see `sitrep.scoring`)."""
        return score_examples(examples, "geo", shared)

    def __call__(self, doc: Document) -> Document:
        if doc.spacy is None and doc.text.strip():
            from ..nlp import load_model  # run alone (without the nlp stage): parse here

            doc.spacy = load_model()(doc.text)
        return self.finder(doc)


__all__ = ["Candidate", "Gazetteer", "PlaceFinder", "PlacesStage", "load_gazetteer", "place_for_event"]
