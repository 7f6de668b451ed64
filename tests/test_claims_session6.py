"""Attribution spans and own-voice markers (issue 14, session 6).

Every sentence here is invented for these tests (names, places and wording are made up); none comes
from an evaluation corpus.
"""

from __future__ import annotations

from typing import Any

from sitrep.claims.status import recompute_status
from tests.conftest import run_contract as _run


def _att(out: dict[str, Any], cue: str) -> dict[str, Any]:
    found = [a for a in out["attributions"] if a["cue"]["text"] == cue]
    assert found, [a["cue"]["text"] for a in out["attributions"]]
    return found[0]


def _contents(a: dict[str, Any]) -> list[str]:
    return [c["text"] for c in a["content"]]


def _sources(e: dict[str, Any]) -> list[tuple[str | None, str]]:
    out = []
    for c in e["claims"]:
        src = c["source"]["name"] if isinstance(c["source"], dict) else c["source"]
        out.append((src, c["stance"]))
    return out


def _violent(out: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in out["events"] if (e["plover"] or {}).get("event") == "ASSAULT"]


# ---------------------------------------------------------------------------------------- attributions
def test_parenthetical_reporting_clause():
    out = _run("The ferry to Morland, the harbour master said, would stay in port until Friday.")
    a = _att(out, "said")
    assert a["source"]["text"] == "the harbour master"
    assert _contents(a) == ["The ferry to Morland", "would stay in port until Friday"]


def test_adverbial_clause_is_no_parenthesis():
    out = _run("When the harbour master spoke, the crowd fell silent.")
    assert out["attributions"] == []


def test_manner_adverb_belongs_to_the_cue():
    out = _run("The minister forcefully denied that the grain had been sold abroad.")
    assert _att(out, "forcefully denied")["stance"] == "denies"


def test_raising_money_is_no_attribution():
    out = _run("The candidate raised four million dollars in March.")
    assert not [a for a in out["attributions"] if "raised" in a["cue"]["text"]]
    out = _run("The auditors raised concerns about the missing ledgers.")
    # session 8: the attitude noun and its preposition join a light verb's cue (`light_verbs`)
    assert _contents(_att(out, "raised concerns about")) == ["the missing ledgers"]


# ---------------------------------------------------------------------------------------- cited sources
def test_cited_source_is_a_second_claim():
    text = "Police said six people were killed in the blast at Verrin market, citing hospital staff."
    out = _run(text)
    said, citing = _att(out, "said"), _att(out, "citing")
    assert _contents(said) == ["six people were killed in the blast at Verrin market"]
    assert citing["source"]["text"] == "hospital staff"
    assert _contents(citing) == _contents(said)
    ev = _violent(out)
    assert len(ev) == 1
    names = [s for s, _ in _sources(ev[0])]
    assert "Police" in names and "hospital staff" in names
    assert ev[0]["status"] == "claimed"


def test_citing_a_reason_is_not_a_source():
    out = _run("The union backed Mara Lindqvist for governor, citing her record on wages.")
    assert not any((a["source"] or {}).get("text") == "her record" for a in out["attributions"])


# ---------------------------------------------------------------------------------------- own-voice markers
def test_suspected_perpetrator_is_an_unattributed_hedge():
    out = _run("Suspected rebels ambushed a supply convoy near Kessel on Monday, killing three drivers.")
    ev = _violent(out)
    assert ev and ev[0]["status"] == "reported"
    assert (None, "hedges") in _sources(ev[0])


def test_suspected_to_be_is_no_speaker():
    out = _run("Gunmen suspected to be bandits attacked a farm near Ulvik on Tuesday.")
    for e in _violent(out):
        assert all(s is None for s, _ in _sources(e)), _sources(e)
        assert e["status"] == "reported"


def test_conflicting_reports_make_the_event_contested():
    text = ("Gunmen killed seven guards at a fuel depot near Harrow Point on Sunday, the army said. "
            "Conflicting reports said the gunmen killed eleven guards at the depot.")
    out = _run(text)
    ev = _violent(out)
    assert ev and ev[0]["status"] == "contested"


def test_conflict_marker_in_status():
    claims = [{"stance": "asserts", "source": "org:army", "text": "said"},
              {"stance": "reports", "source": None, "text": "Conflicting accounts"}]
    assert recompute_status(claims) == "contested"
    assert recompute_status(claims[:1]) == "claimed"


def test_quotation_cut_at_its_question_mark():
    out = _run('"Is the dam safe? Not yet," Ms. Orlov said. "Will it hold? We hope so."')
    a = _att(out, "said")
    assert a["source"]["text"] == "Ms. Orlov"
    assert _contents(a)[0] == '"Is the dam safe? Not yet,"'


def test_attacked_for_a_reason_is_a_judgement():
    out = _run("The senator attacked the governor for his handling of the floods.")
    a = _att(out, "attacked")
    assert "his handling of the floods" in _contents(a)
    for text in ("Rebels attacked the convoy for two hours near Vell.",
                 "Fighters have attacked guards trying to leave the camp at Sorva."):
        out = _run(text)
        assert not [a for a in out["attributions"] if "attacked" in a["cue"]["text"]]
