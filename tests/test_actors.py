"""Tests of the actors stage (fixtures written for these tests)."""

from __future__ import annotations

import pytest

from sitrep.actors import actor_at, actors_for_token, party_of, speaker_party
from sitrep.actors.lexicon import load
from sitrep.document import Actor, Document
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "actors"])


def run(pipe: Pipeline, text: str) -> Document:
    return pipe(Document(text=text))


def by_id(doc: Document, actor_id: str) -> Actor:
    a = doc.actor_by_id(actor_id)
    assert a is not None, f"{actor_id} not found in {[x.id for x in doc.actors]}"
    return a


def mention_texts(a: Actor) -> list[str]:
    return [m.text for m in a.mentions]


def token(doc: Document, word: str, nth: int = 0):
    toks = [t for t in doc.spacy if t.text == word]
    return toks[nth]


def test_dictionary_is_data_and_loads() -> None:
    lex = load()
    ids = set(lex.entries)
    for needed in ("taliban", "nrf", "al_qaeda", "islamic_state", "haqqani", "hig", "igo:UN", "igo:NATO",
                   "country:GBR", "country:SUN"):
        assert needed in ids
    assert lex.demonyms["syrian"] == "SYR"


def test_dictionary_match_aliases_and_acronyms(pipe: Pipeline) -> None:
    doc = run(pipe, "Fighters of the Islamic State, also called Daesh, clashed with Hezbollah. ISIS denied it. "
                    "The al Qaeda affiliate and the Haqqani network were not involved.")
    assert mention_texts(by_id(doc, "islamic_state"))[:3] == ["Islamic State", "Daesh", "ISIS"]
    assert by_id(doc, "hezbollah").kind == "armed_group"
    assert by_id(doc, "al_qaeda").name == "al Qaeda"
    assert by_id(doc, "haqqani").country == "AFG"


def test_countries_keep_the_written_name_and_stable_ids(pipe: Pipeline) -> None:
    doc = run(pipe, "Britain and Jordan will stage drills together. The Soviet Union protested; the U.S. stayed silent.")
    gbr = by_id(doc, "country:GBR")
    assert gbr.name == "Britain" and gbr.country == "GBR"
    assert by_id(doc, "country:JOR").name == "Jordan"
    assert by_id(doc, "country:SUN").kind == "country"
    assert by_id(doc, "country:USA").name == "U.S."
    # the same real actor gets the same id in another article
    doc2 = run(pipe, "Great Britain sent an envoy.")
    assert by_id(doc2, "country:GBR").name == "Great Britain"


def test_capitalisation_and_person_names(pipe: Pipeline) -> None:
    doc = run(pipe, "Michael Jordan visited the city. We will turkey the chad.")
    assert doc.actor_by_id("country:JOR") is None
    assert doc.actor_by_id("country:TUR") is None


def test_acronym_defined_in_text(pipe: Pipeline) -> None:
    doc = run(pipe, "The Free Peasants Alliance (FPA) attacked a convoy. Later the FPA said it would fight on. "
                    "The Kurdistan Workers' Party, or PKK, made no statement.")
    fpa = by_id(doc, "org:free_peasants_alliance")
    assert "FPA" in mention_texts(fpa)
    assert fpa.name == "Free Peasants Alliance"
    pkk = by_id(doc, "pkk")
    assert "PKK" in mention_texts(pkk)
    # a dictionary actor's acronym in another language is tied to it by the text
    doc = run(pipe, "The National Resistance Front (FNR) rejected the offer. The FNR wrote on Twitter.")
    assert mention_texts(by_id(doc, "nrf")).count("FNR") == 2


def test_generic_actors_with_sector_and_country(pipe: Pipeline) -> None:
    doc = run(pipe, "Syrian troops shelled the town while gunmen fired on protesters. Villagers fled. "
                    "An Afghan-led force arrested three insurgents; the insurgents carried rifles.")
    syr = by_id(doc, "generic:military:SYR")
    assert (syr.sector, syr.kind, syr.country, syr.name) == ("military", "military", "SYR", "Syrian troops")
    assert by_id(doc, "generic:unidentified_armed_group").kind == "armed_group"
    assert by_id(doc, "generic:protesters").sector == "protesters"
    assert by_id(doc, "generic:civilians").name == "Villagers"
    assert by_id(doc, "afghan_coalition_force").kind == "military"
    ins = by_id(doc, "generic:rebels")
    assert len(ins.mentions) == 2  # one actor for both mentions of the same group


def test_person_to_organisation(pipe: Pipeline) -> None:
    doc = run(pipe, "The Taliban took the valley, said the group's spokesman, Zabihullah Mujahid.")
    zm = by_id(doc, "person:zabihullah_mujahid")
    assert zm.kind == "person" and zm.affiliation == "taliban"
    doc = run(pipe, "Karim Dahal, chief of the National Resistance Front, insisted he had no plan to surrender.")
    am = by_id(doc, "person:karim_dahal")
    assert am.affiliation == "nrf"
    assert "he" in mention_texts(am)
    doc = run(pipe, "Taliban spokesman Abdul Wahid Rahimi rejected the claim.")
    assert by_id(doc, "person:abdul_wahid_rahimi").affiliation == "taliban"


def test_officials_of_a_state(pipe: Pipeline) -> None:
    doc = run(pipe, "Chile could mediate, Chile's foreign minister told reporters. A Russian official agreed.")
    fm = by_id(doc, "official:CHL:foreign_minister")
    assert fm.name == "Chile's foreign minister" and fm.affiliation == "gov:CHL"
    assert by_id(doc, "official:RUS:official").country == "RUS"
    doc = run(pipe, "Peruvian President Ana Rojas received the delegation.")
    assert by_id(doc, "person:ana_rojas").affiliation == "gov:PER"


def test_descriptions_resolve_to_the_group(pipe: Pipeline) -> None:
    doc = run(pipe, "The Taliban extremist group said it had taken the city. Photos showed members of the "
                    "extremist group at the gate. The group did not respond to questions.")
    tal = by_id(doc, "taliban")
    texts = mention_texts(tal)
    assert "extremist group" in texts and "group" in texts and "it" in texts
    assert actor_at(doc, doc.text.index("The group"), doc.text.index("The group") + 9) is tal


def test_pronouns_are_precise(pipe: Pipeline) -> None:
    doc = run(pipe, "Hamas fighters fired rockets, and they said more would follow. "
                    "Ismail Haniyeh said he was ready to talk.")
    assert "they" in mention_texts(by_id(doc, "hamas"))
    assert "he" in mention_texts(by_id(doc, "person:ismail_haniyeh"))
    # an unnamed leader blocks "he" from going back to an earlier person
    doc = run(pipe, "Ashraf Ghani left. Later, the leader of the opposition group said he had proposals.")
    assert "he" not in mention_texts(by_id(doc, "person:ashraf_ghani"))


def test_president_title_and_the_president(pipe: Pipeline) -> None:
    doc = run(pipe, "Afghanistan's army crumbled while President Ashraf Ghani flew out of Afghanistan. "
                    "The president later apologised.")
    ghani = by_id(doc, "person:ashraf_ghani")
    assert ghani.affiliation == "gov:AFG"
    assert "president" in mention_texts(ghani)


def test_actors_for_token_conjuncts_and_speaker_party(pipe: Pipeline) -> None:
    doc = run(pipe, "Peru and Chile will share radar data along their border.")
    got = [a.id for a in actors_for_token(doc, token(doc, "Peru"))]
    assert got == ["country:PER", "country:CHL"]
    doc = run(pipe, "The Taliban seized the valley, said the group's spokesman, Zabihullah Mujahid.")
    party, speaker = speaker_party(doc, token(doc, "spokesman"))
    assert party is not None and party.id == "taliban" and speaker == "Zabihullah Mujahid"
    person = doc.actor_by_id("person:zabihullah_mujahid")
    assert party_of(doc, person) is party
    doc = run(pipe, "The FNR said on its account that it would fight.")
    party, speaker = speaker_party(doc, token(doc, "FNR"))
    assert party is not None and party.id == "nrf" and speaker is None


def test_place_actor_on_demand(pipe: Pipeline) -> None:
    doc = run(pipe, "Rebels shelled Kabul on Monday.")
    assert doc.actor_by_id("place:kabul") is None
    got = actors_for_token(doc, token(doc, "Kabul"))
    assert [a.id for a in got] == ["place:kabul"] and doc.actor_by_id("place:kabul") is got[0]
    assert actors_for_token(doc, token(doc, "Monday")) == []


def test_contract_offsets(pipe: Pipeline) -> None:
    doc = run(pipe, "Boko Haram fighters attacked Nigerian soldiers; the militants later withdrew.")
    for a in doc.actors:
        for m in a.mentions:
            assert doc.text[m.start:m.end] == m.text
    out = doc.to_contract()["actors"]
    assert {"id", "name", "kind", "country", "mentions"} <= set(out[0])
    assert "militants" in mention_texts(by_id(doc, "boko_haram"))


def test_pronouns_need_an_actor_antecedent(pipe: Pipeline) -> None:
    # "It" is the city, not the group; the stage leaves it unresolved rather than guess
    doc = run(pipe, "The Taliban seized the city. It was quiet on Monday.")
    assert "It" not in mention_texts(by_id(doc, "taliban"))
    doc = run(pipe, "Kenya says it is prepared to bring its soldiers home from Somalia.")
    assert mention_texts(by_id(doc, "country:KEN"))[:2] == ["Kenya", "it"]
    # "they" goes to the subject group, "it seems" is no reference at all
    doc = run(pipe, "Prior to that, Taliban forces had said they had struggled. It seems the talks failed.")
    texts = mention_texts(by_id(doc, "taliban"))
    assert "they" in texts and "It" not in texts


def test_distinct_generic_groups_are_not_merged(pipe: Pipeline) -> None:
    doc = run(pipe, "Resistance forces held the pass while extremists attacked the town.")
    assert doc.actor_by_id("generic:resistance") is not None
    assert doc.actor_by_id("generic:extremists") is not None


def test_unnamed_fighters_act_for_the_one_named_group(pipe: Pipeline) -> None:
    doc = run(pipe, "Soldiers went after a Haqqani network leader and arrested four suspected "
                    "insurgents near Gardez.")
    assert by_id(doc, "generic:rebels").affiliation == "haqqani"
    assert by_id(doc, "haqqani").mentions[-1].text == "Haqqani network leader"
    doc = run(pipe, "Hamas and Hezbollah praised the attack by militants.")
    assert by_id(doc, "generic:rebels").affiliation is None
    doc = run(pipe, "Gunmen attacked a Taliban checkpoint.")
    assert by_id(doc, "generic:unidentified_armed_group").affiliation is None


def test_the_government_of_the_article_country(pipe: Pipeline) -> None:
    doc = run(pipe, "Afghanistan faced a crisis. Fighting spread across Afghanistan, and the government collapsed.")
    gov = by_id(doc, "gov:AFG")
    assert gov.kind == "government" and gov.country == "AFG" and "government" in mention_texts(gov)
    doc = run(pipe, "The government collapsed.")
    assert doc.actor_by_id("generic:government") is not None


def test_descriptions_from_the_dictionary_and_conjuncts(pipe: Pipeline) -> None:
    doc = run(pipe, "The Taliban took Kabul. The NRF resisted in the valley. "
                    "Both the armed resistance and the extremist group said they had caused heavy losses.")
    assert "armed resistance" in mention_texts(by_id(doc, "nrf"))
    assert "extremist group" in mention_texts(by_id(doc, "taliban"))
    assert "extremist group" not in mention_texts(by_id(doc, "nrf"))


def test_short_name_joins_the_full_name(pipe: Pipeline) -> None:
    doc = run(pipe, "Biden defends withdrawal. President Joe Biden said on Monday that he stood by it.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert [p.id for p in people] == ["person:joe_biden"]
    assert mention_texts(people[0])[:2] == ["Biden", "Joe Biden"]


def test_known_acronym_with_an_unknown_long_form(pipe: Pipeline) -> None:
    doc = run(pipe, "The Democratic Forces of Syria (SDF) took the town. The SDF said it lost two fighters.")
    sdf = by_id(doc, "sdf")
    assert mention_texts(sdf)[:2] == ["Democratic Forces of Syria", "SDF"]


def test_definite_generic_refers_back(pipe: Pipeline) -> None:
    doc = run(pipe, "Students were beaten by Israeli forces while they rallied and hurled rocks at the forces.")
    isr = by_id(doc, "generic:military:ISR")
    assert mention_texts(isr) == ["Israeli forces", "forces"]
    assert doc.actor_by_id("generic:military") is None


def test_known_people_carry_their_affiliation(pipe: Pipeline) -> None:
    doc = run(pipe, "Putin met Erdogan. Later Sirajuddin Haqqani spoke.")
    assert by_id(doc, "person:vladimir_putin").affiliation == "gov:RUS"
    assert by_id(doc, "gov:RUS").kind == "government"  # the affiliation is an actor of the document
    assert by_id(doc, "person:sirajuddin_haqqani").affiliation == "haqqani"
    assert doc.actor_by_id("haqqani") is not None


def test_the_leader_of_an_unnamed_title(pipe: Pipeline) -> None:
    doc = run(pipe, "Soldiers seized a Taliban leader near Spin Boldak. "
                    "The leader had organised ambushes on convoys.")
    assert mention_texts(by_id(doc, "taliban")) == ["Taliban", "Taliban leader", "leader"]
    lead = doc.text.index("The leader") + 4
    assert actor_at(doc, lead, lead + 6) is by_id(doc, "taliban")
