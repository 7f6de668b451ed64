"""Unsourced hedges and attribution shapes (issue 14, session 8).

Every sentence here is invented for these tests (names, places and wording are made up); none comes
from an evaluation corpus.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import run_contract as _run


def _event(out: dict[str, Any], trigger: str) -> dict[str, Any]:
    found = [e for e in out["events"] if e["trigger"]["text"] == trigger]
    assert found, [e["trigger"]["text"] for e in out["events"]]
    return found[0]


def _hedges(e: dict[str, Any]) -> list[str]:
    return [c["text"] for c in e.get("claims", []) if c["stance"] == "hedges" and c.get("source") is None]


# ---------------------------------------------------------------------------------------- own-voice hedges
def test_reduced_relative_accused_hedges_its_event():
    out = _run("On 4 June, a trader accused of collaborating with the militia was shot dead by gunmen in Polo.")
    assert _hedges(_event(out, "collaborating")) == ["accused"]
    assert _event(out, "collaborating")["status"] == "reported"


def test_suspected_victim_hedges_the_event():
    out = _run("On 3 June, a suspected cattle thief was beaten to death by a mob in Kirani village.")
    e = _event(out, "beaten")
    assert _hedges(e) == ["suspected"]
    assert e["status"] == "reported"


def test_plain_victim_gets_no_hedge():
    out = _run("On 3 June, a cattle trader was beaten to death by a mob in Kirani village.")
    assert _hedges(_event(out, "beaten")) == []
