"""claims stage: who asserts, who denies, through which channel, and the status of every event.

Runs last (nlp -> actors -> places -> times -> events -> claims). From the dependency parse it reads
reporting frames (`frames.detect_frames`: "said", "announced", "denies", "according to", "claimed
responsibility for", "images showed", "there are reports that", "reportedly", "it is believed"),
then links each frame to the events it is about:

1. an event whose trigger lies in the frame's scope (the complement of "said", the object of
   "responsibility for", the rest of the sentence for "according to") takes a claim; nested frames
   of one party ("X announced that ..., said X's spokesman Y") are merged into one claim;
2. a frame of the sentence's main clause that reports no event of its own is given to the other
   events of its sentence ("Five soldiers were killed in the blast, the governor said in a statement");
3. denials, responsibility claims and images/video that report no event of their own, or only an
   event of the same type as one told earlier ("The FNR denies taking the place"), attach to the
   nearest earlier compatible event (within `BACK_SENTENCES`), and the duplicate event is folded into
   it (removed from `doc.events`, its evidence kept). A responsibility claim makes its party the
   event's actor when it has none.

A party's channel is shared with its other claims in the adjacent sentences of the same paragraph
("... denies taking the place. ..., the FNR said on its Twitter account."). An event under a frame
whose own clause is negated ("X said it did not attack") gets a denial instead of an assertion.

Finally each event's `status` is set by `recompute_status` from its claims, its negation and its
modality. Modality cues are read here from the parse around the trigger ("could be held", "ready to
negotiate", "plans to", "if ...", "proposals for", "an agreement to be negotiated"); the events stage's
`event.modality` is counted when these cues support it or the trigger is a verb complement, since its
wider climbs ("discusses the blast", "try to escape a takeover") are not proposals. `event.modality` is
filled from the cues here when the events stage left it empty.

`recompute_status` (and `status_from_records`, for several articles' records of one event) are what
the store uses to recompute a merged event's status from contract claim dicts.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..pipeline import register
from ..scoring import Example, Scores, score_examples
from .assign import BACK_SENTENCES, annotate, chain_claims, compatible
from .attributions import extract_attributions
from .cues import QUOTES, modality_cue, negation_cue
from .frames import Frame, detect_frames
from .status import recompute_status, status_from_records

__all__ = [
    "BACK_SENTENCES", "QUOTES", "ClaimsStage", "Frame", "annotate", "chain_claims", "compatible", "detect_frames",
    "modality_cue", "negation_cue", "recompute_status", "status_from_records",
]


@register("claims")
class ClaimsStage:
    name = "claims"

    def initialize(self) -> None:
        """Load the reporting-frame, channel, modality and attribution dictionaries."""
        from .attributions import attribution_lexicon
        from .lexicon import lexicon

        lexicon()
        attribution_lexicon()

    def score(self, examples: Iterable[Example], shared: str | None = None) -> Scores:
        """Attributions: source, cue and content spans (`score.py attrib`, PolNeAR; see `sitrep.scoring`)."""
        return score_examples(examples, "attrib", shared)

    def __call__(self, doc: Document) -> Document:
        try:
            doc.attributions = extract_attributions(doc)
        except Exception as exc:  # noqa: BLE001 - the events and their claims do not depend on it
            doc.meta.setdefault("warnings", []).append(f"attributions: {type(exc).__name__}: {exc}")
            doc.attributions = []
        try:
            annotate(doc)
        except Exception as exc:  # noqa: BLE001 - keep the document's events; statuses from what is known
            doc.meta.setdefault("warnings", []).append(f"claims stage: {type(exc).__name__}: {exc}")
            for e in doc.events:
                e.status = recompute_status(e.claims, e.modality, e.negated, stated=not e.claims)
        return doc
