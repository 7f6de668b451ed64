"""Stages as components (issue 19): `initialize()` loads a stage's resources once, when the pipeline is
made; `score(examples)` scores its output through the evaluation kit's scorer, with a clear error when the
kit or the gold records are missing. Documents and gold records are invented."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitrep import make_document
from sitrep.document import Document, Place, PlaceMention
from sitrep.pipeline import Pipeline, register
from sitrep.scoring import Example, GoldMissing, ScorerMissing, find_scorer, parse_output, score_examples

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

FAKE_SCORER = textwrap.dedent('''
    import json, sys
    mode, gold, pred = sys.argv[1:4]
    n = lambda p: sum(1 for line in open(p, encoding="utf-8") if line.strip())
    print(json.dumps({"mode": mode, "gold": n(gold), "pred": n(pred), "ids": [json.loads(l)["id"] for l in open(pred)]}))
    print(mode + ": fake summary")
''')


@pytest.fixture()
def fake_kit(tmp_path: Path) -> Path:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "score.py").write_text(FAKE_SCORER, encoding="utf-8")
    return tmp_path


def _doc(doc_id: str = "d1") -> Document:
    d = Document(text="Floods hit Tarvale on Monday.", id=doc_id)
    d.places = [PlaceMention(11, 18, "Tarvale", Place("Tarvale", 10.0, 20.0, kind="populated_place"))]
    return d


# ------------------------------------------------------------------------------------------ scoring
def test_missing_scorer_says_what_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_SHARED", raising=False)
    with pytest.raises(ScorerMissing, match="evaluation kit") as err:
        find_scorer(tmp_path)
    assert str(tmp_path / "eval" / "score.py") in str(err.value)
    monkeypatch.setenv("SITREP_SHARED", str(tmp_path / "elsewhere"))
    with pytest.raises(ScorerMissing, match="elsewhere"):
        score_examples([Example(_doc(), {"id": "d1", "toponyms": []})], "geo", shared=None)


def test_missing_gold_is_a_clear_error(fake_kit: Path) -> None:
    with pytest.raises(GoldMissing, match="d2"):
        score_examples([Example(_doc("d1"), {"id": "d1"}), Example(_doc("d2"), None)], "geo", fake_kit)
    with pytest.raises(GoldMissing, match="no examples"):
        score_examples([], "geo", fake_kit)
    with pytest.raises(ValueError, match="no scoring mode"):
        score_examples([Example(_doc(), {"id": "d1"})], "toponyms", fake_kit)


def test_examples_reach_the_scorer_as_jsonl(fake_kit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failed = _doc("d2")
    failed.meta["error"] = "nlp stage failed: invented"
    record = _doc("d3").to_contract()
    got = score_examples([Example(_doc("d1"), {"id": "d1"}), Example(failed, {"id": "d2"}),
                          Example(record, {"id": "d3"})], "geo", fake_kit)
    assert got["metrics"] == {"mode": "geo", "gold": 3, "pred": 3, "ids": ["d1", "d2", "d3"]}
    assert got["summary"] == "geo: fake summary"
    monkeypatch.setenv("SITREP_SHARED", str(fake_kit))  # found through the environment too
    assert score_examples([Example(_doc(), {"id": "d1"})], "time")["metrics"]["mode"] == "time"


def test_scorer_failure_is_reported() -> None:
    with pytest.raises(RuntimeError, match="exit 1"):
        parse_output("", 1, "Traceback: invented")
    assert parse_output('{\n "a": 1\n}\nx: 1.0\n') == {"metrics": {"a": 1}, "summary": "x: 1.0"}


def test_stage_score_methods_pick_their_mode(fake_kit: Path) -> None:
    from sitrep.claims import ClaimsStage
    from sitrep.events import EventsStage
    from sitrep.geo import PlacesStage
    from sitrep.time import TimesStage

    ex = [Example(_doc(), {"id": "d1"})]
    assert PlacesStage().score(ex, shared=str(fake_kit))["metrics"]["mode"] == "geo"
    assert TimesStage().score(ex, shared=str(fake_kit))["metrics"]["mode"] == "time"
    assert ClaimsStage().score(ex, shared=str(fake_kit))["metrics"]["mode"] == "attrib"
    events = EventsStage()
    assert events.score(ex, shared=str(fake_kit))["metrics"]["mode"] == "acled"
    assert events.score(ex, "record", shared=str(fake_kit))["metrics"]["mode"] == "record"
    with pytest.raises(ValueError, match="events are scored by"):
        events.score(ex, "geo", shared=str(fake_kit))


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(), reason="needs the evaluation kit")
def test_places_score_with_the_kits_scorer() -> None:
    from sitrep.geo import PlacesStage

    gold_hit = {"id": "d1", "toponyms": [{"start": 11, "end": 18, "lat": 10.1, "lon": 20.1, "geonameid": 1}]}
    gold_far = {"id": "d2", "toponyms": [{"start": 11, "end": 18, "lat": 40.0, "lon": 60.0, "geonameid": 2}]}
    got = PlacesStage().score([Example(_doc("d1"), gold_hit), Example(_doc("d2"), gold_far)], shared=str(SHARED))
    assert got["metrics"]["recall"] == 1.0 and got["metrics"]["acc161_end_to_end"] == 0.5
    assert got["summary"].startswith("geo: end-to-end acc@161km 0.500")


# --------------------------------------------------------------------------------------- initialize
_CALLS: list[str] = []


@register("test_counting_stage", {"label": "x"})
class _CountingStage:
    name = "test_counting_stage"

    def __init__(self, label: str = "x") -> None:
        self.label = label  # settings only: nothing loaded here

    def initialize(self) -> None:
        _CALLS.append(self.label)

    def __call__(self, doc: Document) -> Document:
        return doc


def test_pipeline_initializes_each_stage_once_when_made() -> None:
    _CALLS.clear()
    pipe = Pipeline(["test_counting_stage"], config={"test_counting_stage": {"label": "y"}})
    assert _CALLS == ["y"]
    list(pipe.pipe([make_document("Nothing happened.", id="n1"), make_document("Still nothing.", id="n2")]))
    assert _CALLS == ["y"]


def test_making_a_stage_loads_nothing_until_initialize(tmp_path: Path) -> None:
    from sitrep.geo import PlacesStage
    from sitrep.geo.gazetteer import GazetteerMissing

    stage = PlacesStage(gazetteer=str(tmp_path / "none.sqlite"))  # settings kept, file not opened yet
    assert stage.gazetteer == str(tmp_path / "none.sqlite")
    with pytest.raises(GazetteerMissing, match="none.sqlite"):
        stage.initialize()
    with pytest.raises(GazetteerMissing, match="none.sqlite"):  # first use initializes too
        _ = stage.finder
