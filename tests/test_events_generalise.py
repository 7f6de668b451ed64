"""Codebook mechanisms of session 6 on invented sentences (countries and places invented or generic):
weapons named by a modifier, accidental detonation by the carriers, agentless casualties of a blast,
state forces suppressing a riot, organised armed actors described by their arms; "X broke out" (held on main too)."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Document
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def sub(pipe: Pipeline, text: str) -> str | None:
    doc: Document = pipe(sitrep.make_document(text, "2023-05-02", id="t"))
    evs = [e for e in doc.events if e.acled]
    return max(evs, key=lambda e: e.confidence).acled["sub_event_type"] if evs else None


def test_explosive_materials_seized_is_disrupted_weapons_use(pipe: Pipeline) -> None:
    assert sub(pipe, "Gendarmes seized explosive materials from two suspects in the harbour district.") == (
        "Disrupted weapons use"
    )


def test_bombers_killed_by_their_own_load_is_disrupted_weapons_use(pipe: Pipeline) -> None:
    text = "Two suspected insurgents perished as the bomb they were transporting blew up on a farm track."
    assert sub(pipe, text) == "Disrupted weapons use"


def test_agentless_deaths_after_a_blast_are_the_blast(pipe: Pipeline) -> None:
    text = "A blast tore through a crowded bus depot in the provincial capital on Tuesday. Four people were killed."
    assert sub(pipe, text) == "Remote explosive/landmine/IED"


def test_police_killing_during_a_riot_is_the_riot(pipe: Pipeline) -> None:
    text = "Police fatally shot a baker in a riot by students outside the regional prefecture."
    assert sub(pipe, text) == "Violent demonstration"


def test_riot_police_alone_do_not_make_a_riot(pipe: Pipeline) -> None:
    text = "Riot police shot dead two suspected bandits at a checkpoint on the northern highway."
    assert sub(pipe, text) != "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was attacked by three masked men armed with iron bars and a pistol in a hill village.",
        "Men said to be rebel fighters shot a village chief dead at his farm.",
    ],
)
def test_armed_or_rebel_attackers_are_not_a_mob(pipe: Pipeline, text: str) -> None:
    assert sub(pipe, text) == "Attack"


def test_unarmed_villagers_attacking_stay_mob_violence(pipe: Pipeline) -> None:
    assert sub(pipe, "Angry villagers beat a suspected cattle thief in the market square.") == "Mob violence"


def test_protests_broke_out_is_a_protest(pipe: Pipeline) -> None:
    assert sub(pipe, "Protests broke out in the capital over the price of bread on Friday.") == "Peaceful protest"
