"""acled_actors stage: ACLED actor names and inter codes, on invented sentences."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.actors.acled import acled_name, country_name, ethnic_group
from sitrep.document import Actor, Document, Event
from sitrep.pipeline import DEFAULT_STAGES, Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def top(pipe: Pipeline, text: str) -> dict:
    doc: Document = pipe(sitrep.make_document(text, "2024-03-06", id="t"))
    assert "error" not in doc.meta, doc.meta.get("error")
    evs = [e for e in doc.events if e.acled]
    assert evs, [e.trigger.text for e in doc.events]
    e: Event = max(evs, key=lambda e: e.confidence)
    assert e.acled is not None
    return e.acled


def test_stage_is_registered_after_events_and_claims() -> None:
    assert DEFAULT_STAGES.index("acled_actors") > DEFAULT_STAGES.index("claims") > DEFAULT_STAGES.index("events")


def test_names_from_actor_kinds() -> None:
    assert acled_name(Actor("generic:police:KEN", "police", kind="police", country="KEN"), "KEN").name == (
        "Police Forces of Kenya")
    mil = acled_name(Actor("generic:military:UGA", "Ugandan troops", kind="military", country="UGA"), "SOM")
    assert mil is not None and mil.name == "Military Forces of Uganda" and mil.inter == 8  # abroad: external
    assert acled_name(Actor("generic:protesters", "protesters", kind="protesters"), "BGD").name == (
        "Protesters (Bangladesh)")
    assert acled_name(Actor("generic:rioters", "mob", kind="rioters"), "KEN").name == "Rioters (Kenya)"
    assert acled_name(Actor("generic:civilians", "villagers", kind="civilians"), "AFG").name == (
        "Civilians (Afghanistan)")
    uag = acled_name(Actor("generic:unidentified_armed_group", "gunmen", kind="armed_group",
                           sector="unidentified_armed_group"), "YEM")
    assert uag is not None and uag.name == "Unidentified Armed Group (Yemen)" and uag.inter == 3
    nrf = acled_name(Actor("nrf", "National Resistance Front", kind="armed_group", country="AFG"), "AFG")
    assert nrf is not None and nrf.name == "NRF: National Resistance Front" and nrf.inter == 2
    assert acled_name(Actor("taliban", "Taliban", kind="armed_group"), "AFG").name == "Taliban"
    assert acled_name(Actor("place:kabul", "Kabul", kind="location"), "AFG") is None
    assert country_name("GBR") == "United Kingdom" and country_name("KEN") == "Kenya"


def test_ethnic_group_phrases() -> None:
    assert ethnic_group("Pokot raiders") == "Pokot"
    assert ethnic_group("suspected Turkana herders") == "Turkana"
    assert ethnic_group("Pokot Central Primary School") is None
    assert ethnic_group("the district commissioner") is None


def test_dateline_city_is_never_the_actor(pipe: Pipeline) -> None:
    a = top(pipe, "NAIROBI, Kenya (AP) - Unknown gunmen shot dead two shopkeepers in Garissa, Kenya, on Tuesday.")
    assert a["actor1"] == "Unidentified Armed Group (Kenya)" and a["actor2"] == "Civilians (Kenya)"
    a = top(pipe, "OUAGADOUGOU (Reuters) - Gunmen killed four villagers in an attack on a market in "
                  "northern Burkina Faso on Sunday, a local official said.")
    assert "Ouagadougou" not in (a["actor1"] or "") and a["actor1"].startswith("Unidentified Armed Group")


def test_reporting_police_are_not_the_abductors(pipe: Pipeline) -> None:
    a = top(pipe, "Police confirmed the kidnapping of two aid workers in Garissa, Kenya, on Monday.")
    assert a["sub_event_type"] == "Abduction/forced disappearance"
    assert "Police" not in (a["actor1"] or "") and a["actor2"] == "Civilians (Kenya)"


def test_agent_of_an_instrument_is_the_actor(pipe: Pipeline) -> None:
    a = top(pipe, "Three soldiers were killed on Monday when their vehicle hit a roadside bomb planted by the "
                  "Taliban in Kandahar province, Afghanistan.")
    assert a["actor1"] == "Taliban" and a["actor2"] == "Military Forces of Afghanistan"
    assert a["inter1"] == 2 and a["inter2"] == 1
    a = top(pipe, "Two soldiers were killed on Friday when their truck struck a landmine laid by Boko Haram "
                  "fighters near Maiduguri, Nigeria.")
    assert a["actor1"].startswith("Boko Haram")


def test_suspected_group_named_after_the_event(pipe: Pipeline) -> None:
    a = top(pipe, "A bomb exploded at a market in Mandera, Kenya, on Wednesday, killing four traders. "
                  "Al-Shabaab claimed responsibility for the attack.")
    assert a["actor1"] == "Al Shabaab" and a["actor2"] == "Civilians (Kenya)"


def test_protest_riot_conventions(pipe: Pipeline) -> None:
    a = top(pipe, "Hundreds of nurses marched peacefully in Kampala, Uganda, on Monday to demand unpaid wages.")
    assert a["actor1"] == "Protesters (Uganda)" and a["inter1"] == 6
    a = top(pipe, "Students rioted and set fire to a dormitory at a school in Kisii, Kenya, on Thursday.")
    assert a["event_type"] == "Riots" and a["actor1"] == "Rioters (Kenya)" and a["inter1"] == 5
    assert a["assoc_actor_1"] == "Students (Kenya)"


def test_both_sides_of_a_battle(pipe: Pipeline) -> None:
    a = top(pipe, "Taliban fighters attacked a checkpoint of the National Resistance Front in Panjshir "
                  "province, Afghanistan, on Sunday.")
    assert a["actor1"] == "Taliban" and a["actor2"] == "NRF: National Resistance Front"
    a = top(pipe, "Soldiers clashed with Islamic State Mozambique Province fighters near Mocimboa da Praia in "
                  "Cabo Delgado, Mozambique, on Saturday.")
    assert a["actor1"] == "Military Forces of Mozambique"
    assert a["actor2"] == "Islamic State Mozambique Province"  # the province's name stays whole


def test_ethnic_militias(pipe: Pipeline) -> None:
    a = top(pipe, "On Saturday, Pokot raiders attacked herders in Turkana County, Kenya, and drove away 200 cattle.")
    assert a["actor1"] == "Pokot Ethnic Militia (Kenya)" and a["inter1"] == 4
    a = top(pipe, "Two herders died on Friday after fighting broke out between the Gabra and Borana over a "
                  "water point near Marsabit, Kenya.")
    assert {a["actor1"], a["actor2"]} == {"Gabra Ethnic Militia (Kenya)", "Borana Ethnic Militia (Kenya)"}


def test_arrest_by_state_forces(pipe: Pipeline) -> None:
    a = top(pipe, "Soldiers arrested four suspects in Garissa, Kenya, on Tuesday.")
    assert a["sub_event_type"] == "Arrests" and a["actor1"] == "Military Forces of Kenya"


def test_ethnic_attackers_named_in_the_lead(pipe: Pipeline) -> None:
    a = top(pipe, "Raiders from the neighbouring Samburu attacked a village near Baragoi, Kenya, on Monday, "
                  "killing a herder.")
    assert a["actor1"] == "Samburu Ethnic Militia (Kenya)"
    a = top(pipe, "Suspected Samburu assailants ambushed a lorry near Baragoi, Kenya, on Monday. "
                  "The attack left two traders wounded.")
    assert a["actor1"] == "Samburu Ethnic Militia (Kenya)"


def test_unnamed_identity_militias(pipe: Pipeline) -> None:
    # codebook footnote 9: "Unidentified Ethnic/Communal/Clan/Tribal Militia", inter code 4
    a = top(pipe, "On Monday, members of an unknown communal militia shot dead two farmers near Kitale, Kenya.")
    assert a["actor1"] == "Unidentified Communal Militia (Kenya)" and a["inter1"] == 4
    a = top(pipe, "Three people were killed in inter-clan fighting over grazing land near Wajir, Kenya, on Sunday.")
    assert a["actor1"] == "Unidentified Clan Militia (Kenya)"


def test_state_forces_named_as_institutions(pipe: Pipeline) -> None:
    assert acled_name(Actor("org:republican_police", "Republican Police", kind="organization"), "BEN").name == (
        "Police Forces of Benin")
    assert acled_name(Actor("org:armed_forces", "Benin Armed Forces", kind="organization"), "BEN").name == (
        "Military Forces of Benin")
    a = top(pipe, "Gendarmes clashed with armed men in the W National Park in Benin on Monday, killing two of "
                  "the attackers.")
    assert a["actor1"] == "Police Forces of Benin" and a["actor2"] == "Unidentified Armed Group (Benin)"


def test_group_that_planted_the_device_is_not_its_target(pipe: Pipeline) -> None:
    a = top(pipe, "A minibus hit a suspected al-Shabaab planted landmine near Elwak, Kenya, on Monday, "
                  "killing two passengers.")
    assert a["actor1"] == "Al Shabaab" and a["actor2"] == "Civilians (Kenya)"
