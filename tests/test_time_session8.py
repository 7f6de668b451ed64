"""Session 8 of issue 15: TIMEX3 conventions for vague stretches and names, on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import make_document
from sitrep.pipeline import Pipeline

DCT = date(2003, 6, 11)  # a Wednesday


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "times"])


def _times(pipe: Pipeline, text: str, dct: date | None = DCT) -> dict[str, tuple[str, str]]:
    doc = pipe(make_document(text, dct))
    return {t.text: (t.type, t.value) for t in doc.times}


# ----------------------------------------------------------------------------- vague future stretches


def test_coming_weeks_is_an_indefinite_duration_like_recent_weeks(pipe: Pipeline) -> None:
    got = _times(pipe, "The co-operative expects to hire more drivers in the coming weeks and in coming years.")
    assert got["the coming weeks"] == ("DURATION", "PXW")
    assert got["coming years"] == ("DURATION", "PXY")


def test_units_ahead_are_an_indefinite_duration(pipe: Pipeline) -> None:
    got = _times(pipe, "Growers will have to ration water in the months ahead, the board said.")
    assert got["the months ahead"] == ("DURATION", "PXM")


def test_the_coming_week_stays_the_next_calendar_week(pipe: Pipeline) -> None:
    got = _times(pipe, "The ferry timetable changes in the coming week.")
    assert got["the coming week"] == ("DATE", "2003-W25")


def test_recent_weeks_unchanged(pipe: Pipeline) -> None:
    got = _times(pipe, "Bread prices have doubled in recent weeks.")
    assert got["recent weeks"] == ("DURATION", "PXW")


# ----------------------------------------------------------------------------- names and titles


def test_time_words_inside_a_title_are_not_timexes(pipe: Pipeline) -> None:
    got = _times(pipe, 'The envoy, speaking on the channel\'s "This Week" programme, praised the plan on Monday.')
    assert "This Week" not in got
    assert got["Monday"] == ("DATE", "2003-06-09")


def test_film_and_paper_names_are_not_timexes(pipe: Pipeline) -> None:
    got = _times(pipe, "A still from the western ``High Noon'' ran in USA Today and in Russia Today on Friday.")
    assert set(got) == {"Friday"}


def test_time_word_opening_a_sentence_or_quotation_is_kept(pipe: Pipeline) -> None:
    got = _times(pipe, "The mayor said: “Tonight’s vote matters.” This week the council meets. Today it rests.")
    assert got["Tonight"] == ("DATE", "2003-06-11")
    assert got["This week"] == ("DATE", "2003-W24")
    assert got["Today"] == ("DATE", "2003-06-11")


def test_title_case_headline_keeps_its_times(pipe: Pipeline) -> None:
    got = _times(pipe, "Storm Closes Harbour Road Friday Night\n\nThe road reopened on Saturday.")
    assert "Friday Night" in got
