"""Tests of the events stage on hand-written sentences (no evaluation corpus text)."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Document, Event
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def run(pipe: Pipeline, text: str, published: str = "2022-03-14") -> Document:
    doc = pipe(sitrep.make_document(text, published, id="t"))
    assert "error" not in doc.meta, doc.meta.get("error")
    return doc


def main(doc: Document, key: str = "acled") -> Event | None:
    evs = [e for e in doc.events if getattr(e, key)]
    return max(evs, key=lambda e: e.confidence) if evs else None


def sub(doc: Document) -> str | None:
    e = main(doc)
    return e.acled["sub_event_type"] if e and e.acled else None


def names(doc: Document, ids: list[str]) -> list[str]:
    return [(doc.actor_by_id(i).name if doc.actor_by_id(i) else i) for i in ids]


# ------------------------------------------------------------------ ACLED families
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebel fighters clashed with army soldiers near the town of Korvan on Tuesday.", "Armed clash"),
        (
            "Insurgents seized control of the district capital after two days of heavy fighting with the army.",
            "Non-state actor overtakes territory",
        ),
        (
            "Government troops recaptured the village of Amel from the rebels on Sunday.",
            "Government regains territory",
        ),
        ("Fighter jets bombed a market in the northern province, killing nine people.", "Air/drone strike"),
        ("A suicide bomber blew himself up outside a police station, killing four officers.", "Suicide bomb"),
        ("Militants fired mortar shells at the airport overnight.", "Shelling/artillery/missile attack"),
        (
            "A roadside bomb struck a minibus on the highway, wounding six passengers.",
            "Remote explosive/landmine/IED",
        ),
        ("An attacker threw a grenade into a crowded bus station, injuring eleven people.", "Grenade"),
        ("Gunmen stormed a village and shot dead twelve farmers.", "Attack"),
        ("Armed men kidnapped three aid workers on the road to the camp.", "Abduction/forced disappearance"),
        ("Soldiers raped two women during a search of the village, a rights group said.", "Sexual violence"),
        ("Thousands of teachers marched through the capital to demand higher wages.", "Peaceful protest"),
        (
            "Riot police used tear gas on hundreds of students protesting against the new law.",
            "Protest with intervention",
        ),
        (
            "Protesters threw stones at police and set fire to tyres during the demonstration.",
            "Violent demonstration",
        ),
        ("Police arrested the opposition leader and twenty of his supporters in a dawn raid.", "Arrests"),
        ("Security forces defused a bomb planted near the court building.", "Disrupted weapons use"),
        (
            "The army established a new military base near the border crossing.",
            "Headquarters or base established",
        ),
        ("The warring parties signed a ceasefire agreement in the capital on Friday.", "Agreement"),
    ],
)
def test_acled_types(pipe: Pipeline, text: str, expected: str) -> None:
    assert sub(run(pipe, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake struck the coastal region on Monday, killing at least 30 people.",
        "Seven passengers died when their ferry capsized on the lake.",
        "The foreign ministry expelled two diplomats and announced new sanctions against its neighbour.",
        "A gas cylinder blew up in a restaurant kitchen, burning three cooks.",
    ],
)
def test_non_acled_rejected(pipe: Pipeline, text: str) -> None:
    assert sub(run(pipe, text)) is None


# ------------------------------------------------------------------ PLOVER
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The president telephoned the prime minister to discuss the crisis.", "CONSULT"),
        ("The opposition accused the government of rigging the election.", "ACCUSE"),
        ("The rebels rejected the peace proposal on Sunday.", "REJECT"),
        ("The group threatened to attack the capital.", "THREATEN"),
        ("The United Nations imposed sanctions on the regime.", "SANCTION"),
        ("Rebels attacked an army convoy near the border.", "ASSAULT"),
        ("Police arrested twenty protesters in the capital.", "COERCE"),
        ("Thousands of workers demonstrated in the capital against the reform.", "PROTEST"),
        ("The government agreed to release the detained journalists.", "AGREE"),
    ],
)
def test_plover_types(pipe: Pipeline, text: str, expected: str) -> None:
    e = main(run(pipe, text), "plover")
    assert e is not None and e.plover is not None
    assert e.plover["event"] == expected


def test_future_aid_is_agree(pipe: Pipeline) -> None:
    # PLOVER manual: cooperative actions reported in the future tense are AGREE
    e = main(run(pipe, "Norway will provide food aid to the refugees next month."), "plover")
    assert e is not None and e.plover["event"] == "AGREE"


# ------------------------------------------------------------------ actors from the syntax
def test_passive_by_phrase(pipe: Pipeline) -> None:
    doc = run(pipe, "Two journalists were abducted by militants in the north of the country.")
    e = main(doc)
    assert e is not None
    assert any("militant" in n.lower() for n in names(doc, e.actor))
    assert any("journalist" in n.lower() for n in names(doc, e.recipient))
    assert not any("journalist" in n.lower() for n in names(doc, e.actor))


def test_active_subject_and_object(pipe: Pipeline) -> None:
    doc = run(pipe, "Government soldiers killed five militants in a raid on Tuesday.")
    e = main(doc)
    assert e is not None
    assert any("soldier" in n.lower() for n in names(doc, e.actor))
    assert any("militant" in n.lower() for n in names(doc, e.recipient))
    assert e.killed == 5


def test_against_phrase_is_recipient(pipe: Pipeline) -> None:
    doc = run(pipe, "The rebels launched an offensive against government forces in the east.")
    e = main(doc, "plover")
    assert e is not None
    assert any("rebel" in n.lower() for n in names(doc, e.actor))
    assert any("government forces" in n.lower() for n in names(doc, e.recipient))


# ------------------------------------------------------------------ magnitudes
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Militants attacked a checkpoint, killing two soldiers and wounding a dozen others.", 2, 12),
        ("At least 26 people were killed and dozens injured when a car bomb exploded in the market.", 26, 12),
        ("Gunmen killed scores of villagers in an overnight attack.", 20, None),
        ("A drone strike killed several fighters near the border.", 3, None),
        ("Twenty-one soldiers died in the ambush.", 21, None),
    ],
)
def test_casualties(pipe: Pipeline, text: str, killed: int | None, injured: int | None) -> None:
    e = main(run(pipe, text))
    assert e is not None
    assert e.killed == killed
    assert e.injured == injured


def test_killed_or_wounded_is_not_a_death_toll(pipe: Pipeline) -> None:
    # ACLED: when only "casualties" (killed or wounded) are reported, fatalities are recorded as 0
    e = main(run(pipe, "An explosion near the well killed or wounded 9 shepherds."))
    assert e is not None and e.killed == 0


def test_arrest_count(pipe: Pipeline) -> None:
    e = main(run(pipe, "Soldiers detained three suspected gunmen at a checkpoint near Amel."))
    assert e is not None and e.arrested == 3


# ------------------------------------------------------------------ negation, modality, confidence
def test_negation(pipe: Pipeline) -> None:
    doc = run(pipe, "The army did not attack the rebel positions on Monday.")
    assert any(e.negated for e in doc.events)


def test_modality_ready_to_negotiate(pipe: Pipeline) -> None:
    doc = run(pipe, "The rebel leader said he was ready to negotiate with the government.")
    e = next(e for e in doc.events if e.plover and e.plover["event"] in ("CONSULT", "AGREE"))
    assert e.modality is not None


def test_main_event_ranks_first(pipe: Pipeline) -> None:
    text = (
        "Rebels captured the town of Dara on Monday after heavy fighting, a spokesman said. "
        "The rebels had demanded talks with the government last year. "
        "The United Nations called for calm."
    )
    e = main(run(pipe, text), "plover")
    assert e is not None and e.acled is not None
    assert e.acled["event_type"] == "Battles"
    assert e.trigger.text == "captured"


def test_ids_offsets_and_evidence(pipe: Pipeline) -> None:
    text = "Police arrested four men in the city. Protesters marched on parliament the next day."
    doc = run(pipe, text)
    assert doc.events
    for n, e in enumerate(doc.events):
        assert e.id == f"t-e{n}"
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert all(text[s.start : s.end] == s.text for s in e.evidence)
        assert 0.0 <= e.confidence <= 1.0


def test_founding_article_main_event(pipe: Pipeline) -> None:
    text = (
        "The Taliban announced on Monday that it has taken full control of the Panjshir Valley, "
        "the last area of Afghanistan held by resistance forces. "
        "The resistance leader said he was ready to negotiate with the Taliban. "
        "The commander was assassinated by al-Qaeda in 2001."
    )
    doc = run(pipe, text, "2021-09-06")
    e = main(doc)
    assert e is not None
    assert {k: e.acled[k] for k in ("event_type", "sub_event_type")} == {
        "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
    assert e.acled["actor1"] == "Taliban"
    assert e.plover is not None and e.plover["event"] == "COERCE" and e.plover["mode"] == "seize"
    assert any("taliban" in n.lower() for n in names(doc, e.actor))
    killing = next(x for x in doc.events if x.trigger.text == "assassinated")
    assert killing.confidence < e.confidence
    assert any("qaeda" in n.lower() for n in names(doc, killing.actor))


def test_defunct_state_is_background(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Even today the valley is full of Soviet tanks destroyed in failed battles to conquer it.",
        "2021-09-06",
    )
    assert doc.events
    assert all(
        e.timeframe == "historical"
        for e in doc.events
        if e.plover and e.plover["event"] in ("ASSAULT", "COERCE")
    )


def test_blockade_is_coerce_not_acled(pipe: Pipeline) -> None:
    doc = run(pipe, "The militants blocked humanitarian access and cut off electricity to the valley.")
    coerce = [e for e in doc.events if e.plover and e.plover["event"] == "COERCE"]
    assert coerce and all(e.acled is None for e in coerce)


def test_reported_must_is_a_request_by_the_speaker(pipe: Pipeline) -> None:
    doc = run(pipe, "The foreign minister said the rebels must release all hostages.")
    e = main(doc, "plover")
    assert e is not None and e.plover["event"] == "REQUEST"
    assert any("minister" in n.lower() for n in names(doc, e.actor))


def test_killing_unarmed_captives_is_violence_against_civilians(pipe: Pipeline) -> None:
    assert sub(run(pipe, "The militants executed twelve unarmed soldiers who had surrendered.")) == "Attack"


def test_more_than_is_a_minimum(pipe: Pipeline) -> None:
    e = main(run(pipe, "Police arrested more than five opposition activists in the capital on Friday."))
    assert e is not None and e.arrested == 6


# ------------------------------------------------------------------ second round
def _by_trigger(doc: Document, word: str) -> Event:
    return next(e for e in doc.events if e.trigger.text == word)


def test_relative_clause_describing_an_actor_is_background(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Both the army and the militia that took power in the other provinces claim to have caused "
        "heavy losses. The militia captured the town of Korvan on Monday.",
    )
    took = _by_trigger(doc, "took")
    main_ev = main(doc)
    assert main_ev is not None and main_ev.trigger.text == "captured"
    assert took.confidence < main_ev.confidence - 0.3
    assert took.timeframe == "historical" and took.date is None  # no own time expression: not dated today
    assert "army" not in " ".join(names(doc, took.actor)).lower()  # the conjunct did not take power


def test_relative_clause_with_its_own_date_keeps_it(pipe: Pipeline) -> None:
    doc = run(pipe, "Police arrested the gunmen who stormed the hotel on Saturday.")
    stormed = _by_trigger(doc, "stormed")
    assert stormed.date is not None and stormed.date.start == "2022-03-12"
    assert main(doc).trigger.text == "arrested"


def test_no_shots_fired_is_negated(pipe: Pipeline) -> None:
    doc = run(
        pipe, "Police detained three suspects in the capital on Tuesday. No shots were fired as officers searched the house."
    )
    assert _by_trigger(doc, "fired").negated
    assert sub(doc) == "Arrests"


def test_running_total_is_not_an_event_count(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Police detained four suspects on Tuesday. "
        "Officers have arrested over 40 people in such raids since January.",
    )
    assert main(doc).arrested == 4


def test_weapon_carried_by_the_victims_is_not_the_weapon(pipe: Pipeline) -> None:
    assert (
        sub(run(pipe, "Soldiers killed two suicide bombers near the border crossing on Friday."))
        != "Suicide bomb"
    )
    doc = run(pipe, "Troops engaged a gunman who carried a grenade, killing him.")
    assert sub(doc) == "Armed clash"
    assert main(doc).killed == 1
    # the thrown weapon itself still counts
    assert sub(run(pipe, "Grenades were lobbed into a crowded market stall on Saturday.")) == "Grenade"


def test_person_described_by_weapons_is_not_a_weapons_seizure(pipe: Pipeline) -> None:
    assert (
        sub(run(pipe, "Security forces captured a rebel explosives leader in the village on Monday."))
        == "Arrests"
    )


def test_headline_count_parsed_as_modifier(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Twelve Killed, Two Detained During Raid in Northern Province\nSoldiers raided a compound on Monday.",
    )
    assert _by_trigger(doc, "Killed").killed == 12


def test_later_toll_of_the_same_strike(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Military jets struck a rebel camp outside Korvan on Monday. "
        "Several fighters died in the bombing.",
    )
    assert sub(doc) == "Air/drone strike"
    assert main(doc).killed == 3


def test_declared_willingness_outranks_its_content_and_condition(pipe: Pipeline) -> None:
    doc = run(
        pipe, "Denmark is willing to deploy two frigates to guard Ghana's coast if pirates strike again, the minister said."
    )
    ev = main(doc, "plover")
    assert ev is not None and ev.plover["event"] == "AGREE"
    assert "Denmark" in names(doc, ev.actor)


def test_seized_goods_are_not_people(pipe: Pipeline) -> None:
    doc = run(
        pipe, "Soldiers arrested two rebels and seized 300 kilograms of explosives in the port on Sunday."
    )
    assert main(doc).arrested == 2
    assert all(
        e.acled is None or e.acled["sub_event_type"] != "Abduction/forced disappearance" for e in doc.events
    )


def test_remote_weapons_with_direct_fire_on_armed_party_is_a_clash(pipe: Pipeline) -> None:
    doc = run(
        pipe, "Gunmen attacked a police convoy with rifles and rocket-propelled grenades on Sunday."
    )
    assert sub(doc) == "Armed clash"
    assert (
        sub(run(pipe, "Militants fired rockets at the airport overnight."))
        == "Shelling/artillery/missile attack"
    )


def test_taken_into_custody_is_an_arrest(pipe: Pipeline) -> None:
    doc = run(pipe, "Police took three suspects into custody in the capital on Monday.")
    assert sub(doc) == "Arrests"
    assert main(doc).arrested == 3


# ------------------------------------------------------------------ recipients by frame class
@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Chile has agreed to extradite to Argentina three men wanted for a bank robbery.", "Chile", "Argentina"),
        ("Kenya demanded that Uganda withdraw its soldiers from the island.", "Kenya", "Uganda"),
        ("The European Union imposed new sanctions on Belarus on Monday.", "European Union", "Belarus"),
        ("The Canadian foreign minister held talks with Mexico in Ottawa.", "Canadian foreign minister", "Mexico"),
        ("Japan will give Vietnam a loan of 200 million dollars.", "Japan", "Vietnam"),
        ("Chile accused Bolivia of stirring unrest.", "Chile", "Bolivia"),
        ("Portugal has refused to station soldiers in Chad.", "Portugal", "Chad"),
        ("Norway will provide food and medicine to Yemen.", "Norway", "Yemen"),
    ],
)
def test_frame_recipients(pipe: Pipeline, text: str, actor: str, recipient: str) -> None:
    doc = run(pipe, text)
    e = main(doc, "plover")
    assert e is not None
    assert actor in names(doc, e.actor)
    assert recipient in names(doc, e.recipient)
    assert not set(e.actor) & set(e.recipient)


# ------------------------------------------------------------------ counts and document-level aggregation
@pytest.mark.parametrize(
    ("text", "arrested"),
    [
        # a quantifier heads the second conjunct: one leader plus "several" (ACLED: 3)
        ("Police detained a recruiter and several of his followers in Korvan on Monday.", 4),
        # "his deputy" is another man, even when parsed as an apposition
        ("Troops detained an insurgent leader, his deputy and two other men near Amel on Sunday.", 4),
        # two nouns under one determiner name one person
        ("Police arrested a smuggler and bomb maker in the border town of Amel on Monday.", 1),
        # the purpose of the operation is not a second arrest
        ("Troops detained two suspects during a sweep to arrest a bomb maker in Amel on Monday.", 2),
        # a noun trigger counts its "of" object
        ("Officials on Monday announced the arrest of an arms trader in Amel.", 1),
        # a relative pronoun counts as its antecedent
        ("On Monday troops named the wanted militia chief, who was arrested along with two aides.", 3),
    ],
)
def test_arrest_counts(pipe: Pipeline, text: str, arrested: int) -> None:
    e = main(run(pipe, text))
    assert e is not None and e.arrested == arrested


def test_running_total_is_not_the_events_count(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Police arrested a militia paymaster in Amel on Monday. Since October, more than 40 members of the "
        "militia have been arrested by police.",
    )
    assert main(doc).arrested == 1  # type: ignore[union-attr]


def test_new_people_detained_later_are_added(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Troops arrested a rebel leader in Amel town on Monday. The man had ordered raids on farms. "
        "In the same raid, the troops also detained two of his guards.",
    )
    assert main(doc).arrested == 3  # type: ignore[union-attr]


def test_retold_detention_is_not_added(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Troops killed two gunmen and detained one suspect near Amel on Monday. In a house close by, "
        "the troops detained a man accused of sheltering the gunmen.",
    )
    assert main(doc).arrested == 1  # type: ignore[union-attr]


def test_headline_event_merges_into_the_lead(pipe: Pipeline) -> None:
    text = (
        "Militia Commander Detained In Korvan\n"
        "AMEL, Ruritania (March 14, 2022) - Soldiers detained a militia commander in Korvan district "
        "yesterday. The commander led attacks on villages."
    )
    doc = pipe(sitrep.make_document(text, None, id="t"))
    arrests = [e for e in doc.events if e.acled and e.acled["sub_event_type"] == "Arrests"]
    assert len(arrests) == 1  # one event, told in the headline and in the lead
    e = arrests[0]
    assert e.date is not None and e.date.start == "2022-03-13"  # the lead's "yesterday", not the dateline
    assert e is main(doc) and len(e.evidence) == 2


def test_detentions_rank_above_weapons_found(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Soldiers seized three rifles and a box of grenades in a house in Korvan on Monday. Two men living in "
        "the house were detained by the soldiers.",
    )
    assert sub(doc) == "Arrests"  # ACLED hierarchy: Arrests above Disrupted weapons use
    assert main(doc).arrested == 2  # type: ignore[union-attr]


def test_killing_takes_the_mechanism_told_later(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Army units killed several gunmen near Amel on Monday. The units spotted armed men at a farmhouse "
        "and engaged them with an air strike, killing several.",
    )
    assert sub(doc) == "Air/drone strike"


def test_air_strike_during_a_battle_is_a_battle(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Troops killed five gunmen near Amel on Monday. The gunmen opened fire on the troops. "
        "The troops called in air strikes, killing five.",
    )
    assert sub(doc) == "Armed clash"  # ACLED: an airstrike within a ground battle is one Battles event


def test_engaging_in_an_activity_is_not_fighting(pipe: Pipeline) -> None:
    doc = run(pipe, "The patrol observed several men engaging in smuggling near the border on Monday.")
    assert not any(e.trigger.text == "engaging" for e in doc.events)


def test_later_group_including_the_first_detainee_is_not_added(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Police detained a rebel leader in Amel town on Monday. The man had ordered raids on farms. "
        "Several men were detained in the raid, including the rebel leader.",
    )
    assert main(doc).arrested == 3  # type: ignore[union-attr]


def test_earlier_detention_of_another_day_is_not_added(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Soldiers detained six suspected fighters near Amel on Monday. The fighters served a chief "
        "who had been detained by troops on March 2.",
    )
    assert main(doc).arrested == 6  # type: ignore[union-attr]


def test_agentless_arrest_is_by_the_police_of_the_country(pipe: Pipeline) -> None:
    doc = run(pipe, "A teacher from Toronto was arrested in Jordan on Monday, local media reported.")
    e = main(doc)
    assert e is not None and e.place is not None and e.place.country_code == "JO"  # Toronto is the origin
    assert names(doc, e.actor) == ["Police Forces of Jordan"]
    # an agent given in the text is kept
    doc = run(pipe, "Two journalists were detained by militia fighters in Kabul on Monday.")
    assert "Police Forces of Afghanistan" not in names(doc, main(doc).actor)  # type: ignore[union-attr]
    # a named armed group in the story could be the agent: no default
    doc = run(pipe, "Three journalists were detained at Kabul airport on Monday.")
    assert names(doc, main(doc).actor) == ["Police Forces of Afghanistan"]  # type: ignore[union-attr]
    doc = run(pipe, "Taliban fighters control the city. Three journalists were detained at Kabul airport on Monday.")
    assert sub(doc) == "Arrests" and main(doc).actor == []  # type: ignore[union-attr]


def test_accidental_killing_by_state_forces_is_recorded(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "The Ruritanian Army said it was reviewing a case in Amel district where two farmers were "
        "accidentally killed on Monday.",
    )
    assert main(doc) is not None and main(doc).killed == 2  # type: ignore[union-attr]
    # without an armed party it is an accident, outside ACLED's scope
    doc = run(pipe, "A man accidentally killed his neighbour while cleaning a hunting rifle on Monday.")
    assert main(doc) is None


def test_vague_toll_gives_way_to_the_exact_figure(pipe: Pipeline) -> None:
    doc = run(
        pipe,
        "Several gunmen were killed by soldiers near Amel today. The gunmen attacked a checkpoint, "
        "and the soldiers shot back, killing two gunmen.",
    )
    assert main(doc).killed == 2  # type: ignore[union-attr]


def test_aggregation_fault_keeps_the_documents_events(pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.events.aggregate as ev_stage

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(ev_stage, "_hierarchy", boom)
    doc = run(pipe, "Soldiers detained two militants in Korvan district on Monday.")
    assert sub(doc) == "Arrests" and main(doc).arrested == 2  # type: ignore[union-attr]
