"""The learned ACLED classifier and the second opinion it gives when the rules find no ACLED event."""

from __future__ import annotations

import json

import pytest

from sitrep.events import learned as classify

pytestmark = pytest.mark.skipif(not classify.available(), reason="classifier model or wordllama missing")


def test_probabilities_are_a_distribution_over_acled_labels() -> None:
    p = classify.predict_proba(["Herders and farmers argued over a well in a village market."])[0]
    assert abs(sum(p.values()) - 1.0) < 1e-4
    assert classify.NONE in p and "Armed clash" in p and len(p) == 26


@pytest.mark.parametrize(("text", "family"), [
    ("Hundreds of nurses marched to the health ministry in Valdora to demand unpaid salaries.",
     {"Peaceful protest", "Protest with intervention"}),
    ("Air force jets bombed rebel positions near Tessaro, killing at least nine fighters.",
     {"Air/drone strike"}),
    ("The national football team won the regional cup after a penalty shoot-out in the capital.",
     {classify.NONE}),
])
def test_clear_cases(text: str, family: set[str]) -> None:
    label, prob = classify.predict(text)
    assert label in family and prob > 0.3


def test_model_records_what_it_was_trained_on() -> None:
    meta = classify._model()[3]
    assert meta["n_examples"] >= 800 and all(f.startswith("events_") for f in meta["trained_on"])
    assert "no evaluation text" in meta["provenance"]


def test_second_opinion_types_a_story_the_rules_leave_untyped(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep
    from sitrep.events import second_opinion

    text = "Unknown assailants set fire to the district court and the tax office of Marvelle overnight."
    monkeypatch.setattr(second_opinion, "THRESHOLD", 0.0)
    doc = sitrep.extract(text, published="2024-05-02")
    typed = [e for e in doc.to_contract()["events"] if e["acled"]]
    assert typed, json.dumps(doc.to_contract()["events"])
    monkeypatch.setenv("SITREP_CLASSIFIER", "0")
    doc2 = sitrep.extract(text + " ", published="2024-05-02")
    rule_typed = [e for e in doc2.to_contract()["events"] if e["acled"]]
    # without the second opinion, any ACLED type must have come from the rules
    assert len(rule_typed) <= len(typed)
