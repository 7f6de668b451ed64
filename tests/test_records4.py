"""Issue 13, session 8: tolls of reduced passives after a clause, division words of other languages and
countries (commune, departement, prefecture, cercle, wilaya, oblast, ...). Every sentence is invented."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Event
from sitrep.pipeline import Pipeline
from tests.conftest import killed_in, main_acled_event, run_checked


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


run = run_checked
main = main_acled_event
killed = killed_in


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a headline-style reduced passive after a clause the parse hangs on the verb of killing
        ("Herders fight farmers near the river, 12 killed in a village known as Tala.", 12),
        ("Soldiers exchange fire with bandits at a market, three killed on the spot.", 3),
        # a headline's harm whose stated result is death, with no object: its subject died
        ("A boy speared to death as rival clans fight over water.", 1),
        ("Three herders feared dead after raiders attack a camp near the hills.", 3),
        # a collective noun counted by its members
        ("A landmine detonated near the border, killing a group of four soldiers.", 4),
        ("Gunmen killed a family of five in their home near the river.", 5),
        # a number with its own state is its own group: the injured are not added to the dead
        ("One dead and three injured when a truck hit a landmine near the camp.", 1),
        ("Two killed and six wounded as gunmen open fire on a minibus near the market.", 2),
        # one object for a verb of killing and one of wounding: the number killed is unknown (ACLED: 0)
        ("Gunmen attacked a bus on the highway, killing and wounding 14 passengers.", 0),
        # each verb with its own object keeps its own count
        ("Gunmen killed three traders and wounded five others at the cattle market.", 3),
    ],
)
def test_reduced_passive_after_a_clause(pipe: Pipeline, text: str, n: int) -> None:
    assert killed(pipe, text) == n


# ---------------------------------------------------------------- division words of other countries
@pytest.fixture(scope="module")
def geo_pipe() -> Pipeline:
    return Pipeline(["nlp", "actors", "places"])


def _event_place(pipe: Pipeline, text: str):  # type: ignore[no-untyped-def]
    from sitrep.document import Span
    from sitrep.geo import place_for_event

    doc = pipe(sitrep.make_document(text))
    ev = Event(id="e1", trigger=Span(0, 3, text[:3]), evidence=[Span(0, len(text), text)])
    return place_for_event(doc, ev)


@pytest.mark.parametrize(
    ("text", "cc", "kind", "admin1"),
    [
        # Niger's departements and Togo's prefectures are GeoNames' second-level divisions
        ("Soldiers repelled an attack in Tessaoua department.", "NE", "admin2", "Maradi"),
        ("Unknown attackers burned a school in Ouallam department.", "NE", "admin2", "Tillabéri"),
        ("Protesters marched in Zio prefecture on Saturday.", "TG", "admin2", "Maritime"),
        # an Algerian wilaya is a first-level division, and so is a prefecture of the Central African Republic
        ("Gunmen attacked a convoy in Tizi Ouzou wilaya.", "DZ", "admin1", "Tizi Ouzou"),
        ("Rebels seized a village in Ouham-Pendé prefecture.", "CF", "admin1", "Ouham-Pendé"),
        ("Shelling hit Kharkiv oblast overnight.", "UA", "admin1", "Kharkiv"),
        # Burkina Faso's departements lie below the provinces: read at their town, not at Chad's Kaya department
        ("Militants abducted five traders in Kaya department.", "BF", "populated_place", "Centre-Nord"),
        # Mali's cercles lie inside the regions
        ("Soldiers were ambushed near Tessit in the Ansongo cercle, Gao region.", "ML", "populated_place", "Gao"),
    ],
)
def test_division_words_of_other_countries(geo_pipe: Pipeline, text: str, cc: str, kind: str, admin1: str) -> None:
    place = _event_place(geo_pipe, text)
    assert place is not None and place.country_code == cc, place
    assert place.kind == kind and place.admin1_name == admin1, place


def test_division_word_spellings_fold_to_one() -> None:
    from sitrep.geo.words import SCOPED_CUES, cue_base, division_levels

    assert [cue_base(w) for w in ("Département", "départements", "préfecture", "Communes")] == [
        "department", "department", "prefecture", "commune"]
    assert "commune" in SCOPED_CUES and division_levels()[("cercle", "ML")] == "admin2"
    assert ("county", "US") not in division_levels()  # a US county keeps the default (admin2)
