"""Places in context (issue 13): the country and province an article names outrank namesakes elsewhere,
multi-word names stay whole, where someone spoke or which country acts is not where the event happened,
datelines are places and not actors, and the event's place carries admin1 and admin2.

Every article here is invented for the test."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.geo import load_gazetteer, place_for_event
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "actors", "places"])


def _event(doc, sentence_start: str, trigger: str) -> Event:
    """An event read from the sentence that begins with `sentence_start`, triggered by `trigger`."""
    s0 = doc.text.index(sentence_start)
    s1 = doc.text.find(".", s0) + 1
    t0 = doc.text.index(trigger, s0)
    return Event(id="e1", trigger=Span(t0, t0 + len(trigger), trigger),
                 evidence=[Span(s0, s1, doc.text[s0:s1])])


def _places(doc, text: str):
    return [p for p in doc.places if p.text == text]


# ---------------------------------------------------------------- multi-word names stay whole
def test_portuguese_name_with_a_particle_stays_whole(pipe: Pipeline) -> None:
    doc = pipe(make_document("Armed men set fire to a clinic in Mocímboa da Praia before dawn on Thursday, "
                             "two nurses told a radio station."))
    whole = _places(doc, "Mocímboa da Praia")
    assert whole and whole[0].place.country_code == "MZ"
    assert not any(p.place.country_code == "CV" for p in doc.places)  # not Praia, the capital of Cape Verde
    place = place_for_event(doc, _event(doc, "Armed men", "set fire"))
    assert place is not None and place.country_code == "MZ" and place.admin1_name == "Cabo Delgado"


def test_capitalised_particle_still_begins_a_name(pipe: Pipeline) -> None:
    doc = pipe(make_document("The band played two nights in Los Angeles and one in Des Moines."))
    assert _places(doc, "Los Angeles")[0].place.country_code == "US"
    assert _places(doc, "Des Moines")[0].place.country_code == "US"


def test_group_named_after_a_province_is_no_place(pipe: Pipeline) -> None:
    doc = pipe(make_document("Islamic State Mozambique Province said its fighters had ambushed an army "
                             "patrol outside Macomia, killing four soldiers."))
    moz = _places(doc, "Mozambique")
    assert all(not p.literal for p in moz)  # inside the group's name, not the literal place
    place = place_for_event(doc, _event(doc, "Islamic State", "ambushed"))
    assert place is not None and place.name == "Macomia" and place.country_code == "MZ"


# ---------------------------------------------------------------- the article's country and province first
def test_province_of_the_named_country_outranks_a_town_abroad(pipe: Pipeline) -> None:
    doc = pipe(make_document("Soldiers repelled an assault on a gendarmerie post in Soum province, the "
                             "defence ministry of Burkina Faso said on Saturday."))
    soum = _places(doc, "Soum")
    assert soum and soum[0].place.country_code == "BF" and soum[0].place.kind == "admin2"
    place = place_for_event(doc, _event(doc, "Soldiers", "repelled"))
    assert place is not None and place.country_code == "BF" and place.admin1_name == "Sahel"
    assert place.admin2_name == "Soum"


def test_division_spelt_with_single_letters_in_the_gazetteer(pipe: Pipeline) -> None:
    # GeoNames writes "Middle Shabele" and "Lower Shabeelle"; news copy writes "Shabelle"
    doc = pipe(make_document("Militants overran a Somali army base in Middle Shabelle early on Monday, a "
                             "local elder said, and fighting spread into Lower Shabelle."))
    middle = _places(doc, "Middle Shabelle")
    assert middle and middle[0].place.country_code == "SO" and middle[0].place.kind == "admin1"
    assert _places(doc, "Lower Shabelle")[0].place.country_code == "SO"
    assert not any(p.place.country_code == "ET" for p in doc.places)  # not Ethiopia's Somali region
    place = place_for_event(doc, _event(doc, "Militants", "overran"))
    assert place is not None and place.country_code == "SO" and place.admin1_code == middle[0].place.admin1_code


def test_division_names_without_their_official_prefix() -> None:
    gaz = load_gazetteer()
    # "Province du Soum", "Province de la Tapoa": the bare name is a name of the division
    for name in ("Soum", "Tapoa"):
        assert any(c.cc == "BF" and c.kind == "admin2" and c.src == "name" for c in gaz.lookup(name)), name


def test_village_named_as_lying_in_a_division_is_placed_there(pipe: Pipeline) -> None:
    # a village of the same name exists abroad; the text says this one lies in a Kenyan county
    doc = pipe(make_document("Raiders drove off cattle from Dover village in Kilifi County on Friday. "
                             "Elders in Dover said three herders were missing."))
    dover = _places(doc, "Dover")
    assert dover and all(p.place.country_code == "KE" and p.place.admin1_name == "Kilifi" for p in dover)


def test_area_of_a_town_is_placed_at_the_town(pipe: Pipeline) -> None:
    doc = pipe(make_document("Youths fought running battles with police in the Springfield area of Kisumu."))
    spring = _places(doc, "Springfield")
    kisumu = [p for p in doc.places if p.text == "Kisumu"]
    assert spring and kisumu and spring[0].place.country_code == "KE"
    assert abs(spring[0].place.lat - kisumu[0].place.lat) < 0.3


def test_list_of_divisions_is_not_read_as_containment(pipe: Pipeline) -> None:
    doc = pipe(make_document("Fighting was reported in Kandahar, Helmand and Zabul on Monday."))
    assert _places(doc, "Kandahar")[0].place.admin1_code == "AF-KAN"
    assert _places(doc, "Helmand")[0].place.admin1_code == "AF-HEL"


# ---------------------------------------------------------------- not the event's place
def test_acting_country_is_not_the_event_place(pipe: Pipeline) -> None:
    doc = pipe(make_document("US drone strikes hit a warehouse in Kabul on Sunday, Afghan officials said."))
    place = place_for_event(doc, _event(doc, "US drone", "strikes"))
    assert place is not None and place.country_code == "AF"
    # with no place in the sentence: the story's country, not the country that struck
    doc = pipe(make_document("The Afghan capital has been tense for weeks. US drones struck a house in the "
                             "city overnight, killing three men."))
    place = place_for_event(doc, _event(doc, "US drones", "struck"))
    assert place is not None and place.country_code == "AF"


def test_nationality_is_not_the_event_place(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police detained six Portuguese nationals after a brawl at a bar."))
    place = place_for_event(doc, _event(doc, "Police", "detained"))
    assert place is None or place.country_code != "PT"
    # state forces' nationality is a weak hint, and outranks raiders' origin
    doc = pipe(make_document("Eritrean raiders wounded two Sudanese soldiers at a well."))
    place = place_for_event(doc, _event(doc, "Eritrean", "wounded"))
    assert place is not None and place.country_code == "SD"


def test_forces_abroad_are_placed_in_the_story_country(pipe: Pipeline) -> None:
    doc = pipe(make_document("Afghanistan's army said on Monday that fighting had eased in recent days. US "
                             "forces killed ten militants overnight."))
    place = place_for_event(doc, _event(doc, "US forces", "killed"))
    assert place is not None and place.country_code == "AF"


def test_border_of_a_country_is_not_inside_it(pipe: Pipeline) -> None:
    doc = pipe(make_document("Smugglers shot a customs officer near the Tanzanian border."))
    place = place_for_event(doc, _event(doc, "Smugglers", "shot"))
    assert place is None or place.country_code != "TZ"
    # the border between two divisions of one country is inside that country
    doc = pipe(make_document("Herders clashed along the Isiolo-Meru border on Monday."))
    place = place_for_event(doc, _event(doc, "Herders", "clashed"))
    assert place is not None and place.country_code == "KE"


def test_where_someone_spoke_is_not_where_it_happened(pipe: Pipeline) -> None:
    doc = pipe(make_document("Militia fighters burned homes in Djugu on Sunday. The governor told a news "
                             "conference in Kinshasa that twelve villagers had died."))
    place = place_for_event(doc, _event(doc, "The governor", "died"))
    assert place is not None and place.name == "Djugu"
    doc = pipe(make_document("Gunmen stormed a hotel in Baidoa. Police said in Mogadishu on Monday that four "
                             "guests had died."))
    place = place_for_event(doc, _event(doc, "Police said", "died"))
    assert place is not None and place.name == "Baidoa"
    # an ordinary verb is no speech: "set up checkpoints in X" is where it happened
    doc = pipe(make_document("Troops set up checkpoints in Baidoa on Monday, the ministry said."))
    place = place_for_event(doc, _event(doc, "Troops", "set up"))
    assert place is not None and place.name == "Baidoa"
    # the speaker's own place is no place of speaking ("officials in X said")
    doc = pipe(make_document("Gunmen kidnapped a priest on Tuesday, officials in Ituri said."))
    place = place_for_event(doc, _event(doc, "Gunmen", "kidnapped"))
    assert place is not None and place.admin1_name == "Ituri"


def test_street_named_after_a_town_is_not_that_town(pipe: Pipeline) -> None:
    doc = pipe(make_document("Traders blocked Kampala Road with burning tyres, police in Nairobi said."))
    assert all(not p.literal for p in _places(doc, "Kampala"))


def test_folded_letters_and_sentence_initial_nouns_are_no_places(pipe: Pipeline) -> None:
    doc = pipe(make_document("Christians marched to the governor's office on Sunday."))
    assert not any(p.place.country_code == "DK" for p in doc.places)  # not Christiansø
    doc = pipe(make_document("Driver hurt as crowd storms a police post"))
    assert not _places(doc, "Driver")  # a town in Australia


# ---------------------------------------------------------------- datelines
def test_dateline_is_a_place_not_an_actor(pipe: Pipeline) -> None:
    doc = pipe(make_document("NIAMEY, Niger (Reuters) - Gunmen on motorbikes killed seven herders near "
                             "Tillaberi on Tuesday, the interior ministry said."))
    assert any(p.text == "NIAMEY" and p.place.country_code == "NE" for p in doc.places)
    assert not any(m.text == "NIAMEY" for a in doc.actors for m in a.mentions)
    place = place_for_event(doc, _event(doc, "Gunmen", "killed"))
    assert place is not None and place.name.startswith("Tillab")


def test_dateline_town_when_nothing_else_places_the_event(pipe: Pipeline) -> None:
    doc = pipe(make_document("MAPUTO — Police arrested three men on Tuesday over a string of robberies."))
    assert not any(m.text == "MAPUTO" for a in doc.actors for m in a.mentions)
    place = place_for_event(doc, _event(doc, "Police", "arrested"))
    assert place is not None and place.name == "Maputo"


# ---------------------------------------------------------------- admin2
def test_event_place_carries_its_district(pipe: Pipeline) -> None:
    doc = pipe(make_document("Rebels ambushed a bus near Baidoa on Wednesday."))
    place = place_for_event(doc, _event(doc, "Rebels", "ambushed"))
    assert place is not None and place.admin1_name == "Bay" and place.admin2_name == "Baidoa"
    assert place.json()["admin2_name"] == "Baidoa"
