"""times stage: temporal expressions (TIMEX3), the article's dateline, and event dating.

- `TimesStage` ("times"): reads the dateline when `doc.published` is missing, then fills `doc.times`
  with every temporal expression (TimeML type/value, plus the calendar interval it covers).
- `date_event(doc, event)`: sets `event.date` and `event.timeframe` (called by the events stage).

See `tagger.py` for the resolution conventions and `dating.py` for event dating.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..document import Document, TimeMention
from ..pipeline import register
from ..scoring import Example, Scores, score_examples
from .dateline import PROSE_RANK, find_dateline, find_dateline_ranked, release_month
from .dating import date_event
from .tagger import tag


def _sane(d: date | None) -> date | None:
    """A usable anchor, or None for absurd publication dates (they must never crash the stage)."""
    if isinstance(d, date) and 1800 <= d.year <= 2200:
        return d
    return None


def time_anchor(doc: Document, rank: int | None = None) -> str:
    """How the document's relative dates are anchored: "published" (a publication date was given),
    "dateline" (read from a dateline or header), or "narrative" (no such date: the reference time moves
    with the text, from one fully dated expression to the next; also when the only "dateline" is a date
    in the running text, as in a history paragraph or an event note)."""
    if _sane(doc.published):
        return "published"
    if _sane(doc.dateline) and rank != PROSE_RANK:
        return "dateline"
    return "narrative"


def tag_document(doc: Document) -> Document:
    rank = None
    if doc.published is None and doc.dateline is None:
        found = find_dateline_ranked(doc.text)
        if found:
            doc.dateline, doc.dateline_span, rank = found
    mode = time_anchor(doc, rank)
    doc.time_anchor = mode
    anchor = _sane(doc.anchor) if mode != "narrative" else None
    doc.context.times_tagged = True
    found_times = tag(
        doc.text,
        anchor,
        doc.spacy,
        None if anchor else release_month(doc.text),
        narrative=mode == "narrative",
        background=mode == "published",
    )
    doc.times = [
        TimeMention(
            start=t.start,
            end=t.end,
            text=t.text,
            type=t.res.type,
            value=t.res.value,
            begin=t.res.begin,
            finish=t.res.finish,
            precision=t.res.precision,
        )
        for t in found_times
    ]
    return doc


@register("times")
class TimesStage:
    name = "times"

    def initialize(self) -> None:
        """Build the tagger's tables: the grammar's words, the rules and their prefilter triggers."""
        from .prefilter import _rule_starts, _triggers
        from .ruletable import _rules
        from .tense import _tense_words

        _rules()
        _triggers()
        _rule_starts()
        _tense_words()

    def __call__(self, doc: Document) -> Document:
        return tag_document(doc)

    def score(self, examples: Iterable[Example], shared: str | None = None) -> Scores:
        """TempEval-3 timex span F1 and value F1 (`score.py time`; see `sitrep.scoring`)."""
        return score_examples(examples, "time", shared)


__all__ = ["TimesStage", "date_event", "find_dateline", "tag", "tag_document", "time_anchor"]
