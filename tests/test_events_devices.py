"""Victim-activated devices and "target" with a weapon as instrument (issue 12, session 7). Sentences
invented (places invented)."""

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
    "text",
    [
        "Several soldiers were feared dead after their truck ran over an IED near Dorva.",
        "Four policemen escaped death when their vehicle drove over a buried explosive device near Dorva.",
        "A farmer stepped on a landmine in the hills above Dorva.",
    ],
)
def test_vehicle_or_person_setting_off_a_device(pipe: Pipeline, text: str) -> None:
    ev = main_event(run(pipe, text))
    assert ev is not None and ev.acled["sub_event_type"] == "Remote explosive/landmine/IED"
    assert not ev.actor  # who ran over the device is its victim, not its planter
    assert ev.recipient


@pytest.mark.parametrize(
    "text",
    [
        "Militants targeted a police patrol with an IED near Dorva.",
        "An army convoy was targeted by a roadside bomb near Dorva.",
    ],
)
def test_target_with_a_weapon_is_an_attack(pipe: Pipeline, text: str) -> None:
    ev = main_event(run(pipe, text))
    assert ev is not None and ev.trigger.text.startswith("target")
    assert ev.acled["sub_event_type"] == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    "text",
    [
        "The new tax targets wealthy families in Dorva.",
        "Troops targeted a rebel commander and bomb maker near Dorva.",
    ],
)
def test_target_without_a_weapon_instrument_is_no_attack(pipe: Pipeline, text: str) -> None:
    assert not any(e.trigger.text.startswith("target") for e in run(pipe, text).events)
