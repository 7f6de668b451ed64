"""The whole pipeline: offsets hold for every span, odd input never crashes, and the bundled example
article gives the events the README promises."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.pipeline import Pipeline

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "panjshir-2021-09-06.txt"

ODD_TEXTS = [
    "!!!",
    "Emoji 🙂 and Arabic حركة طالبان next to Kabul.",
    " ".join(["Kabul"] * 500),
    "On Tuesday (31) the rebels said they took the town. In the (6) of (7) at 25:99 on 2021-02-30.",
    "The 1980s, the '90s, the 2000s and the 21st century.",
    "He said: “They will attack tomorrow,” and they did not.",
    "KABUL, Afghanistan (Feb. 30, 2013) – Police killed 1,000,000,000,000 insurgents yesterday.",
    "Separators\u2028inside\u2029text\x0cand\x85more, near Herat.",
    "ISIS ISIS claimed claimed responsibility responsibility.",
]


@pytest.mark.parametrize("published", [None, "2021-09-06", "1900-01-01", "2999-12-31"])
def test_odd_texts_keep_offsets_and_contract(published: str | None) -> None:
    docs = [sitrep.make_document(t, published, id=f"odd{i}") for i, t in enumerate(ODD_TEXTS)]
    for doc in Pipeline().pipe(docs):
        assert "error" not in doc.meta, doc.meta
        out = doc.to_contract()
        spans = out["places"] + out["times"]
        for a in out["actors"]:
            spans += a["mentions"]
        for e in out["events"]:
            spans += e["evidence"] + e["claims"]
            assert e["status"] in {"reported", "claimed", "contested", "denied", "hypothetical"}
            assert e["timeframe"] in {"current", "historical", "future"}
            assert 0.0 <= e["confidence"] <= 1.0
        for s in spans:
            assert doc.text[s["start"]:s["end"]] == s["text"]


@pytest.fixture(scope="module")
def example() -> dict:
    return sitrep.extract(EXAMPLE.read_text(encoding="utf-8"), published="2021-09-06", id="example").to_contract()


def test_example_headline_event(example: dict) -> None:
    top = max((e for e in example["events"] if e["acled"]), key=lambda e: e["confidence"])
    assert {k: top["acled"][k] for k in ("event_type", "sub_event_type")} == {
        "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
    assert top["acled"]["actor1"] == "Taliban"
    assert top["plover"]["event"] in {"COERCE", "ASSAULT"}
    assert [a["id"] for a in top["actor"]] == ["taliban"]
    assert top["place"]["admin1_code"] == "AF-PAN" and abs(top["place"]["lat"] - 35.3) < 0.5
    assert top["date"] == {"start": "2021-09-06", "end": "2021-09-06", "precision": "day"}
    assert top["timeframe"] == "current" and top["status"] == "contested"
    asserts = [c for c in top["claims"] if c["stance"] == "asserts"]
    denies = [c for c in top["claims"] if c["stance"] == "denies"]
    assert any(c["source"]["id"] == "taliban" and c["speaker"] == "Zabihullah Mujahid" for c in asserts)
    assert any(c["source"]["name"] == "National Resistance Front" and c["channel"] == "Twitter" for c in denies)


def test_example_background_events_are_historical_with_their_own_dates(example: dict) -> None:
    by_trigger = {}
    for e in example["events"]:
        by_trigger.setdefault(e["trigger"]["text"], []).append(e)
    (killing,) = by_trigger["assassinated"]
    assert killing["timeframe"] == "historical" and killing["date"]["start"] == "2001"
    assert killing["place"]["admin1_code"] == "AF-TAK" and [a["name"] for a in killing["actor"]] == ["al-Qaeda"]
    seized = by_trigger["seized"][0]
    assert seized["timeframe"] == "historical" and seized["date"]["start"] == "2021-08"
    eighties = [e for e in example["events"] if (e["date"] or {}).get("precision") == "decade"]
    assert eighties and all(e["timeframe"] == "historical" and e["date"]["start"] == "1980" for e in eighties)
    for e in example["events"]:
        if e["timeframe"] == "historical":
            assert (e["date"] or {}).get("start") != "2021-09-06"


def test_example_blockade_and_meeting(example: dict) -> None:
    blocked = next(e for e in example["events"] if e["trigger"]["text"] == "blocked")
    assert blocked["status"] == "reported" and all(c["source"] is None for c in blocked["claims"])
    meeting = next(e for e in example["events"] if e["trigger"]["text"] == "meeting")
    assert meeting["status"] == "hypothetical" and meeting["timeframe"] == "future"
