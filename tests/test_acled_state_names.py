"""State actors written as ACLED names them, and "police forces" as police (issue 13). Invented sentences."""

from __future__ import annotations

import pytest

from sitrep import make_document
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "actors"])


def _ids(pipe: Pipeline, text: str) -> dict[str, str | None]:
    return {a.id: a.kind for a in pipe(make_document(text)).actors}


def test_acled_police_name_with_years_is_one_state_actor(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police Forces of Kenya (2013-) arrested two men at a market."))
    police = doc.actor_by_id("generic:police:KEN")
    assert police is not None and police.name == "Police Forces of Kenya" and police.kind == "police"
    assert police.mentions[0].text == "Police Forces of Kenya (2013-)"


def test_acled_military_and_government_names(pipe: Pipeline) -> None:
    assert _ids(pipe, "Military Forces of Benin clashed with gunmen near a village.").get(
        "generic:military:BEN") == "military"
    assert _ids(pipe, "The Government of Niger banned a march.").get("gov:NER") == "government"


def test_police_forces_are_police_not_military(pipe: Pipeline) -> None:
    kinds = _ids(pipe, "Police forces dispersed the crowd with tear gas.")
    assert "generic:police" in kinds and "generic:military" not in kinds


def test_other_bodies_of_a_country_are_not_state_forces(pipe: Pipeline) -> None:
    ids = _ids(pipe, "The Central Bank of Kenya raised its lending rate.")
    assert not any(i.startswith(("generic:police", "generic:military", "gov:")) for i in ids)
