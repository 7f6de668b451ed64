"""events stage: PLOVER 2.0 + ACLED event records from the dependency parse.

For each event the stage sets trigger, evidence, plover, acled, actor, recipient (Actor ids from the
actors stage, `sitrep.actors.actors_for_token`), magnitudes, negated, modality and confidence, then asks
the time stage for the date (`sitrep.time.date_event`) and the places stage for the place
(`sitrep.geo.place_for_event`). The parts, in the order they run:

- `triggers`: candidate events from the parse (trigger words and their frames), high recall;
- `arguments`: actor and recipient from the syntax, Actor ids from the actors stage;
- `features`: casualties, negation and modality, weapons, targets, protest and scope cues;
- `classify`: the PLOVER and ACLED decisions under the codebook's constraints;
- `rank`: confidence and centrality (the article's main event first);
- `aggregate`: ACLED's per-document rules;
- `extract`: the document pass that runs them; `learned` + `second_opinion`: the learned classifier.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..document import Document
from ..pipeline import register
from ..scoring import Example, Scores, score_examples
from .extract import extract_events

SCORE_MODES = ("acled", "plover", "record", "isaf")  # score.py's commands over events (see sitrep.scoring)

__all__ = ["EventsStage", "extract_events"]


@register("events", {"classifier": True})
class EventsStage:
    """Setting: `classifier`, the learned classifier's second opinion on (False: off, as
    SITREP_CLASSIFIER=0)."""

    name = "events"

    def __init__(self, classifier: bool = True) -> None:
        self.classifier = classifier

    def initialize(self) -> None:
        """Load the shared modality cues and, when the classifier is on (setting and SITREP_CLASSIFIER), its
        weights and embedding; the other dictionaries are read on first use."""
        from ..nlp.modality import lexicon
        from . import learned

        lexicon()
        if self.classifier and os.environ.get("SITREP_CLASSIFIER", "1") != "0":
            learned.available()

    def score(self, examples: Iterable[Example], mode: str = "acled", shared: str | None = None) -> Scores:
        """The events' figures by `mode`: "acled" (sub-event type, CASE 2021), "plover" (event and actors,
        PLOVER GSR), "record" (ACLED records, notes) or "isaf" (press releases); see `sitrep.scoring`."""
        if mode not in SCORE_MODES:
            raise ValueError(f"events are scored by {', '.join(SCORE_MODES)}, not {mode!r}")
        return score_examples(examples, mode, shared)

    def __call__(self, doc: Document) -> Document:
        from . import second_opinion

        events = extract_events(doc)
        doc.events = second_opinion.apply(doc, events) if self.classifier else events
        return doc
