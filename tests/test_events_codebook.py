"""Codebook rules of the events stage on invented sentences: identity-militia violence, rioters against
state forces, road-blocking demonstrators."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Document
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def sub(pipe: Pipeline, text: str) -> str | None:
    doc: Document = pipe(sitrep.make_document(text, "2022-03-14", id="t"))
    evs = [e for e in doc.events if e.acled]
    return max(evs, key=lambda e: e.confidence).acled["sub_event_type"] if evs else None


@pytest.mark.parametrize(
    "text",
    [
        "Ethnic clashes between two herding communities left six dead in Wajir district on Sunday.",
        "Herders clashed with farmers over pasture near Garissa on Monday.",
        "Fighters of two rival clans fought over a water point near Buna; four were killed.",
    ],
)
def test_communal_violence_is_a_battle_of_identity_militias(pipe: Pipeline, text: str) -> None:
    assert sub(pipe, text) == "Armed clash"


def test_communal_militia_killing_civilians_is_an_attack(pipe: Pipeline) -> None:
    assert sub(pipe, "Clan militiamen killed three villagers in an inter-clan feud near Elwak.") == "Attack"


def test_a_lynching_mob_stays_mob_violence(pipe: Pipeline) -> None:
    assert sub(pipe, "An angry mob lynched a suspected thief in a market in Kisumu on Friday.") == "Mob violence"


def test_residents_clashing_with_police_is_mob_violence(pipe: Pipeline) -> None:
    assert sub(pipe, "Villagers clashed with police in Mbale over a land dispute on Tuesday.") == "Mob violence"


def test_soldiers_and_rebels_clashing_is_a_battle(pipe: Pipeline) -> None:
    assert sub(pipe, "Soldiers clashed with rebels near Beni on Tuesday.") == "Armed clash"


def test_road_blocking_after_the_protest_sentence_is_a_violent_demonstration(pipe: Pipeline) -> None:
    text = ("Traders marched through Kiboga on Monday to protest new market fees. "
            "They barricaded the main street with stones and old tyres.")
    assert sub(pipe, text) == "Violent demonstration"


def test_security_forces_suppressing_violently_is_not_protester_violence(pipe: Pipeline) -> None:
    text = "Riot police violently dispersed a peaceful march of teachers in Gulu on Monday."
    assert sub(pipe, text) != "Violent demonstration"


def test_deaths_in_an_explosion_are_the_explosions_event(pipe: Pipeline) -> None:
    assert sub(pipe, "Two soldiers were killed in an explosion on the road to Hulugho on Sunday.") == (
        "Remote explosive/landmine/IED")


@pytest.mark.parametrize("text", ["Bomb found on a bus in Thika", "Police found a bomb under a car in Garissa."])
def test_a_bomb_found_is_disrupted_weapons_use(pipe: Pipeline, text: str) -> None:
    assert sub(pipe, text) == "Disrupted weapons use"


def test_a_bomb_that_exploded_stays_an_explosion(pipe: Pipeline) -> None:
    text = "A bomb hidden in a bag exploded at a bus stop in Thika, killing two."
    assert sub(pipe, text) == "Remote explosive/landmine/IED"


def test_a_sentence_initial_capitalised_event_noun_is_a_trigger(pipe: Pipeline) -> None:
    assert sub(pipe, "Clash between farming clans sparked by the murder of an elder.") == "Armed clash"


def test_police_intervening_in_the_next_sentence_is_protest_with_intervention(pipe: Pipeline) -> None:
    text = ("Nurses marched to the county offices in Embu to demand unpaid salaries. "
            "Police intervened and scattered the crowd.")
    assert sub(pipe, text) == "Protest with intervention"


def test_a_peaceful_march_followed_by_a_promise_stays_peaceful(pipe: Pipeline) -> None:
    text = ("Nurses marched to the county offices in Embu to demand unpaid salaries. "
            "The governor promised to pay them.")
    assert sub(pipe, text) == "Peaceful protest"


def test_a_vigilante_mob_is_no_vigil(pipe: Pipeline) -> None:
    assert sub(pipe, "A vigilante mob lynched a man accused of theft in Kakamega.") == "Mob violence"
    assert sub(pipe, "Hundreds held a candlelight vigil in Eldoret for the victims.") == "Peaceful protest"


def test_mobile_phones_are_no_mob(pipe: Pipeline) -> None:
    assert sub(pipe, "Traders selling mobile phones were attacked by gunmen in Kitui.") == "Attack"


def test_short_wildcards_match_only_their_words() -> None:
    from sitrep.events.cand import _weapon
    from sitrep.events.lexicon import has

    assert not has("mob", "traders sold mobile phones") and has("mob", "an angry mob")
    assert not has("disaster", "fighting erupted in the town") and not has("disaster", "gunmen stormed a hotel")
    assert has("disaster", "a storm flattened houses")
    assert not has("prisoner", "a powerful militia")
    assert _weapon("police used water cannon on the marchers") is None
    assert _weapon("troops fired cannon at the fort") == "shelling"
