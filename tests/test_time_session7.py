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
    assert doc.time_anchor == "narrative"
    assert _event(doc, "beaten").date.start == "2016-06-03"  # type: ignore[union-attr]


def test_news_dateline_still_dates_the_report_only(pipe: Pipeline) -> None:
    text = "KAMPALA, Uganda (June 5, 2016) - Police said a trader was beaten on Friday near the cattle market."
    doc = pipe(make_document(text, None))
    assert doc.time_anchor == "dateline"
    assert _event(doc, "beaten").date.start == "2016-06-03"  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- TIMEX3 conventions


def values(pipe: Pipeline, text: str, published: str | None = "2021-09-08") -> dict[str, tuple[str, str]]:
    doc: Document = pipe(make_document(text, published))  # 2021-09-08 is a Wednesday
    return {t.text: (t.type, t.value) for t in doc.times}


def test_that_night_is_the_night_of_the_reference_day(pipe: Pipeline) -> None:
    got = values(pipe, "The relief column reached Dasht on Monday. That night, the camp was shelled.")
    assert got["That night"] == ("TIME", "2021-09-06TNI")
    got = values(pipe, "The ferry sank on 2 March 1921. The next night, a second boat capsized.", None)
    assert got["The next night"] == ("TIME", "1921-03-03TNI")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The conflict shaped today's youth in the north.", "PRESENT_REF"),
        ("Such raids are rare in today's world.", "PRESENT_REF"),
        ("Few of today's armoured cars resist such mines.", "PRESENT_REF"),
        ("Today's raid on the market killed four.", "2021-09-08"),
        ("Today's attack on young recruits was condemned.", "2021-09-08"),
    ],
)
def test_generic_today_is_the_present_not_the_publication_day(pipe: Pipeline, text: str, value: str) -> None:
    got = values(pipe, text)
    assert next(v for k, v in got.items() if k.lower() == "today") == ("DATE", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the futurate present and "be to": an arrangement ahead
        ("Tribal elders meet Monday with the governor.", "2021-09-13"),
        ("The mission is to resume its patrols Tuesday.", "2021-09-14"),
        # the past, a verb whose present and past are one form, a day inside a noun phrase: back
        ("Tribal elders met Monday with the governor.", "2021-09-06"),
        ("Gunmen hit the checkpoint Monday.", "2021-09-06"),
        ("The walkout follows Monday's decision by the council.", "2021-09-06"),
    ],
)
def test_weekday_direction_follows_the_clause(pipe: Pipeline, text: str, value: str) -> None:
    got = values(pipe, text)
    assert next(v for k, v in got.items() if k in ("Monday", "Tuesday"))[1] == value


def test_the_previous_weekday_counts_from_the_day_last_mentioned(pipe: Pipeline) -> None:
    got = values(pipe, "Grain prices rose on Friday, up 3% from the previous Friday.")
    assert got["Friday"] == ("DATE", "2021-09-03")
    assert got["the previous Friday"] == ("DATE", "2021-08-27")
    got = values(pipe, "The previous Friday, the governor resigned.")  # no day mentioned: the anchor's
    assert got["The previous Friday"] == ("DATE", "2021-09-03")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Between 3 and 5 May 2019, herders clashed with farmers near Tabo.", "2019-05-03", "2019-05-05"),
        ("From 3 to 5 May 2019, herders clashed with farmers near Tabo.", "2019-05-03", "2019-05-05"),
        ("On the night of 13-14 May 2019, gunmen raided a police post near Tabo.", "2019-05-13", "2019-05-14"),
        ("Clashes on May 3-5, 2019 displaced hundreds near Tabo.", "2019-05-03", "2019-05-05"),
    ],
)
def test_day_ranges_inside_a_month(pipe: Pipeline, text: str, first: str, second: str) -> None:
    doc = pipe(make_document(text, None))
    assert [t.value for t in doc.times] == [first, second]
    word = next(w for w in ("clashed", "raided", "displaced") if w in text)
    got = _event(doc, word).date
    assert got is not None and (got.start, got.end) == (first, second)


def test_a_count_before_a_date_is_no_range(pipe: Pipeline) -> None:
    got = values(pipe, "Gunmen killed 3 and wounded 5 on 5 May 2019.")
    assert list(got) == ["5 May 2019"]


def test_bracketed_gmt_conversion_belongs_to_the_local_time(pipe: Pipeline) -> None:
    got = values(pipe, "The mortar round landed at 6:15 p.m. (1515 GMT) Tuesday, witnesses said.")
    assert got == {"6:15 p.m. (1515 GMT) Tuesday": ("TIME", "2021-09-07T18:15")}


def test_a_deadline_extended_through_a_month_lies_ahead(pipe: Pipeline) -> None:
    got = values(pipe, "Donors have extended the food programme through January.", "2021-10-30")
    assert got["January"] == ("DATE", "2022-01")
    got = values(pipe, "Fighting raged in the hills through January.", "2021-10-30")
    assert got["January"] == ("DATE", "2021-01")


def test_the_following_month_counts_from_the_month_last_mentioned(pipe: Pipeline) -> None:
    got = values(pipe, "In March, the council received an offer. The following month, it sold the depot.")
    assert got["The following month"] == ("DATE", "2021-04")
    got = values(pipe, "The following month, the council sold the depot.")  # nothing before: the anchor's
    assert got["The following month"] == ("DATE", "2021-10")


def test_or_so_before_ago_keeps_the_point(pipe: Pipeline) -> None:
    got = values(pipe, "A week or so ago, the garrison withdrew.")
    assert got == {"A week or so ago": ("DATE", "2021-W35")}


def test_rates_and_name_fragments_are_no_timex(pipe: Pipeline) -> None:
    # a rate after a measure is no TIMEX (TimeML/TIDES non-markable speed and rate expressions)
    assert values(pipe, "The radar tracks 40 thousand targets per second.") == {}
    assert values(pipe, "Convoys leave twice per week.") == {"per week": ("SET", "P1W")}
    # "a" must start a word: "Rosa Day Okafor" holds no "a Day"
    assert values(pipe, "Judge Rosa Day Okafor read the verdict.") == {}
