"""times stage: temporal expressions (TIMEX3), the article's dateline, and event dating.

- `TimesStage` ("times"): reads the dateline when `doc.published` is missing, then fills `doc.times`
  with every temporal expression (TimeML type/value, plus the calendar interval it covers).
- `date_event(doc, event)`: sets `event.date` and `event.timeframe` (called by the events stage).

See `tagger.py` for the resolution conventions and `dating.py` for event dating.
"""

from __future__ import annotations

from datetime import date

from ..document import Document, TimeMention
from ..pipeline import register
from .dateline import find_dateline, release_month
from .dating import date_event
from .tagger import tag


def _sane(d: date | None) -> date | None:
    """A usable anchor, or None for absurd publication dates (they must never crash the stage)."""
    if isinstance(d, date) and 1800 <= d.year <= 2200:
        return d
    return None


def tag_document(doc: Document) -> Document:
    if doc.published is None and doc.dateline is None:
        found = find_dateline(doc.text)
        if found:
            doc.dateline, doc.dateline_span = found
    anchor = _sane(doc.anchor)
    doc.meta["times_tagged"] = True
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
        for t in tag(doc.text, anchor, doc.spacy, None if anchor else release_month(doc.text))
    ]
    return doc


@register("times")
class TimesStage:
    name = "times"

    def __call__(self, doc: Document) -> Document:
        return tag_document(doc)


__all__ = ["TimesStage", "date_event", "find_dateline", "tag", "tag_document"]
