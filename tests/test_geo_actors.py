"""Places from actors (issue 13): when no place places an event, the country its actors tie it to; a
group that fights across borders ties it to no one country; a nationality is no place; a place name
inside a known actor's name is the actor's. Every sentence here is invented for the test."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.geo import place_for_event
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "actors", "places"])


def _place(pipe: Pipeline, text: str):
    doc = pipe(make_document(text))
    ev = Event(id="e1", trigger=Span(0, 3, text[:3]), evidence=[Span(0, len(text), text)])
    return doc, place_for_event(doc, ev)


@pytest.mark.parametrize("text, cc", [
    ("Mungiki members killed a trader and fled.", "KE"),  # a group whose field is one country
    ("Officers of the General Service Unit dispersed a crowd of traders.", "KE"),  # a state's police
])
def test_country_from_actors_when_no_place_is_named(pipe: Pipeline, text: str, cc: str) -> None:
    _doc, place = _place(pipe, text)
    assert place is not None and place.country_code == cc and place.kind == "country"


def test_group_of_several_countries_gives_no_country(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Suspected al-Shabaab fighters attacked a bus and wounded four.")
    assert place is None  # al-Shabaab fights in Somalia and Kenya: its home is not the event's country


def test_nationality_of_people_is_no_country(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Police arrested 30 Ethiopians at a market.")
    assert place is None


def test_actors_field_chooses_between_namesakes(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Suspected al-Shabaab fighters hurled a grenade into a bar in Kwale.")
    assert place is not None and place.name == "Kwale" and place.country_code == "KE"


def test_place_name_inside_a_party_name_is_no_place(pipe: Pipeline) -> None:
    doc, place = _place(pipe, "Youths backing the Orange Democratic Movement stoned a rival's car.")
    assert not any(p.text == "Orange" for p in doc.places)
    assert place is not None and place.country_code == "KE"


def test_country_inside_a_group_name_stays_embedded(pipe: Pipeline) -> None:
    doc, place = _place(pipe, "Islamic State Mozambique Province said its fighters had ambushed an army "
                              "patrol outside Macomia.")
    assert place is not None and place.name == "Macomia"


# ---------------------------------------------------------------- brackets and spellings
def test_bracket_after_an_unknown_name_gives_its_division(pipe: Pipeline) -> None:
    doc, place = _place(pipe, "Gunmen raided a farm in Kaptoro (Atacora) at night.")
    assert place is not None and place.country_code == "BJ"
    assert place.admin1_name == "Atacora"  # the source's spelling, not GeoNames' "Atakora"


def test_bracketed_commune_and_department_hold_a_village(pipe: Pipeline) -> None:
    # "Lomira" is also a town in Wisconsin: the bracket ("Kalale, Borgou") places this one in Benin
    doc, place = _place(pipe, "Gunmen raided the village of Lomira (Kalale, Borgou) at night.")
    assert place is not None and place.name == "Lomira" and place.country_code == "BJ"
    assert place.admin1_name == "Borgou"


def test_respelt_division_is_found_and_keeps_its_spelling(pipe: Pipeline) -> None:
    doc, place = _place(pipe, "Bandits raided a village in Kaptoro (Elgeyo-Marakwet) at night.")
    assert place is not None and place.country_code == "KE" and place.admin1_name == "Elgeyo-Marakwet"


def test_list_in_brackets_is_not_containment(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police arrested two men in Kandahar (Afghanistan) and Quetta (Pakistan)."))
    got = {p.text: p.place.country_code for p in doc.places}
    assert got.get("Kandahar") == "AF" and got.get("Quetta") == "PK"


# ---------------------------------------------------------------- communities
def test_community_of_one_country_gives_the_country(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Turkana raiders killed a girl and drove away forty goats.")
    assert place is not None and place.country_code == "KE" and place.kind == "country"


def test_community_of_several_countries_gives_none(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Pokot raiders stole cattle.")  # Pokot live in Kenya and Uganda
    assert place is None
