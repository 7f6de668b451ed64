"""Headline verbs parsed as compound nouns, and nominal events with light verbs (issue 12, session 7).
Sentences invented (places invented)."""

from __future__ import annotations

import pytest

from sitrep.pipeline import Pipeline
from tests.conftest import main_acled_event, run_doc


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


run = run_doc
main_event = main_acled_event


@pytest.mark.parametrize(
    "text, sub",
    [
        ("Rebels attack army post in Kessang", "Armed clash"),
        ("Gunmen attack bus near Talvora", "Attack"),
    ],
)
def test_headline_verb_read_from_compound(pipe: Pipeline, text: str, sub: str) -> None:
    doc = run(pipe, text)
    ev = main_event(doc)
    assert ev is not None and ev.acled["sub_event_type"] == sub
    assert ev.trigger.text == "attack"  # the rules' candidate, not the classifier's sentence event
    names = [doc.actor_by_id(a).name.lower() for a in ev.actor]  # type: ignore[union-attr]
    assert names and names[0] in text.lower().split()[0]


def test_headline_torch_is_a_property_event(pipe: Pipeline) -> None:
    ev = main_event(run(pipe, "Youths torch police station in Miralo"))
    assert ev is not None and ev.trigger.text == "torch" and ev.plover["event"] == "ASSAULT"


def test_compound_noun_with_a_finite_verb_is_left_alone(pipe: Pipeline) -> None:
    # a sentence with a finite verb keeps the parser's reading: no event from "attack dog"
    doc = run(pipe, "The police attack dog unit visited a school in Varno.")
    assert not any(e.trigger.text == "attack" for e in doc.events)


def test_deployment_noun_in_a_compound_is_no_headline_verb(pipe: Pipeline) -> None:
    doc = run(pipe, "Police station fire in Varno")
    assert not any(e.trigger.text == "station" for e in doc.events)


def test_rioting_broke_out_is_a_riot(pipe: Pipeline) -> None:
    ev = main_event(run(pipe, "Rioting broke out in the hill town of Oskeni on Monday night."))
    assert ev is not None and ev.acled["event_type"] == "Riots"


def test_fighting_flared_between_armed_groups_is_a_battle(pipe: Pipeline) -> None:
    ev = main_event(run(pipe, "Heavy fighting flared between two rebel factions near Oskeni."))
    assert ev is not None and ev.acled["sub_event_type"] == "Armed clash"


def test_role_in_riots_is_background_to_the_investigation(pipe: Pipeline) -> None:
    doc = run(pipe, "Prosecutors in Varno opened an investigation into her role in the riots.")
    first = max(doc.events, key=lambda e: e.confidence)
    assert first.plover["event"] == "ACCUSE"  # the investigation is the news, the riots its background
