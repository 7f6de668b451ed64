"""Session 7 of issue 15: TIMEX3 guideline conventions and event-note dating, on invented sentences."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.document import Document, Event, Span
from sitrep.pipeline import Pipeline
from sitrep.time import date_event


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "times"])


def _event(doc: Document, word: str) -> Event:
    start = doc.text.index(word)
    sent = next(s for s in doc.spacy.sents if s.start_char <= start < s.end_char)
    ev = Event(id="e", trigger=Span(start, start + len(word), word),
               evidence=[Span(sent.start_char, sent.end_char, sent.text)])
    date_event(doc, ev)
    return ev


# ----------------------------------------------------------------------------- event notes


def test_lead_date_of_a_note_dates_its_event_not_an_earlier_one(pipe: Pipeline) -> None:
    # the lead "On <date>," of an undated note is the event's date (not a report date to skip); the later
    # date belongs to the earlier killing the sentence refers back to
    text = ("On 3 June 2016, a trader was beaten by a mob near the cattle market in Dorvan following "
            "the theft of two cows in the same area on 1 June.")
    doc = pipe(make_document(text, None))
    assert doc.meta["time_anchor"] == "narrative"
    assert _event(doc, "beaten").date.start == "2016-06-03"  # type: ignore[union-attr]


def test_news_dateline_still_dates_the_report_only(pipe: Pipeline) -> None:
    text = "KAMPALA, Uganda (June 5, 2016) - Police said a trader was beaten on Friday near the cattle market."
    doc = pipe(make_document(text, None))
    assert doc.meta["time_anchor"] == "dateline"
    assert _event(doc, "beaten").date.start == "2016-06-03"  # type: ignore[union-attr]
