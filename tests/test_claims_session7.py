"""Attribution shapes and cue classes (issue 14, session 7).

Every sentence here is invented for these tests (names, places and wording are made up); none comes
from an evaluation corpus.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import run_contract as _run


def _att(out: dict[str, Any], cue: str) -> dict[str, Any]:
    found = [a for a in out["attributions"] if a["cue"]["text"] == cue]
    assert found, [a["cue"]["text"] for a in out["attributions"]]
    return found[0]


def _contents(a: dict[str, Any]) -> list[str]:
    return [c["text"] for c in a["content"]]


def _cues(out: dict[str, Any]) -> list[str]:
    return [a["cue"]["text"] for a in out["attributions"]]


# ---------------------------------------------------------------------------------------- clause shapes
def test_frequency_adverb_keeps_a_parenthesis():
    out = _run("Rain in April, the old farmer often says, is worth more than gold.")
    a = _att(out, "often says")
    assert a["source"]["text"] == "the old farmer"
    assert _contents(a) == ["Rain in April", "is worth more than gold"]


def test_subordinated_reporting_clause_is_no_parenthesis():
    # session 8: a comment clause opened by "as" reports its host clause (`as_clause_content`); other
    # subordinators still block the parenthesis reading
    out = _run("The ferry, when the harbour master said so, would stay in port until Friday.")
    assert not [a for a in out["attributions"] if a["content"] and a["content"][0]["text"] == "The ferry"]


def test_fragment_before_a_final_reporting_verb():
    out = _run("Towns like Morland and Vell, she said.")
    a = _att(out, "said")
    assert a["source"]["text"] == "she"
    assert _contents(a) == ["Towns like Morland and Vell"]


def test_adverbial_clause_before_a_final_verb_is_no_content():
    out = _run("When the ferry from Vell finally arrived, she said.")
    assert out["attributions"] == []


def test_that_clause_hung_on_the_object_of_tell():
    out = _run("In Morland last week, she told a gathering of harbour pilots that few ports were safer.")
    a = _att(out, "told")
    assert a["source"]["text"] == "she"
    assert _contents(a) == ["that few ports were safer"]


def test_relative_clause_on_the_object_of_tell_is_no_content():
    out = _run("She told the crews that sailed at dawn about the storm.")
    assert not [a for a in out["attributions"] if "sailed" in " ".join(_contents(a))]


def test_hope_inflections():
    out = _run("The mayor hoped that the bridge would reopen in May. The council hopes to finish the road.")
    assert _contents(_att(out, "hoped")) == ["that the bridge would reopen in May"]
    assert _att(out, "hopes")["stance"] == "hedges"


def test_colon_cue_then_a_paragraph():
    out = _run("The harbour master said:\n\nThe ferry to Vell will not sail this week.\n\nThe pilots agreed.")
    a = _att(out, "said:")
    assert _contents(a) == ["The ferry to Vell will not sail this week."]


def test_colon_cue_then_a_quoted_paragraph():
    out = _run('The harbour master said:\n\n"The ferry will not sail."\n\nThe pilots left.')
    assert _contents(_att(out, "said:")) == ['"The ferry will not sail."']


def test_colon_belongs_to_the_cue_before_a_quotation():
    out = _run('The harbour master said: "The ferry will not sail." Then he left.')
    assert _contents(_att(out, "said:")) == ['"The ferry will not sail."']


# ---------------------------------------------------------------------------------------- cue classes
def test_verbs_of_regarding_need_an_as_complement():
    out = _run("The farmers see the new canal as a threat to their wells.")
    a = _att(out, "see")
    assert a["source"]["text"] == "The farmers"
    assert _contents(a) == ["the new canal as a threat to their wells"]
    assert a["stance"] == "hedges"
    out = _run("The farmers saw smoke over the canal at dawn.")
    assert not [c for c in _cues(out) if c.startswith("saw")]


def test_depicting_verbs_with_as():
    out = _run("The council portrayed the harbour master as a careless official.")
    assert _contents(_att(out, "portrayed")) == ["the harbour master as a careless official"]


def test_discovering_needs_a_that_clause():
    out = _run("The patrol discovered a cache of rifles near the canal.")
    assert not [c for c in _cues(out) if "discovered" in c]
    out = _run("Auditors discovered that the ledgers had been altered.")
    assert _contents(_att(out, "discovered")) == ["that the ledgers had been altered"]


def test_noticing_someone_act_is_no_attribution():
    out = _run("A guard noticed the driver trying to leave the depot.")
    assert not [c for c in _cues(out) if "noticed" in c]


def test_adjunct_before_a_final_verb_is_no_content():
    out = _run("Despite several warnings from the guards, the driver charged.")
    assert out["attributions"] == []


def test_ruling_that():
    out = _run("The high court of Vell ruled that the harbour fees were unlawful.")
    a = _att(out, "ruled")
    assert a["source"]["text"] == "The high court of Vell"
    assert _contents(a) == ["that the harbour fees were unlawful"]


def test_offer_with_a_communication_noun_only():
    out = _run("The minister offered no evidence that the ledgers were forged.")
    assert _contents(_att(out, "offered")) == ["no evidence that the ledgers were forged"]
    out = _run("The charity offered blankets to the families.")
    assert not [c for c in _cues(out) if "offered" in c]


def test_encourage_with_its_object_and_infinitive():
    out = _run("The mayor encouraged residents to leave the low streets.")
    assert _contents(_att(out, "encouraged")) == ["residents to leave the low streets"]


def test_manner_of_speaking_verbs():
    out = _run('Dockers chanted "No more fees" outside the harbour office.')
    a = _att(out, "chanted")
    assert a["source"]["text"] == "Dockers"
    assert _contents(a) == ['"No more fees"']


def test_referencing_a_report():
    out = _run("The statement also references an audit of the harbour accounts.")
    assert _contents(_att(out, "also references")) == ["an audit of the harbour accounts"]


# ---------------------------------------------------------------------------------------- own-voice hedges
def _events(out: dict[str, Any]) -> list[tuple[str, str, list[tuple[Any, str]]]]:
    return [(e["status"], e["trigger"]["text"], [(c["source"], c["stance"]) for c in e["claims"]])
            for e in out["events"]]


def test_perpetrator_suspected_of_the_event():
    out = _run("Gunmen attacked a bus near Garo on Monday, killing four passengers. "
               "Rebels of the Northern Front are suspected of the attack.")
    evs = _events(out)
    assert evs and all(st == "reported" and (None, "hedges") in cl for st, _t, cl in evs)


def test_perpetrator_suspected_with_no_object_hedges_the_event_before():
    out = _run("Gunmen ambushed a convoy near Garo on Monday. Northern Front fighters are suspected.")
    assert [(st, cl) for st, _t, cl in _events(out)] == [("reported", [(None, "hedges")])]


def test_believed_responsible_hedges_the_event_before():
    out = _run("A car bomb went off near the Tullo bus station. The Northern Front is widely believed to have been responsible.")
    assert any((None, "hedges") in cl for _st, _t, cl in _events(out))


def test_belief_about_a_motive_is_no_hedge_on_the_event():
    out = _run("Two herders were shot dead near Tullo on Sunday. This is believed to stem from a feud over water.")
    assert not any((None, "hedges") in cl for _st, _t, cl in _events(out))


def test_a_source_saying_someone_is_suspected_keeps_the_source():
    out = _run("A bomb exploded in Tullo market. The army said the Northern Front was suspected of the bombing.")
    assert not any((None, "hedges") in cl for _st, _t, cl in _events(out))


# ---------------------------------------------------------------------------------------- document sources
def test_a_statement_speaks_for_the_one_who_issued_it():
    out = _run("The Northern Front issued a statement on Monday. The statement said its fighters had captured Garo.")
    a = _att(out, "said")
    assert a["source"]["text"] == "The statement"
    assert a["source_kind"] == "party"
    srcs = [c["source"] for e in out["events"] for c in e["claims"] if c["text"] == "said"]
    assert srcs and all(s is not None and "statement" not in str(s).lower() for s in srcs)


def test_a_statement_with_no_issuer_told_is_left_as_it_was():
    out = _run("A statement said fighters had captured Garo.")
    assert _att(out, "said")["source_kind"] == "other"
