"""Classify: the PLOVER and ACLED decisions under the codebook's constraints.

The ACLED sub-event type is resolved from the frame and from context cues (weapons, protest context,
civilian or armed targets, government or non-state actor) following the codebook's hierarchy; events
outside ACLED's scope (diplomacy, crime, disasters, statements) get ``acled=None``. The learned
classifier is in `learned.py`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..document import Document
from .cand import WEAPON_MODE, WEAPON_SUB, Cand, _objects, _phrase, _span_text, _weapon, span_text
from .features import (
    CROWD,
    _armed_target,
    _civilian_target,
    _clause_text,
    _doc_scope_cues,
    _is_gov,
    _own_text,
    _scope_cues,
    _victim_tokens,
)
from .lexicon import cue, frames, has, load, pattern


def resolve_acled(c: Cand, ctx: dict[str, Any]) -> tuple[str | None, str | None]:
    """(ACLED sub-event type, PLOVER mode override) of a candidate."""
    fam = c.family
    sent = span_text(c.sent)
    fr = frames()[c.frame]
    if fam is None:
        return None, None
    if fam in ("violence", "battle", "one_sided"):
        return _resolve_violence(c, ctx, fam, sent, fr)
    if fam == "sexual":
        return "Sexual violence", None
    if fam == "abduct":
        return "Abduction/forced disappearance", None
    if fam in ("territory", "territory_gov"):
        if has("protest", sent) and c.frame == "fall":
            return None, None
        low = sent.lower()
        if (
            "without resistance" in low
            or "without a fight" in low
            or "without fighting" in low
            or "handed over" in low
            or ("withdr" in low and c.frame != "fall")
        ):
            return "Non-violent transfer of territory", None
        gov = _is_gov(c.actors, sent)
        if fam == "territory_gov" and gov is not False:
            return "Government regains territory", None
        if gov:
            return "Government regains territory", None
        return "Non-state actor overtakes territory", None
    if fam == "nonviolent_transfer":
        return "Non-violent transfer of territory", None
    if fam == "withdraw":
        if cue("forces_object").search(" ".join(_span_text(a) for a in c.actors)) or has("armed", sent):
            nxt = c.sent.doc[c.sent.end : c.sent.end + 40].text if c.sent.end < len(c.sent.doc) else ""
            low = (sent + " " + nxt).lower()
            if re.search(r"\b(seiz|took|take|entered|control|handed)", low) and re.search(
                r"\bwithout (resistance|a fight|fighting)|\ballow|\bhand", low
            ):
                return "Non-violent transfer of territory", None
            return "Change to group/activity", None
        return None, None
    if fam == "shoot_down":
        obj = " ".join(_span_text(o) for o in _objects(c.tok))
        if re.search(r"drone|uav|missile|rocket|projectile", obj):
            return "Disrupted weapons use", None
        return "Shelling/artillery/missile attack", None
    if fam == "arrest":
        recips = " ".join(_span_text(r) for r in c.recipients)
        if ctx["protest"] and (cue("protest").search(recips) or has("protest", sent)):
            sub = ctx["protest_sub"]
            return (sub if sub != "Peaceful protest" else "Protest with intervention"), None
        if has("crime", sent) and not has("nonstate", sent):
            return None, None
        gov = _is_gov(c.actors, sent)
        if gov is False:
            return "Abduction/forced disappearance", None
        if c.frame == "capture_person" and gov is None and not has("government", sent):
            return "Abduction/forced disappearance", None
        return "Arrests", None
    if fam == "obstruct":
        return "Violent demonstration" if has("protester_violence", sent) else "Peaceful protest", None
    if fam == "protest":
        if c.frame == "suppress" and ctx["protest_sub"] == "Peaceful protest":
            return "Protest with intervention", None
        return ctx["protest_sub"], None
    if fam == "riot":
        if has("mob", sent):
            return "Mob violence", "riot"
        return "Violent demonstration", None
    if fam == "property":
        if ctx["protest"] and ctx["protest_sub"] == "Violent demonstration":
            return "Violent demonstration", None
        if has("mob", sent):
            return "Mob violence", None
        return "Looting/property destruction", None
    if fam == "disrupted":
        return "Disrupted weapons use", None
    if fam == "hq":
        return "Headquarters or base established", None
    if fam == "change_group":
        return "Change to group/activity", None
    if fam == "agreement":
        return "Agreement", None
    if fam == "release":
        return "Agreement", None
    if fam == "other":
        return "Other", None
    return None, None


def _weapon_of(c: Cand, ctx: dict[str, Any], sent: str, fr: dict[str, Any]) -> str | None:
    """The weapon of a violent candidate: its clause, frame, own text, the lead's weapon, an explosion."""
    weapon = None
    sw = _weapon(_clause_text(c))
    if sw in ("chemical", "suicide"):
        weapon = sw
    weapon = weapon or fr.get("weapon") or _weapon(_own_text(c, c.args) + " " + _own_text(c, c.tok))
    weapon = weapon or sw
    if weapon is None and c.frame in ("attack", "explode", "bomb") and ctx.get("weapon") and c.sent.start < ctx["lead_end"]:
        weapon = ctx["weapon"]
    if c.frame == "explode" and weapon is None:
        weapon = "ied"
    if (
        weapon is None
        and c.frame in ("kill", "die", "wound", "attack", "target")
        and has("explosion", _clause_text(c))
        and not has("small_arms", sent)
    ):
        weapon = "ied"  # killed or wounded by an explosion: the explosion's event (codebook, Event Aggregation)
    if c.frame == "bomb" and weapon is None:
        weapon = "air" if c.tok.pos_ == "VERB" else "ied"
    return weapon


def _resolve_violence(
    c: Cand, ctx: dict[str, Any], fam: str, sent: str, fr: dict[str, Any]
) -> tuple[str | None, str | None]:
    """(ACLED sub-event type, PLOVER mode) of a violence, battle or one-sided candidate."""
    weapon = _weapon_of(c, ctx, sent, fr)
    if weapon == "ied" and has("accidental", sent):
        return "Disrupted weapons use", None
    parties = " ".join(_span_text(x) for x in c.actors + c.recipients)
    if ctx["protest"] and (cue("protest").search(parties) or (has("protest", sent) and not weapon)):
        sub = ctx["protest_sub"]
        return (sub if sub != "Peaceful protest" else "Violent demonstration"), "crowd-control"
    if _suppresses_riot(c, ctx, sent, weapon):
        return "Violent demonstration", "crowd-control"
    # codebook, Actors 4 (Identity Militias): communal, ethnic and clan violence is fought by identity
    # militias, organised armed groups: a battle or an attack on civilians, not a riot of a mob
    communal = has("identity_violence", sent) or bool(LIVELIHOOD_PAIR.search(sent))
    if has("mob", sent) and not communal:
        return "Mob violence", "primitive"
    actor_txt = " ".join(_phrase(a) for a in c.actors)
    if (
        not communal
        and actor_txt
        and CROWD.search(actor_txt)
        and not cue("armed").search(actor_txt)
        and not cue("nonstate").search(actor_txt)
        and not weapon
        and not _organised_armed(c)
    ):
        return "Mob violence", "primitive"
    if (
        not communal
        and not weapon
        and c.frame in ("clash", "fight")
        and len(c.actors) > 1
        and any(_crowd(_phrase(a)) for a in c.actors)
        and any(cue("government").search(_phrase(a).lower()) for a in c.actors)
    ):
        # codebook, Mob violence: rioters who violently interact with armed groups outside a
        # demonstration ("residents clashed with police"); two armed sides would be a battle
        return "Mob violence", "primitive"
    if (
        weapon in ("shelling", "grenade")
        and cue("small_arms").search(_own_text(c, c.args))
        and (_armed_target(c) or _is_gov(c.recipients, "") is not None)
        and not _civilian_target(c)
    ):
        # "hit the convoy with RPGs and machine guns": a ground attack on an
        # armed party with direct fire as well, which the codebook codes as a battle, not a remote attack
        weapon = None
    if weapon and fam != "battle":
        return WEAPON_SUB[weapon], WEAPON_MODE[weapon]
    if c.frame in ("clash", "fight", "ambush", "offensive", "invade") or fam == "battle":
        return "Armed clash", None
    if fam == "one_sided" or c.frame == "assassinate":
        if (
            _armed_target(c)
            and not _civilian_target(c)
            and c.frame not in ("massacre", "beat", "torture")
        ):
            return "Armed clash", None
        return "Attack", None
    # attack / kill / shoot / wound: armed targets -> battle, anyone else -> violence against civilians
    if re.search(
        r"\b(unarmed|surrendered|detained|captive|prisoners?)\b",
        " ".join(_span_text(r) for r in c.recipients + _victim_tokens(c)),
    ):
        return (
            "Attack",
            None,
        )  # codebook: killing unarmed or detained combatants is violence against civilians
    if _armed_target(c):
        return "Armed clash", None
    victims = " ".join(_span_text(v) for v in _victim_tokens(c))
    if c.recipients and not any(r.pos_ in ("NOUN", "PROPN") and not r.like_num for r in c.recipients):
        victims = victims or " ".join(_span_text(r) for r in c.recipients)
    elif c.recipients:
        return "Attack", None
    if victims:
        armed_v = (cue("armed").search(victims) or cue("nonstate").search(victims)
                   or (communal and not has("civilian", sent)))
        return (
            ("Armed clash", None) if armed_v and not cue("civilian").search(victims) else ("Attack", None)
        )
    armed_ctx = has("armed", sent) or communal
    return ("Armed clash", None) if armed_ctx and not has("civilian", sent) else ("Attack", None)


LIVELIHOOD_PAIR = pattern("livelihood_pair")
CASUALTY_FRAMES = frozenset({"kill", "shoot", "wound", "die"})


def _suppresses_riot(c: Cand, ctx: dict[str, Any], sent: str, weapon: str | None) -> bool:
    """State forces killing, shooting or wounding in the lead of a riot story: codebook, interaction 15
    (state forces versus rioters: the suppression of a violent demonstration is the riot's event)."""
    riot = ctx.get("riot") or (ctx["protest"] and ctx["protest_sub"] == "Violent demonstration")
    return bool(
        riot
        and weapon is None
        and c.frame in CASUALTY_FRAMES
        and c.sent.start < ctx["lead_end"]
        and _is_gov(c.actors, sent) is True
        and not _armed_target(c)
        and not has("identity_violence", sent)
    )


def _organised_armed(c: Cand) -> bool:
    """An actor described as armed with firearms or as a non-state armed group ("masked men armed with a
    gun", "people believed to be militants"): an organised armed actor, not rioters (codebook, Actors)."""
    full = " ".join(_span_text(a) for a in c.actors)
    return bool(
        full
        and (
            cue("small_arms").search(full)
            or re.search(r"\barmed with\b[^.]*\b(guns?|firearms?|rifles?|pistols?|ak-?47s?)\b", full)
            or cue("nonstate").search(full)
            or cue("armed").search(full)
        )
    )


def _crowd(phrase: str) -> bool:
    """A crowd that is not an armed group: villagers, residents, youths (words.json `crowd`)."""
    return bool(CROWD.search(phrase)) and not cue("armed").search(phrase) and not cue("nonstate").search(phrase)


def _non_acled(c: Cand, sub: str | None, ctx: dict[str, Any] | None = None) -> bool:
    """Disasters, accidents, crime and attribution statements are outside ACLED's scope."""
    if sub is None:
        return False
    if ctx is None:
        ctx = {}
    sf = _scope_cues(ctx, c)
    political = sf["political"]
    if sf["disaster"] and not political and sub not in ("Agreement",):
        return True
    if ctx.get("industrial_blast") and not political and c.frame in ("explode", "kill", "die", "wound", "destroy"):
        return True  # equipment that exploded: an industrial accident (features._industrial_blast)
    if _organised_crime_violence(c, sub) or _vigilante_violence(c, sub):
        return False
    # the lead's scope: an accident or a crime story, with no political actor anywhere in it
    in_lead = c.sent.start < ctx.get("lead_end", 0)
    df = _doc_scope_cues(ctx, c) if in_lead else None
    if df is not None and not df["political"]:
        if df["accident"] and c.frame in ("explode", "kill", "die", "wound", "destroy"):
            return True
        if df["crime"] and sub in (
            "Attack",
            "Grenade",
            "Arrests",
            "Abduction/forced disappearance",
            "Armed clash",
            "Mob violence",
            "Looting/property destruction",
        ):
            return True
    if (
        sf["accident"]
        and not political
        and c.frame in ("explode", "kill", "die", "wound", "destroy", "attack", "fight")
    ):
        return True
    if (
        sf["crime"]
        and not political
        and sub
        in (
            "Attack",
            "Arrests",
            "Looting/property destruction",
            "Abduction/forced disappearance",
            "Disrupted weapons use",
            "Armed clash",
        )
    ):
        if not (sub == "Disrupted weapons use" and c.frame in ("weapons_seized", "find")):
            return True
    # "X claimed responsibility for the attack": the statement, not the attack, is the news
    if (c.tok.pos_ == "NOUN" and c.args == c.tok) or (
        c.tok.tag_ == "VBG" and c.tok.dep_ in ("pcomp", "pobj")
    ):
        h = c.tok
        for _ in range(3):
            if h.head == h:
                break
            h = h.head
            if h.lemma_.lower() in (
                "responsibility",
                "blame",
                "accuse",
                "accusation",
                "condemn",
                "allegation",
                "deny",
                "describe",
                "responsible",
            ):
                return True
    return False


ORGANISED_CRIME = pattern("organised_crime")
# frames of force against people: killing, shooting, attacking, fighting, abducting
FORCE_FRAMES = frozenset({"kill", "shoot", "wound", "attack", "clash", "fight", "ambush", "assassinate",
                          "massacre", "abduct"})


def _organised_crime_violence(c: Cand, sub: str) -> bool:
    """Force used by an organised criminal group (gangs, cartels, cattle rustlers) against people: codebook,
    "ACLED includes organized criminal violence as political violence when it challenges safety, security,
    and territorial control within a state" (definition of political violence, footnote 1). Robberies,
    thefts, smuggling and arrests of gang members stay ordinary crime (not force against people)."""
    return (
        sub in ("Attack", "Armed clash", "Abduction/forced disappearance")
        and c.frame in FORCE_FRAMES
        and ORGANISED_CRIME.search(span_text(c.sent)) is not None
    )


SUSPECTED_OFFENDER = pattern("suspected_offender")
# frames of a mob's force against people or their property (the weapons of a mob: stones, sticks, fire)
MOB_FRAMES = FORCE_FRAMES | {"beat", "torture", "destroy"}


def _vigilante_violence(c: Cand, sub: str) -> bool:
    """A mob's force against suspected criminals ("villagers lynched a suspected thief"): codebook, Mob
    violence ("spontaneous vigilante mobs clashing with other armed groups or attacking civilians") and
    Rioters ("a vigilante mob that mobilizes for perceived justice"): political violence, not crime."""
    if sub != "Mob violence" or c.frame not in MOB_FRAMES:
        return False
    sent = span_text(c.sent)
    return has("mob", sent) or SUSPECTED_OFFENDER.search(sent) is not None


@functools.cache
def _defunct_first_words() -> tuple[str, ...]:

    return tuple({w.split(" ", 1)[0].rstrip("*") for w in load("cues.json")["defunct_entities"]})


def _defunct_possible(ctx: dict[str, Any], doc: Document) -> bool:
    """Whether a defunct-entity cue can match anywhere in the document: every match starts with the first
    word of a cue, and that word lies inside one token, so a document without it needs no clause scan."""
    v = ctx.get("_defunct")
    if v is None:
        low = doc.text.lower()
        v = ctx["_defunct"] = any(w in low for w in _defunct_first_words())
    return v
