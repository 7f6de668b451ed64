"""Features of a candidate and its document: casualties, negation and modality, weapons, civilian or
armed targets, government actors, protest context and the scope cues of the lead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..nlp import modality as shared_modality
from . import magnitude as mag
from .cand import SUBJ, Cand, Sent, Token, _lemma, _personish, _phrase, _span_text, _weapon, span_text
from .lexicon import cue, has, load, pattern, words


def cumulative(c: Cand) -> bool:
    """A running total ("have held over 40 commanders since January"), not one event's count."""
    return _running_total(c.tok) or _running_total(c.args)


def _running_total(x: Token) -> bool:
    for ch in x.children:
        if ch.dep_ in ("prep", "mark") and ch.lower_ == "since" and any(True for _ in ch.children):
            return True
        if ch.dep_ == "advmod" and ch.lower_ == "far" and any(a.lower_ == "so" for a in ch.children):
            return True
    return False


def _purpose(t: Token) -> bool:
    """An infinitive that names an aim, not a deed: "a raid to detain a commander", "sought to capture"."""
    if t.tag_ != "VB" or not any(ch.dep_ == "aux" and ch.tag_ == "TO" for ch in t.children):
        return False
    return _lemma(t.head) not in words("realised_infinitive_heads")


# ---------------------------------------------------------------- magnitudes
KILL = words("kill")
WOUND = words("wound")
ARREST = words("arrest")


def _personish_np(t: Token) -> bool:
    """A person, also behind a mis-parsed name: "captured a Liberation Front of Korvan courier" (the name parsed as the object)."""
    if _personish(t):
        return True
    return t.pos_ == "PROPN" and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and _personish(o) for o in p.children)
        for p in t.children
    )


def casualties(sent: Sent, toks: list[Token] | None = None) -> tuple[int | None, int | None, int | None]:
    """(killed, injured, arrested) stated in one sentence (`toks`: its tokens, when the caller has them)."""
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None

    def upd(cur: int | None, v: int | None) -> int | None:
        if v is None:
            return cur
        return v if cur is None else max(cur, v)

    for t in sent if toks is None else toks:
        lem = _lemma(t)
        if t.pos_ == "VERB" or (t.tag_ == "VBN"):
            victims = mag.victims_of(t)
            lethal = lem in KILL or mag.lethal_result(t)  # "killed", "shot dead", "hacked to death"
            if lethal or lem in WOUND or lem in ARREST:
                if lem in ("capture", "seize", "take") and victims and not _personish_np(victims[0]):
                    continue
                if lem == "take" and not any(c.dep_ == "prep" and c.lower_ == "into" for c in t.children):
                    continue
                if any(c.dep_ == "neg" for c in t.children) or _purpose(t) or _running_total(t):
                    continue  # not done, only aimed at; or a campaign's running total
                n = None
                for v in victims:
                    cnt = mag.count_of(v)
                    if cnt is not None:
                        n = cnt if n is None else (n + cnt if v.head.lower_ == "with" else max(n, cnt))
                if lethal:
                    if mag.or_conjoined(t, WOUND):
                        killed = upd(killed, 0)  # ACLED: casualties of unknown kind -> 0 fatalities
                    else:
                        killed = upd(killed, n)
                elif lem in WOUND:
                    if not mag.or_conjoined(t, KILL):
                        injured = upd(injured, n)
                elif n is not None:  # different arrest verbs in one sentence hold different people: add up
                    arrested = n if arrested is None else arrested + n
            killed = upd(killed, mag.lives_taken(t))  # "claimed the lives of three people"
            if lem in ("leave", "leaving"):  # "leaving dozens injured", "left three dead"
                objs = [c for c in t.children if c.dep_ in ("dobj",)]
                if objs and objs[0].lower_ == "dead":  # "leaving three dead": the number modifies "dead"
                    killed = upd(killed, mag.count_of(objs[0]))
                comp = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")] + [
                    x for o in objs for x in o.children if x.dep_ in ("amod", "acl")
                ]
                for c in comp:
                    target = objs[0] if objs else None
                    if c.lower_ == "dead" and target is not None:
                        killed = upd(killed, mag.count_of(target))
                    if c.lower_ in ("injured", "wounded") and target is not None:
                        injured = upd(injured, mag.count_of(target))
                    if c.dep_ == "ccomp":
                        s = [x for x in c.children if x.dep_ in SUBJ]
                        if s and c.lower_ in ("dead",):
                            killed = upd(killed, mag.count_of(s[0]))
            if lem in words("sustain_verbs") and any(
                _lemma(c) in words("injury_nouns") for c in t.children if c.dep_ == "dobj"
            ):
                s = [c for c in t.children if c.dep_ in SUBJ]
                if s:
                    injured = upd(injured, mag.count_of(s[0]))
        elif t.pos_ == "NOUN" and (lem in KILL or lem in ARREST) and lem not in words("verb_only_lemmas"):
            # "confirmed the arrest of a senior leader", "the killing of two aid workers"
            if _running_total(t) or mag.over_a_killing(t):
                continue
            n = None
            for v in mag.victims_of(t):
                if _personish(v) or lem not in ("capture", "seize"):
                    cnt = mag.count_of(v)
                    n = cnt if n is None or cnt is None else max(n, cnt)
            if lem in KILL:
                killed = upd(killed, n)
            elif n is not None:
                arrested = upd(arrested, n)
        elif t.lower_ == "dead" and t.dep_ in ("amod", "ROOT", "acomp", "oprd"):
            tgt = t.head if t.dep_ == "amod" else next((c for c in t.children if c.dep_ in SUBJ), None)
            if t.dep_ == "acomp":
                tgt = next((c for c in t.head.children if c.dep_ in SUBJ), None)
            if tgt is not None:
                killed = upd(killed, mag.count_of(tgt))
            elif any(c.dep_ in ("nummod", "quantmod") for c in t.children):  # "12 dead.", "One dead"
                killed = upd(killed, mag.count_of(t))
        elif t.lower_ in ("injured", "wounded") and t.dep_ in ("amod", "acomp") and t.pos_ == "ADJ":
            tgt = t.head if t.dep_ == "amod" else next((c for c in t.head.children if c.dep_ in SUBJ), None)
            if tgt is not None and tgt.lower_ not in ("who",):
                injured = upd(injured, mag.count_of(tgt))
        elif lem in ("toll",) and t.pos_ == "NOUN":
            for x in t.head.subtree:
                if x.dep_ == "pobj" and x.head.lower_ == "to" and x.like_num:
                    killed = upd(killed, mag.word_value(x.text))
        elif mag.bodies_found(t) is not None:  # "the bodies of four men were found"
            killed = upd(killed, mag.bodies_found(t))
        elif t.pos_ == "NOUN" and lem in ("death", "fatality", "casualty") and lem != "casualty":
            n = mag.count_of(t) if any(c.dep_ == "nummod" for c in t.children) else None
            killed = upd(killed, n)
    return killed, injured, arrested


# ---------------------------------------------------------------- negation and modality
@functools.cache
def _modality_tables() -> dict[str, Any]:
    """The shared modality cues (`sitrep.nlp.modality`) with this stage's own labels (data/modality.json)."""
    lex, own = shared_modality.lexicon(), load("modality.json")
    return {
        "modal_aux": shared_modality.relabelled(lex.modal_aux, own["modal_aux_overrides"]),
        "conditional_marks": shared_modality.adjusted(lex.conditional_marks, own["conditional_marks_overrides"]),
        "negating_heads": lex.negating_heads,
        "modal_heads": shared_modality.relabelled(lex.heads, own["head_overrides"]),
        "planning_nouns": frozenset(own["planning_nouns"]),
    }


def negation_modality(c: Cand) -> tuple[bool, str | None]:
    m = _modality_tables()
    t, v = c.tok, c.args
    negated = False
    modality: str | None = None
    chain = [t]
    if v != t:
        chain.append(v)
    x = v
    for _ in range(3):  # climb through xcomp/ccomp/conj heads: "ready to negotiate", "failed to conquer"
        if (
            x.dep_
            in ("xcomp", "acomp", "prep", "pcomp", "acl", "dobj", "pobj", "ccomp", "advcl", "relcl", "conj")
            and x.head != x
        ):
            if x.dep_ in ("ccomp", "advcl", "relcl", "conj") and not any(
                a.dep_ == "mark" and a.lower_ == "to" for a in x.children
            ):
                if x.dep_ != "conj":
                    break
            x = x.head
            chain.append(x)
        else:
            break
    for k, node in enumerate(chain):
        for ch in node.children:
            if ch.dep_ == "neg" or (
                ch.dep_ == "det" and ch.lower_ == "no" and node.pos_ == "NOUN" and node == t
            ):
                if k == 0 or node.dep_ != "ccomp":
                    negated = True
            if ch.dep_ == "aux" and ch.lower_ in m["modal_aux"] and modality is None:
                modality = m["modal_aux"][ch.lower_]
            if ch.dep_ == "mark" and ch.lower_ in m["conditional_marks"]:
                modality = "conditional"
        if k > 0 and _lemma(node) in m["negating_heads"]:
            negated = True
        if k > 0 and _lemma(node) in m["modal_heads"] and (modality is None or modality == "future"):
            modality = m["modal_heads"][_lemma(node)]
        if node.lower_ in words("readiness") and k > 0:
            modality = "ready"
    if t.pos_ == "VERB" and any(
        ch.dep_ in ("nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in ch.children)
        for ch in t.children
    ):
        negated = True  # "no shots were fired", "fired no shots"
    h = t
    for _ in range(3):  # "without firing their weapons", "without shots fired"
        if h.head == h:
            break
        h = h.head
        if h.dep_ == "prep" and h.lower_ == "without":
            negated = True
            break
    # passive "to be negotiated", "a deal to be reached"
    if any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in v.children) and v.dep_ in ("acl", "relcl"):
        modality = modality or "proposed"
    if c.frame == "pledge" and t.pos_ in ("ADJ",) or (c.frame == "pledge" and t.dep_ == "acomp"):
        modality = modality or "ready"
    if (
        v.dep_ == "advcl"
        and any(a.dep_ in ("aux", "mark") and a.lower_ == "to" for a in v.children)
        and not any(a.dep_ == "mark" and a.lower_ in ("in", "order") for a in v.children)
    ):
        modality = modality or "purpose"  # purpose clause: "battles to conquer it"
    if t.pos_ == "NOUN" and any(
        a.dep_ == "acl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in a.children) for a in t.children
    ):
        modality = modality or "proposed"  # "an agreement to be negotiated"
    if t.pos_ == "NOUN" or (t.dep_ == "acl" and t.head.pos_ == "NOUN"):
        nh = t if t.pos_ == "NOUN" else t.head
        if any(
            a.dep_ == "amod"
            and a.lower_
            in words("failed_attempt")
            for a in nh.children
        ):
            negated = True  # "unsuccessful battles to conquer it", "a foiled attack"
    if t.pos_ == "NOUN":
        h = t.head if t.dep_ != "pobj" else t.head.head
        if _lemma(h) in m["planning_nouns"] or _lemma(h) in m["modal_heads"] and h != t:
            modality = modality or m["modal_heads"].get(_lemma(h), "proposed")
    return negated, modality


def _is_gov(tokens: list[Token], sent_text: str) -> bool | None:
    """Whether the (first) actor is a government force (True), a non-state group (False) or unknown."""
    for t in tokens[:1]:
        txt = _phrase(t)
        if cue("nonstate_named").search(txt):
            return False
        if cue("government").search(txt):
            return True
        if cue("nonstate").search(txt):
            return False
    return None


def _civilian_target(c: Cand) -> bool:
    txt = " ".join(_span_text(r) for r in c.recipients)
    if not txt:
        return False
    return bool(cue("civilian").search(txt)) and not cue("armed").search(txt)


def _clause_text(c: Cand) -> str:
    """The sentence without relative clauses, appositions and background phrases that describe other events."""
    skip = _clause_skip(c)
    return " ".join(t.text for t in c.sent if t.i not in skip)


def _own_text(c: Cand, t: Token) -> str:
    """The phrase of `t` (lower case, original spacing) without the parts `_clause_skip` leaves out: what the
    victims carried or did ("killed several would-be suicide bombers", "engaged an individual armed with a
    grenade") is not the weapon of the event."""
    skip: set[int] = set()
    keep = {c.tok.i, c.args.i}
    for r in c.recipients + _victim_tokens(c):
        if not _personish(r) or r.i in keep:
            continue  # "grenades were hurled at ...": the thing thrown is the weapon
        rs = {x.i for x in r.subtree}
        if c.tok.i in rs:
            continue
        skip |= rs - keep
    for x in t.subtree:  # background phrases: "killed four rebels after coming under mortar fire"
        if x.i not in keep and (
            (x.dep_ == "prep" and x.lower_ in ("prior", "before", "after", "since"))
            or (
                x.dep_ == "advcl"
                and any(
                    m.dep_ in ("mark", "prep") and m.lower_ in ("after", "before", "since")
                    for m in x.children
                )
            )
        ):
            skip.update(y.i for y in x.subtree if y.i not in keep)
    sd = t.doc
    return "".join(x.text_with_ws for x in sd[t.left_edge.i : t.right_edge.i + 1] if x.i not in skip).lower()


def _clause_skip(c: Cand) -> set[int]:
    if c._skip is not None:
        return c._skip
    sent = c.sent
    keep = {c.tok.i, c.args.i}
    # the weapon is not what the victims carried: "killed several would-be suicide bombers"
    own = {x.i for x in c.tok.subtree}
    skip: set[int] = set()
    for r in c.recipients + _victim_tokens(c):
        rs = {x.i for x in r.subtree}
        if (
            c.tok.i in rs
        ):  # "villagers struck by a bombing raid using nerve agent": the trigger sits inside the phrase
            rs -= own | {x.i for x in c.args.subtree}
        skip |= rs - keep
    for t in sent:
        if t.i in keep:
            continue
        if (
            t.dep_ in ("relcl", "appos")
            or (t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"))
            or (
                t.dep_ == "prep"
                and t.lower_ in ("for", "prior", "before", "after", "despite", "amid", "since")
            )
            or (t.dep_ == "amod" and t.lower_ in ("responsible", "linked", "involved"))
        ):
            skip.update(x.i for x in t.subtree if x.i not in keep)
    c._skip = skip
    return skip


ORGANISED_CRIME = pattern("organised_crime")


def _armed_target(c: Cand) -> bool:
    """Targets that are an armed party: forces, non-state armed groups, organised criminal groups (the codebook
    names gangs as armed actors, "Unidentified Gang"; a fight of police with a gang is a battle)."""
    txt = " ".join(_phrase(r) for r in c.recipients + _victim_tokens(c))
    armed = cue("armed").search(txt) or cue("nonstate").search(txt) or ORGANISED_CRIME.search(txt)
    return bool(armed) and not (
        cue("civilian").search(txt) and not cue("armed").search(" ".join(_phrase(r) for r in c.recipients))
    )


def _victim_tokens(c: Cand) -> list[Token]:
    out = []
    for t in [c.tok, *c.extra]:
        if _lemma(t) in KILL | WOUND | {"attack", "shoot", "target"}:
            out.extend(mag.victims_of(t))
    return out


CROWD = pattern("crowd")


@dataclass
class _Txt:
    text: str


RIOT_GEAR = pattern("riot_gear")
ROAD_BLOCK = pattern("road_block")
RIOT_WORDS = pattern("riot_words")  # general English: riot, riots, rioting, rioters


# an arrest the protest is about ("protest against the arrests", "after the arrest of", "calling for the release
# of X, who was arrested"): the protest's cause, not an intervention in it (codebook, Protest with intervention:
# a physical attempt to disperse or suppress the protest)
ARREST_CAUSE = re.compile(
    r"(?i)\b(?:against|over|after|following|condemning|denouncing)\b(?:\s+[\w'-]+){0,5}?\s+"
    r"(?:arrests?|arrested|detentions?|detained)\b"
    r"|\brelease of\b[^.]*?\b(?:arrested|detained)\b"
    r"|\b(?:who|which) (?:was|were|had been|has been|have been) (?:arrested|detained)\b"
)


def protest_context(sents: list[Sent]) -> tuple[bool, str]:
    """Whether a snippet is about a demonstration, and which protest/riot sub-event it amounts to."""
    sents = [_Txt(RIOT_GEAR.sub("police", span_text(s))) for s in sents]
    text = " ".join(s.text for s in sents)
    if not has("protest", text):
        return False, "Peaceful protest"
    # the sentences that name the demonstration and the one after each (what the demonstrators did next)
    at = [i for i, s in enumerate(sents) if has("protest", s.text)]
    prot_sents = [s.text for s in sents if has("protest", s.text)]
    near = " ".join(prot_sents)
    after = " ".join(sents[i + 1].text for i in at if i + 1 < len(sents) and i + 1 not in at)
    low = near.lower()
    if has("protester_violence", near) or ROAD_BLOCK.search(near) or (ROAD_BLOCK.search(after) and not has("government", after)) or (
        has("protester_violence", after) and not has("protest_intervention", after)
    ):
        return True, "Violent demonstration"
    if has("protest_lethal", near) and not re.search(
        r"\b(protest|demonstrat|rall)\w* (against|over|after|following)[^.]*\bkill", low
    ):
        return True, "Excessive force against protesters"
    near_i, after_i = ARREST_CAUSE.sub(" ", near), ARREST_CAUSE.sub(" ", after)
    if has("protest_intervention", near_i) or (has("protest_intervention", after_i) and has("government", after_i)):
        return True, "Protest with intervention"
    return True, "Peaceful protest"


# ---------------------------------------------------------------- the stage
LEAD_SENTS = 6  # the lead of a news story: the sentences that state what the story is about


INDUSTRIAL_OBJECTS = words("industrial_objects")


def _industrial_blast(sents: list[Any]) -> bool:
    """The lead tells of equipment or an installation that exploded ("a furnace at the plant exploded", "a
    storage tank blew up"): an industrial accident, which ACLED does not record (general English names of
    equipment and installations that explode by accident; codebook: accidents are no political violence)."""
    for s in sents:
        for t in s:
            if t.pos_ == "VERB" and t.lemma_.lower() in ("explode", "blow", "burst"):
                if any(c.dep_ == "nsubj" and c.lemma_.lower() in INDUSTRIAL_OBJECTS for c in t.children):
                    return True
    return False


def _context(sents: list[Any]) -> dict[str, Any]:
    # The lead's weapon and scope (accident, crime, political) carry over to events told in the lead, in
    # an article of any length; events further down are judged on their own sentence.
    lead_end = sents[min(LEAD_SENTS, len(sents)) - 1].end if sents else 0
    protest, protest_sub = protest_context(sents[:LEAD_SENTS])
    riot = any(RIOT_WORDS.search(RIOT_GEAR.sub("police", span_text(s))) for s in sents[:LEAD_SENTS])
    weapon = None
    for s in sents[:4]:
        weapon = _weapon(span_text(s))
        if weapon:
            break
    return {
        "lead_end": lead_end,
        "industrial_blast": _industrial_blast(sents[:LEAD_SENTS]),
        "protest": protest,
        "protest_sub": protest_sub,
        "riot": riot,
        "weapon": weapon,
    }


def _common_words(toks: Any) -> str:
    """The text of `toks` without capitalised proper nouns: "Storm Corps" or "Protestant" are names, not cues."""
    return " ".join(t.text for t in toks if not (t.pos_ == "PROPN" and t.text[:1].isupper()))


def _scope_cues(ctx: dict[str, Any], c: Cand) -> dict[str, bool]:
    """Cue flags of the candidate's sentence, computed once per sentence (`_doc_scope_cues`: per document)."""
    cache = ctx.setdefault("_scope", {})
    key = c.sent.start
    sf = cache.get(key)
    if sf is None:
        toks = ctx.get("_toks")
        sent = _common_words(c.sent if toks is None else toks[c.sent.start : c.sent.end])
        sf = {
            "political": has("nonstate", sent)
            or has("weapon", sent, "air")
            or has("weapon", sent, "suicide")
            or has("protest", sent),
            "disaster": has("disaster", sent),
            # "accidentally killed" is an accident unless armed forces did it ("the army ... two civilians
            # were accidentally killed" is a civilian toll of an operation, which ACLED records)
            "accident": has("accident", sent)
            or (
                has("accidental_harm", sent)
                and not has("government", c.sent.text)  # names count here: "the Ruritanian Army"
                and not _state_actor_in(ctx, c.sent)
            ),
            "crime": has("crime", sent),
        }
        cache[key] = sf
    return sf


STATE_KINDS = frozenset({"military", "police", "government"})


def _state_actor_in(ctx: dict[str, Any], sent: Any) -> bool:
    """Whether the actors stage found a state force in the sentence ("The International Security
    Assistance Force ...")."""
    doc = ctx.get("_doc")
    if doc is None:
        return False
    s0, s1 = sent.start_char, sent.end_char
    return any(a.kind in STATE_KINDS and any(s0 <= m.start < s1 for m in a.mentions) for a in doc.actors)


def _doc_scope_cues(ctx: dict[str, Any], c: Cand) -> dict[str, bool]:
    cache = ctx.setdefault("_scope", {})
    df = cache.get("doc")
    if df is None:
        toks = ctx.get("_toks")
        lead_end = ctx.get("lead_end", len(c.sent.doc))
        doc_text = _common_words(c.sent.doc[:lead_end] if toks is None else toks[:lead_end])
        df = {
            "political": has("nonstate", doc_text)
            or has("protest", doc_text)
            or has("weapon", doc_text, "air")
            or has("weapon", doc_text, "suicide")
            or has("government", doc_text)
            and has("armed", doc_text),
            "accident": has("accident", doc_text)
            or (has("accidental_harm", doc_text) and not has("government", c.sent.doc.text)),
            "crime": has("crime", doc_text),
        }
        cache["doc"] = df
    return df
