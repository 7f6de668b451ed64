"""The error classes of the blind claims judgement (issue 14), one construction per test.

Every sentence here is invented for these tests (names, places and wording are made up); none comes
from an evaluation corpus or from the judged snippets.
"""

from __future__ import annotations

from typing import Any

from sitrep.claims.status import recompute_status
from tests.conftest import run_contract as _run


def _violent(out: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in out["events"] if (e["plover"] or {}).get("event") == "ASSAULT"]


def _sources(e: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    return [((c["source"] or {}).get("name"), c["source_kind"], c["stance"]) for c in e["claims"]]


# ------------------------------------------------------------------- 1. every coordinated source
def test_coordinated_sources_are_claims_of_their_own():
    out = _run("Gunmen killed four villagers in Korba on Monday, police and medical sources said.")
    e = _violent(out)[0]
    got = _sources(e)
    assert ("police", "party", "asserts") in [(n.lower() if n else n, k, s) for n, k, s in got]
    assert ("medical sources", "witness", "asserts") in got
    assert len(got) == 2 and e["status"] == "claimed"
    assert all(c["attribution"] == e["claims"][0]["attribution"] for c in e["claims"])


def test_final_coordinated_speakers_the_parser_joined_to_the_object():
    # "..., killing six people, residents and a monitoring group said"
    out = _run("Air strikes hit a market in Telmar on Sunday, killing six people, residents and a monitoring group said.")
    att = out["attributions"][0]
    assert att["source"]["text"] == "residents and a monitoring group"
    assert "residents" not in " ".join(c["text"] for c in att["content"])
    kinds = sorted(k for _, k, _ in _sources(_violent(out)[0]))
    assert kinds == ["monitor", "witness"]
    names = [n for n, _, _ in _sources(_violent(out)[0])]
    assert not any(n and " and " in n for n in names)
    assert not any(a["id"].startswith("source:") and " and " in a["name"] for a in out["actors"])


# ------------------------------------------------------------------- 2. unsourced evidential markers
def test_reportedly_is_an_unattributed_report():
    out = _run("Rebels reportedly seized the town of Aldor on Friday.")
    e = out["events"][0]
    assert _sources(e) == [(None, None, "reports")] and e["status"] == "reported"


def test_reports_say_names_no_source():
    out = _run("Reports say gunmen abducted three aid workers near Kessa on Tuesday.")
    e = _violent(out)[0]
    assert _sources(e) == [(None, None, "reports")]
    assert e["status"] == "reported"


def test_a_named_outlets_report_is_still_a_source():
    out = _run("The Freedonia Herald reported that gunmen abducted three aid workers near Kessa on Tuesday.")
    e = _violent(out)[0]
    assert e["status"] == "claimed" and e["claims"][0]["source_kind"] == "media"


def test_agentless_passive_report_of_a_toll():
    out = _run("Three deaths were reported after clashes in Mersa on Sunday.")
    e = out["events"][0]
    assert _sources(e) == [(None, None, "reports")] and e["claims"][0]["text"] == "reported"
    assert e["status"] == "reported"


def test_passive_report_with_an_agent_is_not_unsourced():
    out = _run("Clashes in Mersa on Sunday were reported by the district police.")
    e = out["events"][0]
    assert (None, None, "reports") not in _sources(e)


# ------------------------------------------------------------------- 3. hedged by an identified source
def test_identified_source_hedging_inside_its_statement():
    out = _run("Police said the men appeared to have been shot dead in the forest near Rell.")
    e = _violent(out)[0]
    assert [s for _, _, s in _sources(e)] == ["hedges"]
    assert e["claims"][0]["source"] is not None and e["status"] == "claimed"


def test_likely_in_a_statement_is_the_sources_hedge_not_an_extra_claim():
    out = _run("The commission said the shells were likely fired by army units near Dorvik.")
    evs = [e for e in out["events"] if e["claims"]]
    assert evs
    for e in evs:
        assert all(c["source"] is not None for c in e["claims"]), e["claims"]
        assert "hedges" in [c["stance"] for c in e["claims"]]


def test_plain_statement_keeps_asserts():
    out = _run("Police said the men were shot dead in the forest near Rell.")
    assert [s for _, _, s in _sources(_violent(out)[0])] == ["asserts"]


# ------------------------------------------------------------------- 4. datelines are not speakers
def test_capitals_dateline_with_colon_is_not_a_speaker():
    text = "MERSAVILLE: Two grenades were thrown at a police post on Monday, injuring three officers."
    out = _run(text)
    assert not [a for a in out["attributions"] if a["cue"]["text"] == ":"]
    assert all(e["status"] == "reported" and not e["claims"] for e in _violent(out))


def test_transcript_speaker_in_capitals_is_still_a_speaker():
    out = _run("DORAN: We will hold the town whatever happens.\nCASTELL: Nobody believes that.")
    assert [a["source"]["text"] for a in out["attributions"] if a["cue"]["text"] == ":"] == ["DORAN", "CASTELL"]


# ------------------------------------------------------------------- 5. purposes are not done
def test_purpose_infinitive_is_hypothetical():
    out = _run("The group recruited dozens of young men to fight in the neighbouring region.")
    fight = [e for e in out["events"] if out_text(out, e) == "fight"]
    assert fight and fight[0]["status"] == "hypothetical"


def test_infinitival_relative_is_not_a_purpose():
    out = _run("Sarn became the second large town to fall to the rebels.")
    assert all(e["status"] != "hypothetical" for e in out["events"])


def out_text(out: dict[str, Any], e: dict[str, Any]) -> str:
    ev = e["evidence"][0]["text"] if e["evidence"] else ""
    return "fight" if "fight" in ev and (e["acled"] or {}).get("event_type") == "Battles" else ev


# ------------------------------------------------------------------- 6. source kinds
def test_local_sources_are_witnesses():
    out = _run("Soldiers shot dead three protesters in Aldor on Friday, local sources said.")
    assert _violent(out)[0]["claims"][0]["source_kind"] == "witness"


def test_local_officials_stay_a_party():
    out = _run("Soldiers shot dead three protesters in Aldor on Friday, local officials said.")
    assert _violent(out)[0]["claims"][0]["source_kind"] == "party"


def test_unsourced_hedge_alone_is_reported():
    assert recompute_status([{"source": None, "stance": "hedges"}]) == "reported"
    assert recompute_status([{"source": None, "stance": "reports"}]) == "reported"


def test_protest_purpose_of_taking_to_the_streets_is_not_hypothetical():
    out = _run("Hundreds of traders took to the streets of Mersa on Monday to protest against new taxes.")
    assert out["events"] and all(e["status"] != "hypothetical" for e in out["events"])


def test_one_source_named_outside_coordinated_evidence_is_not_split():
    out = _run("Video footage and testimony gathered by the Freedonia Rights Watch suggest that soldiers shot "
               "dead two protesters in Aldor on Friday.")
    for e in _violent(out):
        assert len(e["claims"]) == 1, e["claims"]


def test_opposition_activists_are_a_party():
    out = _run("Government troops shelled the village of Tresk on Friday, killing nine civilians, opposition activists said.")
    assert _violent(out)[0]["claims"][0]["source_kind"] == "party"


def test_second_source_in_the_next_sentence_is_a_claim_of_the_same_event():
    out = _run("Gunmen killed three farmers near Aldor on Monday, the army said. "
               "The Freedonia Herald also reported the killings.")
    evs = _violent(out)
    assert len(evs) == 1
    assert sorted(k for _, k, _ in _sources(evs[0])) == ["media", "party"]


def test_an_own_voice_event_is_not_folded_with_a_later_sourced_mention():
    out = _run("Gunmen killed three farmers near Aldor on Monday. The army said the killings were revenge.")
    assert any(not e["claims"] for e in _violent(out)) or len(_violent(out)) == 1


def test_background_phrase_is_outside_according_to():
    out = _run("The attack on the convoy came despite a ceasefire declared by the rebels last week, "
               "according to residents.")
    attack = [e for e in out["events"] if (e["plover"] or {}).get("event") == "ASSAULT"]
    others = [e for e in out["events"] if (e["plover"] or {}).get("event") != "ASSAULT"]
    assert attack and attack[0]["status"] == "claimed"
    assert all(not e["claims"] and e["status"] != "claimed" for e in others)


def test_named_person_with_a_non_party_role_is_other():
    out = _run("Jonas Brell, a well-known singer, said thugs burned down his studio in Mersa on Friday.")
    assert out["events"][0]["claims"][0]["source_kind"] == "other"


def test_named_person_with_an_official_role_stays_a_party():
    out = _run("Jonas Brell, the district police commander, said thugs burned down a studio in Mersa on Friday.")
    assert out["events"][0]["claims"][0]["source_kind"] == "party"


def test_headline_reduced_passive_names_no_speaker():
    # "X said to be ...": the subject is what is said, not who speaks
    out = _run("Rebel group said to be recruiting children in Aldor district")
    claims = [c for e in out["events"] for c in e["claims"]]
    assert claims and all(c["source"] is None and c["stance"] == "reports" for c in claims)
    assert all(e["status"] != "claimed" for e in out["events"])


def test_active_said_keeps_its_speaker():
    out = _run("Rebels said they attacked the base at Kessa on Monday.")
    e = _violent(out)[0]
    assert e["claims"][0]["source"] is not None and e["status"] == "claimed"


def test_no_group_claiming_responsibility_is_no_claim():
    out = _run("A roadside bomb killed two soldiers near Varn on Monday. No group has claimed responsibility for the attack.")
    evs = _violent(out)
    assert evs and all(e["status"] == "reported" for e in evs)
    assert not any((c["source"] or {}).get("name", "").lower().startswith("no ") for e in evs for c in e["claims"])


def test_a_group_claiming_responsibility_is_a_claim():
    out = _run("A roadside bomb killed two soldiers near Varn on Monday. The Freedonia Liberation Front claimed "
               "responsibility for the attack.")
    assert any(e["status"] == "claimed" for e in _violent(out))


def test_officials_of_two_bodies_are_two_sources():
    out = _run("Militants attacked a checkpoint near Dunvale, killing two soldiers, according to police and "
               "hospital officials.")
    names = sorted((n or "").lower() for n, _, _ in _sources(_violent(out)[0]))
    assert len(names) == 2 and "hospital officials" in names and any("police" in n for n in names)


def test_one_body_of_officials_is_one_source():
    out = _run("Militants attacked a checkpoint near Dunvale, killing two soldiers, according to hospital officials.")
    assert len(_violent(out)[0]["claims"]) == 1
