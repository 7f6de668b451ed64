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


# ---------------------------------------------------------------------------------------- attitude adjectives
def _att(out: dict[str, Any], cue: str) -> dict[str, Any]:
    found = [a for a in out["attributions"] if a["cue"]["text"] == cue]
    assert found, [a["cue"]["text"] for a in out["attributions"]]
    return found[0]


def test_critical_of_is_a_cue_with_its_object():
    out = _run("The harbour master has been critical of the new toll since the spring.")
    a = _att(out, "has been critical of")
    assert a["source"]["text"] == "The harbour master"
    assert [c["text"] for c in a["content"]] == ["the new toll"]
    assert a["stance"] == "asserts"


def test_afraid_that_hedges_its_clause():
    out = _run("Shopkeepers in the old quarter are afraid that the bakery will shut.")
    a = _att(out, "are afraid")
    assert [c["text"] for c in a["content"]] == ["that the bakery will shut"]
    assert a["stance"] == "hedges"


def test_negated_adverb_concerned_about():
    out = _run("The farmers weren't too concerned about the late frost.")
    a = _att(out, "weren't too concerned about")
    assert [c["text"] for c in a["content"]] == ["the late frost"]


def test_attitude_adjective_without_complement_is_no_cue():
    out = _run("The old ferryman was happy. The river was quiet.")
    assert out["attributions"] == []


def test_modal_attitude_is_no_cue():
    out = _run("The ferryman may be reluctant to cross the river tonight.")
    assert not [a for a in out["attributions"] if "reluctant" in a["cue"]["text"]]


# ---------------------------------------------------------------------------------------- "as X said"
def test_as_comment_clause_reports_its_host_clause():
    out = _run("The ferry, as the harbour master said, would stay in port until Friday.")
    a = _att(out, "said")
    assert a["source"]["text"] == "the harbour master"
    assert [c["text"] for c in a["content"]] == ["The ferry", "would stay in port until Friday"]


def test_as_x_put_it():
    out = _run('The road is a "lifeline for the valley," as a council memo put it.')
    a = _att(out, "put it")
    assert a["source"]["text"] == "a council memo"


def test_put_is_no_cue_outside_a_comment_clause():
    out = _run("The board put the case to the court. The rebels vowed to put an end to the siege.")
    assert [a["cue"]["text"] for a in out["attributions"]] == ["vowed"]


def test_as_clause_with_its_own_object_is_no_report():
    out = _run("As the farmers said goodbye, the rain began.")
    assert out["attributions"] == []


# ---------------------------------------------------------------------------------------- passives
def test_agentive_passive_names_the_source():
    out = _run("The closure of the flour mill was first reported by a local paper.")
    a = _att(out, "was first reported by")
    assert a["source"]["text"] == "a local paper"
    assert [c["text"] for c in a["content"]] == ["The closure of the flour mill"]


def test_agentless_passive_of_regarding_has_no_source():
    out = _run("The river valley is considered a haven for smugglers.")
    a = _att(out, "is considered")
    assert a.get("source") is None
    assert [c["text"] for c in a["content"]] == ["The river valley", "a haven for smugglers"]


def test_passive_of_judging_is_not_read():
    out = _run("The raid on the depot was condemned by the regional governor.")
    assert not [a for a in out["attributions"] if a["cue"]["text"].startswith("was condemned")]


# ---------------------------------------------------------------------------------------- non-sources
def test_people_reported_missing_are_no_source():
    out = _run("On 12 May, militia attacked Kora village; 4 people were injured while 2 others reported missing.")
    for e in out["events"]:
        assert all(c.get("source") is None for c in e.get("claims", [])), e["claims"]
        assert e["status"] == "reported"


# ---------------------------------------------------------------------------------------- light verbs
def test_light_verb_and_attitude_noun_make_the_cue():
    out = _run("The governor has expressed deep concern about the closure of the sawmill.")
    a = _att(out, "has expressed deep concern about")
    assert [c["text"] for c in a["content"]] == ["the closure of the sawmill"]


def test_attitude_noun_with_that_clause():
    out = _run("Farmers voiced doubts that the new dam would be finished by spring.")
    a = _att(out, "voiced doubts")
    assert [c["text"] for c in a["content"]] == ["that the new dam would be finished by spring"]


def test_evidence_noun_stays_in_the_content():
    out = _run("He offered no proof that the mayor had lied.")
    assert _att(out, "offered")


# ---------------------------------------------------------------------------------------- quotation marks
def test_closing_mark_left_by_the_splitter_opens_no_quotation():
    out = _run('The mayor wrote that the port should open the gates "without delay." '
               "The mayor plans to visit the port on Sunday, according to an aide.")
    a = _att(out, "according to")
    assert [c["text"] for c in a["content"]] == ["The mayor plans to visit the port on Sunday"]
    assert _att(out, "plans")


# ---------------------------------------------------------------------------------------- judgement verbs
def test_condemning_an_attack_states_no_attack():
    out = _run("On 9 March, rebels ambushed a convoy near Lodi. The regional governor condemned the ambush.")
    for e in out["events"]:
        assert not [c for c in e.get("claims", []) if c["text"] == "condemned"], e
    assert _event(out, "ambush")["status"] == "reported"


def test_what_a_judge_says_in_a_clause_keeps_its_claim():
    out = _run("The governor condemned the raid, saying it killed ten farmers.")
    e = _event(out, "killed")
    assert e["status"] == "claimed"

