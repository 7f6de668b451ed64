"""Settings of the places and events stages (issue 19): the gazetteer path and the classifier switch, read
from a pipeline configuration. Texts are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import make_document
from sitrep.pipeline import Pipeline, stage_defaults

pytest.importorskip("spacy")


def test_defaults_are_the_standard_behaviour() -> None:
    assert stage_defaults("places") == {"gazetteer": None}
    assert stage_defaults("events") == {"classifier": True}


def test_gazetteer_setting_opens_that_file(tmp_path: Path) -> None:
    from sitrep.geo.gazetteer import DEFAULT_DB, GazetteerMissing

    pipe = Pipeline(["nlp", "places"], config={"places": {"gazetteer": str(DEFAULT_DB)}})
    (doc,) = pipe.pipe([make_document("Floods closed roads near Kabul on Monday.", id="g")])
    assert any(p.place.country_code == "AF" for p in doc.places)
    with pytest.raises(GazetteerMissing, match="none.sqlite"):  # when the stage is made, not later
        Pipeline(["places"], config={"places": {"gazetteer": str(tmp_path / "none.sqlite")}})


def test_classifier_setting_off_gives_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.events import second_opinion

    calls: list[str] = []
    monkeypatch.setattr(second_opinion, "apply", lambda doc, events: calls.append(doc.id) or events)
    text = "Gunmen attacked a police post in the north on Monday, officials said."
    Pipeline(["nlp", "actors", "places", "times", "events"])(make_document(text, "2021-09-06", id="on"))
    Pipeline(["nlp", "actors", "places", "times", "events"], config={"events": {"classifier": False}})(
        make_document(text, "2021-09-06", id="off"))
    assert calls == ["on"]
