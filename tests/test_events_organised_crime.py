"""Organised criminal violence (codebook, political violence, footnote 1: "ACLED includes organized criminal
violence as political violence when it challenges safety, security, and territorial control within a state")
against ordinary crime. Sentences invented (places invented)."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Document
from sitrep.events.classify import ORGANISED_CRIME
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def rule_sub(pipe: Pipeline, text: str) -> str | None:
    """The main ACLED type of the rules alone (the learned second opinion off)."""
    import os

    old = os.environ.get("SITREP_CLASSIFIER")
    os.environ["SITREP_CLASSIFIER"] = "0"
    try:
        doc: Document = pipe(sitrep.make_document(text, "2023-05-02", id="t"))
    finally:
        if old is None:
            del os.environ["SITREP_CLASSIFIER"]
        else:
            os.environ["SITREP_CLASSIFIER"] = old
    evs = [e for e in doc.events if e.acled]
    return max(evs, key=lambda e: e.confidence).acled["sub_event_type"] if evs else None


def test_gang_killing_civilians_is_an_attack(pipe: Pipeline) -> None:
    text = "Members of a criminal gang killed two shopkeepers who refused to pay extortion money in Varno."
    assert rule_sub(pipe, text) == "Attack"


def test_cattle_rustlers_shooting_a_herder_is_an_attack(pipe: Pipeline) -> None:
    text = "A herder was shot dead by cattle rustlers who stole forty goats in Lomak."
    assert rule_sub(pipe, text) == "Attack"


def test_police_killing_gang_members_is_a_battle(pipe: Pipeline) -> None:
    text = "Police shot dead four suspected gang members in a raid on their hideout in Varno."
    assert rule_sub(pipe, text) == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "A man robbed a pharmacy in Varno and stabbed the cashier before fleeing with the cash.",
        "A gang of thieves broke into a warehouse in Varno and stole forty television sets.",
    ],
)
def test_ordinary_crime_stays_out(pipe: Pipeline, text: str) -> None:
    assert rule_sub(pipe, text) is None


def test_gang_rape_is_no_gang() -> None:
    assert ORGANISED_CRIME.search("she was gang-raped") is None
    assert ORGANISED_CRIME.search("a gang rape was reported") is None
    assert ORGANISED_CRIME.search("drug gangs fought") is not None
