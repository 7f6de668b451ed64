"""Vigilante mobs, casualties of an explosion and road-blocking (issue 12, session 8).
Sentences and places invented."""

from __future__ import annotations

import pytest

from sitrep.pipeline import Pipeline
from tests.conftest import main_acled_event, run_doc


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _sub(pipe: Pipeline, text: str) -> str | None:
    ev = main_acled_event(run_doc(pipe, text))
    return None if ev is None else ev.acled["sub_event_type"]


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Tuvalo beat a suspected robber to death.",
        "Angry villagers in Morato stoned to death two suspected thieves on Monday.",
        "A suspected cattle thief was stoned by a mob in Penoka.",
    ],
)
def test_vigilante_mob_is_mob_violence_not_crime(pipe: Pipeline, text: str) -> None:
    assert _sub(pipe, text) == "Mob violence"


def test_stoned_to_death_counts_the_dead(pipe: Pipeline) -> None:
    ev = main_acled_event(run_doc(pipe, "Angry villagers in Morato stoned to death two suspected thieves on Monday."))
    assert ev is not None and ev.trigger.text == "stoned" and ev.killed == 2


def test_robbery_stays_crime(pipe: Pipeline) -> None:
    doc = run_doc(pipe, "Robbers stole a car in Lenta and shot its owner.")
    assert not [e for e in doc.events if e.acled]


def test_agentless_armed_casualties_take_the_explosion(pipe: Pipeline) -> None:
    assert _sub(pipe, "Two policemen were killed near Orvu. The explosion also wounded a driver.") == (
        "Remote explosive/landmine/IED"
    )


def test_casualties_of_fighting_stay_a_battle(pipe: Pipeline) -> None:
    assert _sub(pipe, "Two soldiers were killed in fighting with militants near Kassel.") == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Youths in Selvo set up road blocks and burnt tyres.",
        "Protesters put up roadblocks in Denka.",
        "Demonstrators erected barricades on the main road to Amani.",
    ],
)
def test_road_blocking_is_a_violent_demonstration(pipe: Pipeline, text: str) -> None:
    assert _sub(pipe, text) == "Violent demonstration"


def test_a_base_set_up_stays_a_base(pipe: Pipeline) -> None:
    assert _sub(pipe, "The army set up a new base near Kurtu.") == "Headquarters or base established"


@pytest.mark.parametrize(
    "text",
    [
        "Security has been beefed up in Varno following the killing of two herders in a cattle raid.",
        "Authorities heightened security in the capital following threats by the militants.",
        "The army put its troops on standby near the border.",
    ],
)
def test_security_measures_are_a_change_to_group_activity(pipe: Pipeline, text: str) -> None:
    assert _sub(pipe, text) == "Change to group/activity"


def test_the_killing_itself_stays_an_attack(pipe: Pipeline) -> None:
    assert _sub(pipe, "Two herders were killed in a cattle raid in Varno.") == "Attack"


def test_claim_of_responsibility_gets_no_classifier_type(pipe: Pipeline) -> None:
    doc = run_doc(
        pipe,
        "The Northern Front has claimed responsibility for last week's attack on a hotel in Varna, "
        "according to a statement posted online.",
    )
    assert not [e for e in doc.events if e.acled]


def test_relative_clause_event_does_not_absorb_the_main_clause(pipe: Pipeline) -> None:
    doc = run_doc(pipe, "Near Kossa two linemen were shot by men who were vandalizing a power line.")
    ev = main_acled_event(doc)
    assert ev is not None and ev.trigger.text == "shot"  # not the relative clause's "vandalizing"


def test_main_clause_territory_still_absorbs_its_participle(pipe: Pipeline) -> None:
    assert _sub(pipe, "Rebels seized the town of Marbo, killing five civilians.") == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "text",
    [
        "Traders in Molo protested against the arrest of their chairman.",
        "Students marched in Kavu calling for the release of a lecturer who was arrested on Monday.",
    ],
)
def test_arrest_the_protest_is_about_is_no_intervention(pipe: Pipeline, text: str) -> None:
    assert _sub(pipe, text) == "Peaceful protest"


def test_arrest_of_protesters_is_an_intervention(pipe: Pipeline) -> None:
    assert _sub(pipe, "Police arrested ten protesters during a march in Kavu.") == "Protest with intervention"


@pytest.mark.parametrize(
    "text",
    ["A police post was set ablaze in Varo on Monday night.", "Youths set the office ablaze."],
)
def test_set_ablaze_as_a_resultative_complement_is_an_event(pipe: Pipeline, text: str) -> None:
    doc = run_doc(pipe, text)
    assert any(e.trigger.text == "set" and (e.plover or {}).get("event") == "ASSAULT" for e in doc.events)


def test_equipment_that_exploded_is_an_accident(pipe: Pipeline) -> None:
    doc = run_doc(pipe, "Six workers were hurt when a boiler at a steel plant exploded in Darmo on Friday.")
    assert not [e for e in doc.events if e.acled and e.trigger.text in ("exploded", "hurt")]


def test_a_bomb_that_exploded_stays_an_explosion(pipe: Pipeline) -> None:
    assert _sub(pipe, "A bomb exploded near a market in Darmo, killing four.") == "Remote explosive/landmine/IED"
