"""Narrative anchoring and wire-copy date conventions (issue 15), on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.pipeline import Pipeline
from sitrep.time import date_event, tag, tag_document

NEWS = date(2021, 9, 6)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "times"])


def narr(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.res.value) for t in tag(text, None, narrative=True)]


def news(text: str, anchor: date | None = NEWS, background: bool = True) -> list[tuple[str, str]]:
    return [(t.text, t.res.value) for t in tag(text, anchor, background=background)]


# ----------------------------------------------------------------------------- narrative reference time


def test_yearless_day_takes_the_year_the_text_has_reached() -> None:
    got = narr("The rebels reached Kova in the autumn of 1937. On 2 November they stormed the citadel.")
    assert ("2 November", "1937-11-02") in got


def test_narrative_moves_forward_across_the_new_year() -> None:
    got = narr("The blockade of Ostra began on 9 December 1905. The port opened again on 14 February.")
    assert ("14 February", "1906-02-14") in got


def test_a_nearby_earlier_day_stays_in_the_same_year() -> None:
    got = narr("When the mission landed at Perro on 20 October 1911, the rebels had held it since 2 October.")
    assert ("2 October", "1911-10-02") in got


def test_offsets_count_from_the_reference_at_the_unit_granularity() -> None:
    got = narr(
        "The convoy left Brant on 4 March 1950. Two days later it was ambushed. "
        "Three weeks later the survivors reached the coast, and a year later the road was closed."
    )
    assert ("Two days later", "1950-03-06") in got
    assert ("Three weeks later", "1950-W13") in got  # 6 + 21 days = 27 March 1950
    assert ("a year later", "1951") in got


def test_anaphoric_expressions_follow_the_reference() -> None:
    got = narr(
        "Floods reached the delta on 11 July 1961. The following day the dams broke. "
        "That summer the crops failed, the same year the governor resigned, and later that month the army came."
    )
    assert ("The following day", "1961-07-12") in got
    assert ("That summer", "1961-SU") in got
    assert ("the same year", "1961") in got
    assert ("later that month", "1961-07") in got


def test_that_winter_in_january_is_the_winter_it_lies_in() -> None:
    assert ("that winter", "1919-WI") in narr("In January 1920 the city froze; that winter the mills shut.")


def test_weekday_in_a_narrative_looks_forward() -> None:
    got = narr("The strike began on Monday, 3 April 1950. By Thursday the docks were empty.")
    assert ("Thursday", "1950-04-06") in got


def test_season_and_bare_ordinal_day() -> None:
    got = narr("The campaign of 1788 opened in late spring. Fighting stopped on the 9th, when the rain came.")
    assert ("late spring", "1788-SP") in got
    got = narr("The fort fell on 2 June 1788. The garrison was released on the 9th, after a ransom was paid.")
    assert ("the 9th", "1788-06-09") in got


def test_without_any_date_expressions_stay_underspecified() -> None:
    assert narr("On 5 May the villagers fled.") == [("5 May", "XXXX-05-05")]


# ----------------------------------------------------------------------------- news articles


def test_news_keeps_the_publication_date() -> None:
    got = news("Officials said on Friday that the ceasefire agreed in March still held.")
    assert ("Friday", "2021-09-03") in got and ("March", "2021-03") in got


def _times(pipe: Pipeline, text: str) -> list[tuple[str, str]]:
    doc = pipe(make_document(text, "2021-09-06"))
    return [(t.text, t.value) for t in doc.times]


def test_background_sentence_in_news_switches_to_the_old_date(pipe: Pipeline) -> None:
    got = _times(pipe, "The group seized the valley in September 1996 and lost it again in November.")
    assert ("November", "1996-11") in got


def test_background_leaves_deictic_expressions_and_later_sentences_alone(pipe: Pipeline) -> None:
    got = _times(pipe, "The group seized the valley in September 1996 and lost it in November. Talks resume this year.")
    assert ("this year", "2021") in got
    got = _times(pipe, "He had been jailed several times since 1998. His car was found abandoned in June.")
    assert ("June", "2021-06") in got  # "since 1998" is no time point; another sentence
    got = _times(pipe, "The states invited in July 2019 will join the pact on March 12.")
    assert ("March 12", "2022-03-12") in got  # a future clause stays with the news anchor


def test_document_mode_is_exposed() -> None:
    d = make_document("Talks resumed on Tuesday.", "2021-09-06")
    assert tag_document(d).time_anchor == "published"
    d = make_document("KABUL, Afghanistan (Oct. 8, 2011) - A patrol held two men on Tuesday.", None)
    assert tag_document(d).time_anchor == "dateline"
    d = make_document("The strike began on 3 May 1926 and was called off nine days later.", None)
    tag_document(d)
    assert d.time_anchor == "narrative"
    assert [(t.text, t.value) for t in d.times][-1] == ("nine days later", "1926-05-12")
    assert d.to_contract()["time_anchor"] == "narrative"


# ----------------------------------------------------------------------------- wire formats


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunmen raided the market on 19 05 2019.", "2019-05-19"),
        ("Gunmen raided the market on 14/05/2019.", "2019-05-14"),
        ("Gunmen raided the market on 2019-05-14.", "2019-05-14"),
        ("Gunmen raided the market on 14.05.2019.", "2019-05-14"),
        ("Gunmen raided the market on 2019/05/14.", "2019-05-14"),
    ],
)
def test_numeric_dates(text: str, value: str) -> None:
    assert [v for _, v in news(text)] == [value]


def test_day_first_text_reads_ambiguous_slash_dates_day_first() -> None:
    assert [v for _, v in news("Raids on 14/05/2019 and 05/06/2019.")] == ["2019-05-14", "2019-06-05"]
    assert [v for _, v in news("Raids on 05/06/2019.")] == ["2019-05-06"]  # US order by default


def test_bracketed_insert_and_abbreviated_month() -> None:
    got = narr("On [5 January 2020] militia burned a depot. On [9 January], they returned.")
    assert ("9 January", "2020-01-09") in got
    assert ("14 Sep", "2021-09-14") in news("As reported on 14 Sep, two posts were shelled.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The truce began on the fifth of March, 1848.", "1848-03-05"),
        ("The truce began on the twenty-first of May 2003.", "2003-05-21"),
        ("The truce began on March fifth 1848.", "1848-03-05"),
        ("The truce began on the 3rd of June 1798.", "1798-06-03"),
    ],
)
def test_ordinal_and_spelled_out_days(text: str, value: str) -> None:
    assert [v for _, v in news(text)] == [value]


def test_the_first_as_a_determiner_is_no_day() -> None:
    assert ("July", "1984-07") in narr("Rains failed in 1984; by July the first camps had opened.")


def test_ranges_across_months_take_the_stated_year() -> None:
    got = news("Clashes went on between late March and early May 2019.", None)
    assert got == [("late March", "2019-03"), ("early May 2019", "2019-05")]
    got = news("Curfews held from 3 December to 5 February 2020.", None)
    assert got == [("3 December", "2019-12-03"), ("5 February 2020", "2020-02-05")]


def test_clock_time_with_a_day_first_date() -> None:
    assert news("Shortly after 5 a.m. on 2 August 1916 the boats crossed.") == [
        ("Shortly after 5 a.m. on 2 August 1916", "1916-08-02T05:00")
    ]


# ----------------------------------------------------------------------------- event dating


def _event(doc: object, word: str) -> Event:
    text = doc.text  # type: ignore[attr-defined]
    start = text.index(word)
    sent = next(s for s in doc.spacy.sents if s.start_char <= start < s.end_char)  # type: ignore[attr-defined]
    ev = Event(id="e", trigger=Span(start, start + len(word), word),
               evidence=[Span(sent.start_char, sent.end_char, sent.text)])
    date_event(doc, ev)  # type: ignore[arg-type]
    return ev


def test_reported_day_over_the_past_24_hours_is_the_day_before(pipe: Pipeline) -> None:
    doc = pipe(make_document("As reported on 14 Sep, over the past 24 hours, shelling killed two herders.", "2021-09-15"))
    assert _event(doc, "killed").date.start == "2021-09-13"  # type: ignore[union-attr]
    doc = pipe(make_document("As reported on 14 Sep, shelling killed two herders.", "2021-09-15"))
    assert _event(doc, "killed").date.start == "2021-09-14"  # type: ignore[union-attr]
