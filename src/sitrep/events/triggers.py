"""Triggers: candidate events from the dependency parse (high recall).

One pass per sentence finds trigger words (verbs, event nouns, verb+particle and verb+object
phrases, see data/triggers.json) and gives each a frame (data/frames.json).
"""

from __future__ import annotations

import functools
import re

from .cand import (
    DEMAND_HEADS,
    PERSON_NOUN,
    SUBJ,
    Token,
    _hyphen_word,
    _lemma,
    _objects,
    _personish,
    _phrase,
    _span_text,
    _subject,
    _weapon,
)
from .headline import headline_parts
from .lexicon import cue, has, triggers, words

MATERIAL_NOUNS = words("material_nouns")  # nouns that name stuff, typed by a modifier


def _verb_keys(t: Token) -> list[str]:
    low = t.lower_
    keys = [t.lemma_.lower(), low]
    irr = triggers().get("irregular", {})
    if low in irr:
        keys.insert(0, irr[low])
    for suf, add in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("s", "")):
        if low.endswith(suf) and len(low) > len(suf) + 2:
            keys.append(low[: -len(suf)] + add)
    if len(low) > 5 and low.endswith("ed") and low[-3] == low[-4]:  # "kidnapped"
        keys.append(low[:-3])
    return keys


def _is_place(t: Token) -> bool:
    if t.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    text = " ".join(x.lower_ for x in t.subtree if x.dep_ in ("compound", "amod") or x == t)
    return bool(cue("territory_object").search(t.lower_)) or bool(
        cue("territory_object").search(text) and t.pos_ == "NOUN" and t.lower_ not in ("people",)
    )


def _is_weapons(t: Token) -> bool:
    if PERSON_NOUN.search(t.lower_):
        return False  # "a rebel roadside-bomb cell leader" is a person, whatever the modifiers
    if cue("weapons_container").search(t.lower_) and cue("weapons_object").search(_span_text(t)):
        return True  # "a stash of firearms", "a depot containing weapons"
    if bool(cue("weapons_object").search(t.lower_)) or bool(
        any(cue("weapons_object").search(c.lower_) for c in t.children if c.dep_ in ("compound", "conj"))
    ):
        return True
    # a generic material noun typed by its modifier: "explosive materials", "bomb-making equipment"
    return t.lower_ in MATERIAL_NOUNS and any(
        cue("weapons_object").search(c.lower_) for c in t.children if c.dep_ == "amod"
    )


def _is_prisoner(t: Token) -> bool:
    return bool(cue("prisoner").search(_span_text(t)))


def _frame_for(t: Token) -> tuple[str | None, Token]:
    """(frame, args-token) of a trigger candidate token, or (None, t)."""
    f, a = _frame_for_token(t)
    if (
        f is None
        and t.pos_ == "VERB"
        and t.dep_ == "ccomp"
        and _lemma(t.head) in DEMAND_HEADS
        and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in t.children)
    ):
        return "request", t  # "X declared that Y must drop barriers": a demand by X
    return f, a


@functools.cache
def _phrase_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """First words of the verb+particle and verb+object phrases (a cheap test before the child scan)."""
    tr = triggers()
    return (
        frozenset(k.split(" ", 1)[0] for k in tr["verb_particle"]),
        frozenset(k.split(" ", 1)[0] for k in tr["verb_object"]),
    )


TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})


@functools.cache
def _not_event_preps() -> frozenset[str]:
    return frozenset(triggers().get("verb_prep_not_event", []))


def _frame_for_token(t: Token) -> tuple[str | None, Token]:
    pos = t.pos_
    if pos not in TRIGGER_POS:
        return None, t  # no branch below reads other parts of speech
    tr = triggers()
    lem = _lemma(t)
    low = t.lower_
    if pos == "VERB" and t.dep_ == "amod":
        return None, t
    if (
        t.pos_ in ("ADJ", "VERB")
        and t.dep_ in ("acomp", "ROOT")
        and lem in tr.get("adjective", {})
        and any(c.dep_ == "xcomp" for c in t.children)
    ):
        return (
            tr["adjective"][lem],
            t,
        )  # "X is willing to ...": willingness to cooperate (PLOVER AGREE)  # "the detained journalists", "the occupied territories": a state, not an event
    if pos == "VERB":
        return _verb_frame(t, lem)
    if (
        t.pos_ == "NOUN"
        or (t.pos_ == "PROPN" and t.is_lower)
        or (t.pos_ == "PROPN" and t.is_title and t.i == t.sent.start and not t.ent_type_)  # "Clashes in ..."
        or (t.pos_ == "VERB" and t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj"))
    ):
        hp = headline_parts(t) if t.dep_ == "compound" else None
        if hp is not None:
            return hp[0], t  # "Gunmen attack bus": a headline verb parsed as a compound noun
        return _noun_frame(t, lem, low)
    return None, t


def _phrase_frame(t: Token, lem: str) -> str | None:
    """The frame of a verb+particle or verb+object phrase ("set up", "declared martial law")."""
    tr = triggers()
    vp_first, vo_first = _phrase_verbs()
    f = _verb_object_frame(t, lem) if lem in vo_first else None
    if f:
        return f  # the object names the event before the particle does ("set up roadblocks": road-blocking)
    if lem in vp_first:
        prts = [c.lower_ for c in t.children if c.dep_ == "prt"]
        for p in prts:
            f = tr["verb_particle"].get(f"{lem} {p}")
            if f:
                return f
    return None


def _verb_object_frame(t: Token, lem: str) -> str | None:
    """The frame of a verb+object phrase: the verb's object (or a modifier of it) with the verb's lemma."""
    tr = triggers()
    # objects, prepositional objects, and resultative complements ("set the office ablaze", "was set ablaze")
    objs = [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass", "oprd", "advmod", "acomp")]
    for c in t.children:
        if c.dep_ == "prep":
            objs.extend(x for x in c.children if x.dep_ == "pobj")
    for o in objs:
        f = tr["verb_object"].get(f"{lem} {_lemma(o)}")
        if f:
            return f
        for mod in o.children:  # "declared a state of emergency", "declared martial law"
            if mod.dep_ in ("amod", "compound", "prep"):
                for x in [mod, *mod.children]:
                    f = tr["verb_object"].get(f"{lem} {_lemma(x)}")
                    if f:
                        return f
    return None


def _verb_frame(t: Token, lem: str) -> tuple[str | None, Token]:
    """(frame, t) of a verb trigger: the lexicon frame, then the checks on its subject and objects."""
    tr = triggers()
    f = _phrase_frame(t, lem)
    if f:
        return f, t
    f = None
    for k in _verb_keys(t):
        f = tr["verb"].get(k)
        if f:
            lem = k
            break
    if f is None and lem != "fall":
        return None, t  # every rule below needs a verb frame, except "fall to"
    if any(c.dep_ == "prep" and f"{lem} {c.lower_}" in _not_event_preps() for c in t.children):
        return None, t
    hw = _hyphen_word(t)
    if (
        hw
        and t.i > 0
        and t.doc[t.i - 1].text == "-"
        and t.dep_ in ("amod", "compound", "npadvmod")
        and f != "rape"
    ):
        return None, t  # "insurgency-hit", "rebel-held"
    if (
        f in ("capture_territory", "control")
        and lem in ("occupy", "control", "hold")
        and (t.dep_ in ("acl", "amod", "compound") or t.tag_ in ("VBZ", "VBP"))
    ):
        return None, t  # "the occupied West Bank", "fighters occupying the town" (a state)
    if f == "attack" and any(c.lower_ in ("sexually",) for c in t.children):
        f = "rape"
    if lem == "target" and not _targeted_with_force(t):
        return None, t  # "the tax targets the rich", "a campaign targeting voters": no violence
    if f is None and lem == "fall":
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "into"):
                return "fall", t
        return None, t
    if f == "request" and lem == "call":
        if not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in t.children):
            return None, t
    for check in (_check_device_verbs, _check_seizure_verbs):
        r = check(t, f, lem)
        if r is not None:
            return r
    return f, t


def _targeted_with_force(t: Token) -> bool:
    """ "target" is an attack when a weapon is its instrument or agent ("targeted a patrol with an IED", "was
    targeted by a roadside bomb", "targeted in a roadside explosion"); otherwise it is too often an operation,
    a policy or a campaign aimed at someone ("troops targeted a rebel commander and bomb maker")."""
    heads = [t, *_objects(t)]
    for h in heads:
        for p in h.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in ("with", "by", "in"):
                if any(_weapon(_span_text(o)) for o in p.children if o.dep_ == "pobj"):
                    return True
    return False


def _check_device_verbs(t: Token, f: str | None, lem: str) -> tuple[str | None, Token] | None:
    """Object and subject checks of recover/destroy/find/defuse/drop/use/throw/obstruct/restrict/
    suppress/displace; None when no check decides."""
    if f == "recover":
        obj = _objects(t)
        if not obj:
            return None, t
        f = (
            "weapons_seized"
            if _is_weapons(obj[0])
            else ("regain_territory" if _is_place(obj[0]) else None)
        )
        return f, t
    if (
        f == "destroy"
        and _objects(t)
        and (_is_weapons(_objects(t)[0]) or cue("weapon", "ied").search(_span_text(_objects(t)[0])))
    ):
        return "defuse", t  # "destroyed an IED", "destroyed the weapons cache"
    if f in ("find", "weapons_seized") and lem not in ("capture", "seize"):
        obj = _objects(t)
        if not obj:  # headline passive, "Bomb found on bus": weapons cannot be the finder
            obj = [c for c in t.children if c.dep_ == "nsubj" and _is_weapons(c)]
        if not obj or not _is_weapons(obj[0]):
            return None, t
    if f == "defuse":
        obj = _objects(t)
        if obj and not (
            _is_weapons(obj[0]) or re.search(r"attack|plot|bomb|attempt", _span_text(obj[0]))
        ):
            return None, t
    if f == "drop":
        obj = _objects(t)
        if (
            not obj
            or not re.search(
                r"bomb|munition|explosive|missile|barrel|chlorine|leaflet", _span_text(obj[0])
            )
            or "leaflet" in _span_text(obj[0])
        ):
            return None, t
    if f == "use":
        obj = _objects(t)
        if not obj or not (
            cue("weapon", "chemical").search(_span_text(obj[0]))
            or _is_weapons(obj[0])
            or re.search(r"force|gas", obj[0].lower_)
        ):
            return None, t
        if obj[0].lower_ == "force" and not has("protest", t.sent.text):
            return None, t
    if f == "throw":
        obj = _objects(t)
        if not obj or not re.search(
            r"grenade|stone|rock|bomb|molotov|object|brick|explosive|acid|bottle", _span_text(obj[0])
        ):
            return None, t
    if (
        f == "obstruct"
        and _objects(t)
        and re.search(
            r"access|aid|suppl|food|medicine|fuel|convoy|delivery|deliveries|route|supply",
            _span_text(_objects(t)[0]),
        )
        and not (_subject(t) and cue("protest").search(" ".join(_phrase(x) for x in _subject(t))))
    ):
        return "blockade", t  # "the Taliban blocked humanitarian access"
    if f == "obstruct":
        subj = _subject(t)
        if (
            not subj
            or not cue("protest").search(" ".join(_phrase(x) for x in subj))
            and not re.search(
                r"worker|student|farmer|activist|driver|villager|resident",
                " ".join(_phrase(x) for x in subj),
            )
        ):
            return None, t
        obj = _objects(t)
        if not obj or not re.search(
            r"road|street|highway|bridge|entrance|access|traffic|railway|route|square|port|gate",
            _span_text(obj[0]),
        ):
            return None, t
    if f == "restrict" and lem == "prevent":
        obj = _objects(t)
        if not obj or not cue("protest").search(_span_text(obj[0])):
            return None, t
    if f == "suppress" and not has("protest", t.sent.text):
        return None, t
    return None


def _check_seizure_verbs(t: Token, f: str | None, lem: str) -> tuple[str | None, Token] | None:
    """Object checks of capture/take/control/release/regain/deploy/aid/fight/hit/fire/burn;
    None when no check decides."""
    if f == "displace":
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].tag_ not in ("NNS", "NNPS", "CD") and not subj[0].like_num:
            return None, t
    if f in ("capture", "take", "control"):
        obj = _objects(t)
        if not obj:
            if f == "capture" and any(c.dep_ == "prep" and c.lower_ == "from" for c in t.children):
                return "capture_territory", t
            return None, t
        o = obj[0]
        if _is_weapons(o):
            return ("weapons_seized" if f != "control" else None), t
        if _is_place(o):
            return "capture_territory", t
        if f == "capture" and (
            o.ent_type_ == "PERSON"
            or o.pos_ in ("PROPN", "NUM")
            or o.pos_ == "NOUN"
            and (_personish(o) or not any(ch.dep_ == "prep" for ch in o.children))
        ):
            return "capture_person", t  # not "seized 700 pounds of narcotics"
        if (
            f == "take"
            and o.pos_ in ("NOUN", "NUM")
            and cue("civilian").search(_span_text(o))
            and any(c.dep_ in SUBJ and cue("armed").search(_span_text(c)) for c in t.children)
        ):
            return "abduct", t
        return None, t
    if f == "release":
        obj = _objects(t)
        if obj and _is_place(obj[0]) and lem == "free":
            return "regain_territory", t
        if not obj or not _is_prisoner(obj[0]):
            return None, t
    if f == "regain_territory":
        obj = _objects(t)
        if not obj or not (_is_place(obj[0])):
            return None, t
    if f in ("base_established",):
        obj = _objects(t)
        if not obj or not cue("base_object").search(_span_text(obj[0])):
            return None, t
    if f in ("deploy",):
        obj = _objects(t)
        if obj and not cue("forces_object").search(_span_text(obj[0])):
            return None, t
    if f == "weapons_seized" and lem in ("recover", "intercept", "confiscate"):
        obj = _objects(t)
        if lem == "recover" and (not obj or not _is_weapons(obj[0])):
            return None, t
    if f in ("aid", "support") and not _objects(t):
        return None, t
    if f == "aid" and lem in ("give", "provide"):
        obj = _objects(t)
        if not obj or obj[0].pos_ != "NOUN":
            return None, t
    if f == "fight" and any(c.dep_ == "xcomp" for c in t.children):
        return None, t  # "fights to stay", "fighting to survive": a struggle, not combat
    if (
        f == "attack"
        and lem == "hit"
        and any(
            re.search(
                r"record|high|low|peak|mark|milestone|target|wall|market|shelves|headlines|road", c.lower_
            )
            for c in _objects(t)
        )
    ):
        return None, t  # "casualties hit a record high"
    if f == "withdraw" and lem == "evacuate":
        return None, t
    if f == "shoot" and lem == "fire":
        obj = _objects(t)
        if obj and not (
            cue("weapon", "shelling").search(_span_text(obj[0]))
            or cue("weapons_object").search(obj[0].lower_)
        ):
            if obj[0].pos_ in ("PROPN",) or obj[0].ent_type_ == "PERSON":
                return None, t
    if f == "destroy" and lem == "burn" and not _objects(t):
        return None, t
    return None


def _noun_frame(t: Token, lem: str, low: str) -> tuple[str | None, Token]:
    """(frame, args-token) of an event noun; a light verb ("carried out an attack") takes the arguments."""
    tr = triggers()
    if t.ent_type_ in ("DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW"):
        return None, t
    if (
        t.dep_ == "compound"
        and t.head.pos_ in ("NOUN", "PROPN")
        and _lemma(t.head) not in tr["container_nouns"]
    ):
        return None, t  # "an attack cell", "the Kabul Attack Network" (but "a mediation mission")
    hw = _hyphen_word(t)
    f = None
    if hw:
        f = tr["noun"].get(hw) or tr["noun"].get(hw.replace("-", ""))
        if f is None and t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-":
            return None, t  # first half of a hyphenated word
    f = f or tr["noun"].get(lem) or tr["noun"].get(low)
    if f is None:
        return None, t
    if f in ("bomb", "explode") and (
        any(c.dep_ in ("acl", "relcl") and has("defuse", c.text) for c in t.children)
        or (t.dep_ in ("nsubj", "nsubjpass", "dobj") and has("defuse", t.head.text))
    ):
        return None, t  # "a bomb found on a bus": a device found is no explosion (Disrupted weapons use)
    mods = {c.lower_ for c in t.children if c.dep_ in ("compound", "amod", "nmod")}
    if lem in ("strike", "raid", "attack", "bombing", "bombardment", "campaign") and mods & {
        "air",
        "drone",
        "aerial",
        "missile",
        "helicopter",
    }:
        f = "airstrike"
    elif f == "strike":
        st = t.sent.text
        if mods & {
            "hunger",
            "general",
            "workers",
            "labour",
            "labor",
            "nationwide",
            "national",
            "teachers",
            "doctors",
        }:
            f = "strike_labour"
        elif has("weapon", st, "air"):
            f = "airstrike"
        elif _weapon(st) or re.search(
            r"\b(kill|wound|injur|dead|target|destroy|militant|troops|base)", st.lower()
        ):
            f = "attack"
        else:
            f = "strike_labour"
    if f == "prisoner_exchange":
        txt = _span_text(t) + " " + " ".join(c.lower_ for c in t.head.children)
        if "fire" in txt or "gunfire" in txt:
            f = "clash"
        elif not cue("prisoner").search(txt + " " + t.head.lower_):
            return None, t
    if f == "negotiate" and lem == "talk":
        if t.tag_ != "NNS":
            return None, t
        if mods & {"peace", "ceasefire", "truce"}:
            f = "peace_talks"
    if f == "mass_grave" and "mass" not in mods:
        return None, t
    if (
        f == "die"
        and t.lower_ == "death"
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    ):
        return None, t
    if f == "capture_territory" and lem == "capture":
        of = [
            x
            for c in t.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for x in c.children
            if x.dep_ == "pobj"
        ]
        if of and not _is_place(of[0]):
            f = "capture_person"
    if f == "agree" and lem in ("deal", "agreement", "accord") and "ceasefire" in mods | {"truce"} & mods:
        f = "ceasefire"
    if f == "deploy" and lem == "alert" and not (t.dep_ == "pobj" and t.head.lower_ == "on"):
        return None, t
    return _light_verb_head(t, f)


def _light_verb_head(t: Token, f: str) -> tuple[str | None, Token]:
    """(f, the light or result verb that governs the event noun t, or t)."""
    tr = triggers()
    # light verbs: "carried out an attack", "staged a protest"
    h = t.head if t.dep_ == "compound" else t
    while h.dep_ in ("conj", "appos") and h.head != h:
        h = h.head
    if h.dep_ in ("dobj", "obj", "nsubjpass", "attr") and _lemma(h.head) in set(tr["light_verbs"]) | {
        "sign",
        "reach",
        "strike",
        "announce",
        "declare",
        "impose",
        "lift",
        "accept",
    }:
        return f, h.head
    if h.dep_ == "pobj" and h.head.head.pos_ == "VERB" and _lemma(h.head.head) in set(tr["light_verbs"]):
        return f, h.head.head
    if h.dep_ in ("nsubj",) and _lemma(h.head) in (
        "erupt",
        "occur",
        "break",
        "flare",
        "ensue",
        "take",
        "happen",
        "continue",
        "begin",
        "rage",
        "kill",
        "leave",
        "wound",
        "injure",
        "hit",
        "target",
        "destroy",
        "damage",
    ):
        return f, h.head
    return f, t
