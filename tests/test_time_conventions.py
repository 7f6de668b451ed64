"""TIMEX3 value conventions (TimeML 1.2.1 / TempEval-3 guidelines), one invented sentence or more per
convention, and the session-6 anchoring rules (negated "could", deadline cues, far-past months, reported
quarters, spelled-out years and ordinal days)."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.document import Document
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "times"])


def values(pipe: Pipeline, text: str, published: str | None = "2021-09-08") -> dict[str, tuple[str, str]]:
    doc: Document = pipe(make_document(text, published))
    return {t.text: (t.type, t.value) for t in doc.times}


@pytest.mark.parametrize(
    ("text", "expr", "typ", "value"),
    [
        # durations: P + number + unit; vague amounts with X
        ("The militia has held the pass through the past five years.", "the past five years", "DURATION", "P5Y"),
        ("The siege lasted several weeks.", "several weeks", "DURATION", "PXW"),
        # sets: recurring times
        ("Convoys leave the depot every Thursday.", "every Thursday", "SET", "XXXX-WXX-4"),
        # vague references to the present, past and future
        ("Raids on the border villages have grown in recent years.", "recent years", "DATE", "PAST_REF"),
        # seasons and parts of day
        ("The offensive began in the summer of 2019.", "the summer of 2019", "DATE", "2019-SU"),
        ("The ministry said on Monday evening that the road was open.", "Monday evening", "TIME", "2021-09-06TEV"),
        # quarters, decades, centuries
        ("Arms imports shrank during the third quarter of 2020.", "the third quarter of 2020", "DATE", "2020-Q3"),
        ("The valley was fought over in the late 1980s.", "the late 1980s", "DATE", "198"),
        ("The fort dates from the 18th century.", "the 18th century", "DATE", "17"),
    ],
)
def test_timex3_conventions(pipe: Pipeline, text: str, expr: str, typ: str, value: str) -> None:
    assert values(pipe, text)[expr] == (typ, value)


def test_numbers_in_parentheses_are_not_months(pipe: Pipeline) -> None:
    got = values(pipe, "Seven guards (6) were wounded near the depot (12) in the attack.")
    assert got == {}


def test_negated_could_points_back(pipe: Pipeline) -> None:
    # "could not be reached Monday" is a failed attempt in the past (published Wednesday 8 Sept 2021)
    got = values(pipe, "The governor could not be reached by phone Monday.")
    assert got["Monday"] == ("DATE", "2021-09-06")
    got = values(pipe, "Neither the mayor nor his deputy could be found Tuesday.")
    assert got["Tuesday"] == ("DATE", "2021-09-07")
    # a plain modal still looks ahead
    assert values(pipe, "The vote could come Friday.")["Friday"] == ("DATE", "2021-09-10")


def test_deadline_cues_point_forward_in_a_past_clause(pipe: Pipeline) -> None:
    got = values(pipe, "The court postponed the hearing until Monday.")
    assert got["Monday"] == ("DATE", "2021-09-13")
    got = values(pipe, "The commander gave the garrison until mid-October to surrender.")
    assert got["mid-October"] == ("DATE", "2021-10")
    # "until" after a past verb without a deadline stays in the past
    assert values(pipe, "The curfew lasted until Monday.")["Monday"] == ("DATE", "2021-09-06")


def test_far_past_month_is_the_coming_one(pipe: Pipeline) -> None:
    # AP style gives the year (or "last") of a month that far back: a bare month is the coming one
    got = values(pipe, "The ministry announced a cut in fuel deliveries in October.", "2021-09-20")
    assert got["October"] == ("DATE", "2021-10")
    # a month a few months back stays in the past
    assert values(pipe, "The rebels seized the town in May.")["May"] == ("DATE", "2021-05")


def test_only_a_reported_quarter_is_the_reference(pipe: Pipeline) -> None:
    text = (
        "The firm reported third-quarter profit of $5 million. It expects fourth-quarter sales to slow. "
        "In the latest quarter, revenue rose 4%, and it was up 2% from a year ago."
    )
    got = values(pipe, text, "2021-11-02")
    assert got["fourth-quarter"] == ("DATE", "2021-Q4")
    assert got["the latest quarter"] == ("DATE", "2021-Q3")
    assert got["a year ago"] == ("DATE", "2020-Q3")


def test_spelled_out_years_after_a_month_or_season(pipe: Pipeline) -> None:
    got = values(pipe, "Prices collapsed in the spring of nineteen eighty-six. March nineteen ninety was worse.")
    assert got["the spring of nineteen eighty-six"] == ("DATE", "1986-SP")
    assert got["March nineteen ninety"] == ("DATE", "1990-03")
    # a lower-case "may" is no month: the year alone
    assert values(pipe, "Talks may nineteen ninety-one have been real.").get("nineteen ninety-one") == (
        "DATE",
        "1991",
    )


def test_bare_spelled_ordinal_day(pipe: Pipeline) -> None:
    text = "The port workers struck on the third of June, 1920. The owners gave in on the ninth, and work resumed."
    got = values(pipe, text, None)
    assert got["the ninth"] == ("DATE", "1920-06-09")
    # an ordinal before a noun is no date
    assert "the second" not in values(pipe, "Shells hit the hospital on the second floor.")
