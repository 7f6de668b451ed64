"""Places and actors of ACLED records, session 7 (issue 13): the level a division word names in a country
("county" is a first-level division in Kenya), an event placed only in a province put at the province's
namesake town (ACLED's geo-precision 3: the provincial capital), a town spaCy mislabels after "in", national
parties and ethnic communities of many countries as country evidence. Every sentence is invented."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.geo import place_for_event
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "actors", "places"])


def _place(pipe: Pipeline, text: str):
    doc = pipe(make_document(text))
    ev = Event(id="e1", trigger=Span(0, 3, text[:3]), evidence=[Span(0, len(text), text)])
    return doc, place_for_event(doc, ev)


def _reading(doc, name: str):
    return next(p.place for p in doc.places if p.text == name)


def test_kenyan_county_is_a_first_level_division(pipe: Pipeline) -> None:
    # Tanzania has a district (admin2) named Meru; in Kenya a county is the first-level division
    doc, place = _place(pipe, "Armed men raided a farm in Meru county and drove off forty goats.")
    assert _reading(doc, "Meru").kind == "admin1"
    assert place is not None and place.country_code == "KE" and place.admin1_name == "Meru"


def test_american_county_stays_a_second_level_division(pipe: Pipeline) -> None:
    doc, _place_ = _place(pipe, "A storm flooded roads in Orange County, California.")
    orange = next(p.place for p in doc.places if p.text.startswith("Orange"))
    assert orange.kind == "admin2" and orange.country_code == "US"


def test_province_event_is_put_at_its_namesake_town(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Gunmen torched a lorry in Isiolo County on Friday.")
    towns = [c for c in load_gazetteer().lookup("Isiolo") if c.kind == "populated_place" and c.cc == "KE"]
    assert place is not None and place.kind == "admin1" and towns
    assert (place.lat, place.lon) == (towns[0].lat, towns[0].lon)


def test_foreign_namesake_gives_way_to_the_named_county(pipe: Pipeline) -> None:
    # a Gamba exists in Gabon; "in Lamu County" says which one
    _doc, place = _place(pipe, "Raiders burned ten houses at Gamba in Lamu County.")
    assert place is not None and place.country_code == "KE" and place.admin1_name == "Lamu"


def test_town_after_in_is_a_place_whatever_the_entity_label(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Protesters clashed with police in Moyale on Monday.")
    assert place is not None and place.name == "Moyale" and place.country_code == "KE"


def test_burkina_province_is_a_second_level_division(pipe: Pipeline) -> None:
    doc, place = _place(pipe, "Gunmen killed four traders in Soum province on Sunday.")
    assert _reading(doc, "Soum").kind == "admin2"
    assert place is not None and place.country_code == "BF"


@pytest.mark.parametrize("text, cc", [
    ("Supporters of the Party of National Unity stoned a rival candidate's car.", "KE"),
    ("ZANU-PF youths assaulted two opposition activists after a rally.", "ZW"),
    ("Members of the Inkatha Freedom Party marched to the municipal offices.", "ZA"),
    ("Pakistan Tehreek-e-Insaf workers blocked a highway for hours.", "PK"),
])
def test_national_party_gives_the_country(pipe: Pipeline, text: str, cc: str) -> None:
    _doc, place = _place(pipe, text)
    assert place is not None and place.country_code == cc and place.kind == "country"


@pytest.mark.parametrize("text, cc", [
    ("Gumuz militiamen attacked a village and killed three farmers.", "ET"),
    ("Dagomba and Nanumba youths clashed over a chieftaincy dispute.", "GH"),
    ("Habar Gidir clan fighters seized a water point.", "SO"),
])
def test_community_of_one_country_gives_the_country(pipe: Pipeline, text: str, cc: str) -> None:
    _doc, place = _place(pipe, text)
    assert place is not None and place.country_code == cc


def test_community_of_several_countries_gives_none(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Anuak and Nuer youths clashed over grazing land.")
    assert place is None  # both live in Ethiopia and South Sudan


def test_ethnic_militia_named_after_community_and_country() -> None:
    import sitrep

    d = sitrep.extract("Gumuz militiamen attacked a village and killed three farmers.").to_contract()
    names = [(e.get("acled") or {}).get("actor1") for e in d["events"]]
    assert "Gumuz Ethnic Militia (Ethiopia)" in names


def test_party_name_is_no_town_abroad(pipe: Pipeline) -> None:
    # a hamlet named Jubilee exists in Canada; here it is Kenya's party
    doc, place = _place(pipe, "A car painted in Jubilee colours was torched in Falanga village.")
    assert all(p.place.country_code != "CA" for p in doc.places)
    assert place is not None and place.country_code == "KE"


def test_street_named_after_a_place_gives_no_country(pipe: Pipeline) -> None:
    # "Moi Gardens" is a park named after a person, "Moi" a town in Norway; KANU is Kenya's party
    _doc, place = _place(pipe, "KANU supporters fought with police at the Moi Gardens grounds.")
    assert place is None or place.country_code == "KE"


@pytest.mark.parametrize("text, cc", [
    ("Thousands marched against President Museveni after the vote.", "UG"),
    ("Crowds gathered to protest against Tinubu's fuel policy.", "NG"),
])
def test_head_of_state_gives_the_country(pipe: Pipeline, text: str, cc: str) -> None:
    _doc, place = _place(pipe, text)
    assert place is not None and place.country_code == cc


def test_national_army_acronym_is_state_forces() -> None:
    import sitrep

    d = sitrep.extract("FARDC soldiers clashed with rebels near a river crossing on Monday.").to_contract()
    names = {(e.get("acled") or {}).get("actor1") for e in d["events"]}
    assert any(n and n.startswith("Military Forces of") and "Congo" in n for n in names)


def test_armed_group_named_by_nationality_gives_no_country(pipe: Pipeline) -> None:
    # "Eritrean raiders" says where the raiders come from, not where they struck
    _doc, place = _place(pipe, "Police fought Eritrean raiders after an attack on herders.")
    assert place is None or place.country_code != "ER"


def test_state_forces_named_by_nationality_keep_their_country(pipe: Pipeline) -> None:
    _doc, place = _place(pipe, "Ugandan police arrested twelve traders at a market.")
    assert place is not None and place.country_code == "UG"
