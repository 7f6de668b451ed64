"""The event coder: triggers from the dependency parse -> PLOVER 2.0 + ACLED events.

One pass per sentence finds trigger words (verbs, event nouns, verb+particle and verb+object phrases,
see data/triggers.json), gives each a frame (data/frames.json), reads actor and recipient from the
syntax (subject / "by" agent / object / "against", "on", "between ... and ..."), and the numbers of
people killed, injured and arrested. Violent triggers in one sentence describe one event (ACLED's
aggregation rule) and are merged. The ACLED sub-event type is then resolved from the frame and from
context cues (weapons, protest context, civilian or armed targets, government or non-state actor)
following the codebook's hierarchy; events outside ACLED's scope (diplomacy, crime, disasters) get
``acled=None``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from . import magnitude as mag
from .lexicon import cue, frames, has, load, pattern, triggers, words

Token = Any  # spacy.tokens.Token
Sent = Any  # spacy.tokens.Span

SUBJ = ("nsubj", "csubj")
DEMAND_HEADS = words("demand_heads")
PERSON_PRON = {
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
    "him",
    "her",
    "them",
    "us",
    "me",
    "itself",
    "themselves",
    "himself",
    "herself",
    "one",
    "what",
}
ACLED_NAMES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
WEAPON_SUB = {
    "chemical": "Chemical weapon",
    "suicide": "Suicide bomb",
    "air": "Air/drone strike",
    "ied": "Remote explosive/landmine/IED",
    "shelling": "Shelling/artillery/missile attack",
    "grenade": "Grenade",
}
WEAPON_MODE = {
    "chemical": "unconventional",
    "suicide": "suicide-attack",
    "air": "aerial",
    "ied": "explosives",
    "shelling": "heavy-weapons",
    "grenade": "explosives",
}
VIOLENT_FAMILIES = {
    "violence",
    "battle",
    "one_sided",
    "sexual",
    "abduct",
    "territory",
    "territory_gov",
    "riot",
}
MERGEABLE = {"violence", "battle", "one_sided"}


def acled(sub: str | None) -> dict[str, str] | None:
    if sub is None:
        return None
    return {"event_type": ACLED_NAMES[sub], "sub_event_type": sub}


@dataclass
class Cand:
    tok: Token  # trigger token
    frame: str
    sent: Sent
    sent_idx: int
    args: Token  # token whose arguments are read (the light verb for "carried out an attack")
    extra: list[Token] = field(default_factory=list)  # merged triggers
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    embedded: bool = False  # mentioned inside another predicate ("responsible for attacks")
    rank: int = 0  # index of the sentence among the sentences that carry events
    _skip: set[int] | None = field(default=None, repr=False)  # cache of `_clause_skip`

    @property
    def spec(self) -> float:
        return float(frames()[self.frame]["spec"])

    @property
    def family(self) -> str | None:
        return frames()[self.frame]["acled"]


# ---------------------------------------------------------------- trigger detection
# the last spaCy Doc seen and its text (`Doc.text` rebuilds the string on each call); one tuple, swapped
# atomically, so that threads sharing the module never pair a Doc with another's text
_DOC_TEXT: tuple[Any, str] = (None, "")


def span_text(span: Sent) -> str:
    """`span.text` without iterating its tokens (the same string: the document text between its offsets)."""
    global _DOC_TEXT
    sd = span.doc
    last = _DOC_TEXT
    if last[0] is not sd:
        last = _DOC_TEXT = (sd, sd.text)
    return last[1][span.start_char : span.end_char]


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _objects(v: Token) -> list[Token]:
    return [c for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass")]


def _span_text(t: Token) -> str:
    return t.doc[t.left_edge.i : t.right_edge.i + 1].text.lower()


def _hyphen_word(t: Token) -> str | None:
    """ "sit-in", "cease-fire", "gang-raped": the hyphenated word a token ends or starts."""
    sd = t.doc
    if t.i >= 2 and sd[t.i - 1].text == "-" and not sd[t.i - 1].whitespace_ and not sd[t.i - 2].whitespace_:
        return f"{sd[t.i - 2].lower_}-{t.lower_}"
    if t.i + 2 < len(sd) and sd[t.i + 1].text == "-" and not t.whitespace_ and not sd[t.i + 1].whitespace_:
        return f"{t.lower_}-{sd[t.i + 2].lower_}"
    return None


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
    return bool(cue("weapons_object").search(t.lower_)) or bool(
        any(cue("weapons_object").search(c.lower_) for c in t.children if c.dep_ in ("compound", "conj"))
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
        vp_first, vo_first = _phrase_verbs()
        if lem in vp_first:
            prts = [c.lower_ for c in t.children if c.dep_ == "prt"]
            for p in prts:
                f = tr["verb_particle"].get(f"{lem} {p}")
                if f:
                    return f, t
        objs = []
        if lem in vo_first:
            objs = [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
            for c in t.children:
                if c.dep_ == "prep":
                    objs.extend(x for x in c.children if x.dep_ == "pobj")
        for o in objs:
            f = tr["verb_object"].get(f"{lem} {_lemma(o)}")
            if f:
                return f, t
            for mod in o.children:  # "declared a state of emergency", "declared martial law"
                if mod.dep_ in ("amod", "compound", "prep"):
                    for x in [mod, *mod.children]:
                        f = tr["verb_object"].get(f"{lem} {_lemma(x)}")
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
        if f is None and lem == "fall":
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "into"):
                    return "fall", t
            return None, t
        if f == "request" and lem == "call":
            if not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in t.children):
                return None, t
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
        return f, t
    if (
        t.pos_ == "NOUN"
        or (t.pos_ == "PROPN" and t.is_lower)
        or (t.pos_ == "VERB" and t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj"))
    ):
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
    return None, t


# ---------------------------------------------------------------- arguments
QUANTITY = words("quantity")


def _unquantify(t: Token) -> Token:
    """ "tens of thousands of students" -> students; "members of the group" -> group."""
    for _ in range(3):
        if (t.lower_ in QUANTITY or t.like_num) and t.pos_ in ("NOUN", "NUM", "PRON", "DET", "ADJ"):
            of = [
                x
                for c in t.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for x in c.children
                if x.dep_ == "pobj"
            ]
            if of:
                t = of[0]
                continue
        break
    return t


def _expand(tokens: list[Token]) -> list[Token]:
    out = []
    for t in (_unquantify(x) for x in tokens):
        out.append(t)
        out.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
    return out


def _pobjs(v: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for c in v.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out.extend(x for x in c.children if x.dep_ == "pobj")
    return _expand(out)


def _subject(v: Token, depth: int = 0) -> list[Token]:
    subj = [c for c in v.children if c.dep_ in SUBJ]
    if subj:
        s = subj[0]
        if s.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return [v.head]
        if s.pos_ == "PRON" and s.lower_ in (
            "it",
            "they",
            "he",
            "she",
            "we",
        ):  # "X announced that it has taken"
            x = v
            for _ in range(4):
                if x.dep_ == "ccomp" and x.head != x:
                    up = [c for c in x.head.children if c.dep_ in SUBJ]
                    if up and up[0].pos_ in ("PROPN", "NOUN"):
                        return _expand([up[0]])
                    break
                if x.head == x:
                    break
                x = x.head
        return _expand([s])
    agent = _pobjs(v, ("by",)) if any(c.dep_ == "auxpass" for c in v.children) or v.tag_ == "VBN" else []
    if agent:
        return agent
    if depth > 3:
        return []
    if v.dep_ in ("xcomp", "conj", "advcl") and v.head != v:
        if v.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in v.head.children):
            return []
        return _subject(v.head, depth + 1)
    if v.dep_ == "acomp" and depth <= 3:  # "X is willing to ..."
        return _subject(v.head, depth + 1)
    if v.dep_ == "pcomp" and v.head.head != v.head:  # "achieved a victory by controlling X"
        return _subject(v.head.head, depth + 1)
    if v.dep_ == "acl" and v.tag_ == "VBG":  # "militants killing ..."
        if _lemma(v.head) in STATEMENT_NOUNS and v.head.dep_ in ("dobj", "obj") and depth <= 3:
            return _subject(v.head.head, depth + 1)  # "X issued a declaration demanding ..."
        return [v.head]
    if v.dep_ == "relcl":
        return [v.head]
    return []


def _noun_actors(n: Token) -> list[Token]:
    out = [c for c in n.children if c.dep_ == "poss"]
    out += [
        c
        for c in n.children
        if c.dep_ in ("compound", "amod", "nmod")
        and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN")
    ]
    out += _pobjs(n, ("by",))
    return _expand(out)


TRANSITIVE = words("transitive_frames")
STATEMENT_NOUNS = words("statement_nouns")
SEEK_VERBS = words("seek_verbs")
SEEK_NOUNS = words("seek_nouns")


def _sought(v: Token) -> list[Token]:
    """Whom an operation was after: "during an operation targeting X", "in search of X", "while pursuing X"."""
    out: list[Token] = []
    sent = v.sent
    s0, s1 = sent.start, sent.end
    for t in v.subtree:
        if not s0 <= t.i < s1:
            continue
        lem = _lemma(t)
        if t.pos_ == "VERB" and lem in SEEK_VERBS and t != v:
            out.extend(c for c in t.children if c.dep_ in ("dobj", "obj"))
            out.extend(_pobjs(t, ("for",)))
        elif t.pos_ == "NOUN" and lem in SEEK_NOUNS:
            out.extend(_pobjs(t, ("of", "for")))
    return [o for o in out if o.pos_ in ("NOUN", "PROPN")]


def arguments(c: Cand) -> None:
    t, v = c.tok, c.args
    fr = c.frame
    actors: list[Token] = []
    recips: list[Token] = []
    if v.pos_ in ("VERB", "AUX") or (v.pos_ == "ADJ" and v == t):
        passive = any(x.dep_ in ("nsubjpass", "auxpass") for x in v.children)
        if (
            passive and fr == "pledge"
        ):  # "Vietnam is committed to ...": an adjectival passive, the subject commits
            actors = _expand([x for x in v.children if x.dep_ == "nsubjpass"]) or _subject(v)
            recips = []
        elif passive:
            actors = _pobjs(v, ("by",))
            recips = _expand([x for x in v.children if x.dep_ == "nsubjpass"])
            if not actors and v.dep_ in ("conj", "xcomp", "advcl"):
                actors = []
        else:
            actors = _subject(v)
            recips = _expand([x for x in v.children if x.dep_ in ("dobj", "obj")])
        if v != t:  # light verb: "X carried out an attack on Y"
            actors = actors if not passive else _pobjs(v, ("by",))
            recips = _pobjs(t, ("on", "against", "targeting", "of")) or _pobjs(v, ("on", "against"))
            actors = actors or _noun_actors(t)
        recips += _pobjs(
            v,
            ("against", "on", "upon", "targeting", "at")
            if fr not in ("capture_territory", "regain_territory", "fall")
            else ("from",),
        )
        two_sided = _pobjs(v, ("between",))
        if two_sided and fr in ("clash", "fight"):
            actors = two_sided
        elif two_sided:
            recips = recips + two_sided
        if fr in ("clash", "fight", "negotiate", "meet", "cooperate", "phone", "agree", "ceasefire"):
            withs = _pobjs(v, ("with",))
            if fr in ("clash", "fight"):
                actors = actors + withs
            else:
                recips = recips + withs
        if fr == "fall":
            actors = _pobjs(v, ("to", "into"))
            recips = []
        if (
            fr
            in (
                "capture_territory",
                "regain_territory",
                "handover",
                "base_established",
                "deploy",
                "weapons_seized",
                "defuse",
                "withdraw",
                "agree",
                "ceasefire",
                "protest",
                "release",
                "request",
                "aid",
            )
            and v == t
        ):
            # objects of these are places, things or people given, not the party acted upon
            objs = [x for x in v.children if x.dep_ in ("dobj", "obj", "nsubjpass")]
            recips = [r for r in recips if r not in objs or fr in ("request", "release")]
            if fr == "aid":
                recips += _pobjs(v, ("to", "for"))
            if fr == "request":
                recips = [
                    r
                    for r in recips
                    if r.pos_ in ("PROPN", "NOUN") and r.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
                ] + _pobjs(v, ("on", "upon"))
            if fr in ("protest",):
                recips += _pobjs(v, ("against",))
        # headline style reduced passive: "Insurgents Detained During Operation", "Kidnapper Detained by Force"
        if (
            not passive
            and v == t
            and fr in TRANSITIVE
            and not any(x.dep_ in ("dobj", "obj") for x in v.children)
            and (t.tag_ == "VBN" or (t.text[:1].isupper() and t.i > t.sent.start))
        ):
            subj = [x for x in v.children if x.dep_ in SUBJ]
            if subj:
                recips = _expand(subj)
                actors = _pobjs(v, ("by",))
    else:
        actors = _noun_actors(t)
        recips = _pobjs(t, ("on", "against", "targeting", "of", "at"))
        between = _pobjs(t, ("between",)) or _pobjs(t.head, ("between",))
        if between and fr in ("clash", "fight"):
            actors = between
        elif between:
            recips = recips + between
        h = t
        while h.dep_ in ("conj", "appos") and h.head != h:
            h = h.head
        if h.dep_ == "compound":
            h = h.head
        if (
            not actors and h.dep_ in ("dobj", "obj") and h.head.pos_ == "VERB"
        ):  # "X undertook a mediation mission"
            actors = _subject(h.head)
        if not actors and fr not in (
            "kill",
            "die",
            "wound",
        ):  # "dockers downed tools on day one of a strike"
            x = h
            for _ in range(4):
                if x.dep_ in ("pobj", "prep", "dobj", "npadvmod") and x.head != x:
                    x = x.head
                    if x.pos_ == "VERB":
                        actors = [a for a in _subject(x) if a.pos_ != "PRON"]
                        break
                else:
                    break
        if t.dep_ in SUBJ and t.head.pos_ == "VERB":  # "an airstrike killed six civilians"
            recips += [x for x in t.head.children if x.dep_ in ("dobj",)]
        if fr in ("withdraw", "deploy", "protest", "riot"):
            actors += _pobjs(t, ("of",))
            recips = [r for r in recips if r not in actors]
    if fr in (
        "arrest",
        "capture_person",
        "kill",
        "attack",
        "clash",
        "fight",
        "shoot",
        "airstrike",
        "raid",
        "ambush",
        "offensive",
    ):
        recips = recips + _sought(v if v != t else t)
    c.actors = [a for a in actors if a.pos_ != "PRON" or a.lower_ in ("they", "he", "she", "it", "we")]
    c.recipients = [r for r in recips if r not in c.actors]
    if not any(_named(r) for r in c.recipients):  # none is a party with a name: read the frame's own slots
        c.recipients = [r for r in frame_recipients(c) if r not in c.actors] + c.recipients


NAMED_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON"})


def _named(t: Token) -> bool:
    """A party with a name: "Great Britain", "the Turkish government", "the U.S. negotiator"."""
    if t.pos_ == "PRON" or t.like_num or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if t.pos_ == "PROPN" or t.ent_type_ in NAMED_ENTS:
        return True
    return t.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in NAMED_ENTS)
        for c in t.children
    )


@functools.cache
def _recipient_classes() -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    data = load("recipients.json")
    by_frame = {f: cl for cl in data["classes"].values() for f in cl["frames"]}
    return by_frame, frozenset(data["through"])


def frame_recipients(c: Cand) -> list[Token]:
    """The recipient read from the frame class's prepositions, datives, demanded clauses and possessors
    on the trigger and on its complements (data/recipients.json), nearest first."""
    by_frame, through = _recipient_classes()
    cl = by_frame.get(c.frame)
    if cl is None:
        return []
    preps = set(cl["preps"])
    s0, s1 = c.sent.start, c.sent.end
    starts = [c.tok] if c.args == c.tok else [c.tok, c.args]
    if c.tok.pos_ in ("NOUN", "PROPN") and c.tok.dep_ in ("dobj", "obj", "pobj") and c.args == c.tok:
        h = c.tok.head if c.tok.dep_ != "pobj" else c.tok.head.head
        if h.pos_ == "VERB":  # "imposed sanctions on X", "called for sanctions against X"
            starts.append(h)
    seen = {x.i for x in starts}
    level = list(starts)
    for _ in range(4):
        found: list[Token] = []
        nxt: list[Token] = []
        for x in level:
            own = preps
            if x not in starts and x.pos_ == "VERB":  # "refused to deploy troops in X": deploy's own slots
                sub = by_frame.get(_frame_for(x)[0] or "")
                own = preps | set(sub["preps"]) if sub else preps
            for ch in x.children:
                if not s0 <= ch.i < s1:
                    continue
                if (ch.dep_ in ("prep", "agent") or (ch.dep_ == "dative" and ch.pos_ == "ADP")) and ch.lower_ in own:
                    found.extend(o for o in ch.children if o.dep_ == "pobj")  # "give aid to X" (a dative "to")
                elif ch.dep_ == "dative" and ch.pos_ != "ADP":
                    found.append(ch)
                elif ch.dep_ in ("dobj", "obj") and (cl.get("object") or x not in starts):
                    found.append(ch)
                if cl.get("object_poss") and ch.dep_ in ("dobj", "obj") and x in starts:
                    found.extend(p for p in ch.children if p.dep_ == "poss")
                if cl.get("clause_subject") and ch.dep_ == "ccomp" and x in starts:
                    found.extend(sb for sb in ch.children if sb.dep_ == "nsubj")
                if (ch.dep_ in through or (ch.dep_ == "conj" and ch.pos_ in ("NOUN", "PROPN"))) and ch.i not in seen:
                    seen.add(ch.i)
                    nxt.append(ch)
        named = [f for f in (_unquantify(f) for f in found) if _named(f) and f not in starts]
        if named:
            return _expand(named[:1])
        level = nxt
    return []


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


PERSON_NOUN = pattern("person_noun")


def _personish(t: Token) -> bool:
    t = _unquantify(t)
    if t.ent_type_ in ("PERSON", "NORP") or t.pos_ == "PRON":
        return True
    return bool(PERSON_NOUN.search(t.lower_)) or bool(cue("nonstate").search(t.lower_))


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
            if lem in KILL or lem in WOUND or lem in ARREST:
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
                if lem in KILL:
                    if mag.or_conjoined(t, WOUND):
                        killed = upd(killed, 0)  # ACLED: casualties of unknown kind -> 0 fatalities
                    else:
                        killed = upd(killed, n)
                elif lem in WOUND:
                    if not mag.or_conjoined(t, KILL):
                        injured = upd(injured, n)
                elif n is not None:  # different arrest verbs in one sentence hold different people: add up
                    arrested = n if arrested is None else arrested + n
            if lem in ("leave", "leaving"):  # "leaving dozens injured", "left three dead"
                objs = [c for c in t.children if c.dep_ in ("dobj",)]
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
            if _running_total(t):
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
        elif t.lower_ in ("injured", "wounded") and t.dep_ in ("amod", "acomp") and t.pos_ == "ADJ":
            tgt = t.head if t.dep_ == "amod" else next((c for c in t.head.children if c.dep_ in SUBJ), None)
            if tgt is not None and tgt.lower_ not in ("who",):
                injured = upd(injured, mag.count_of(tgt))
        elif lem in ("toll",) and t.pos_ == "NOUN":
            for x in t.head.subtree:
                if x.dep_ == "pobj" and x.head.lower_ == "to" and x.like_num:
                    killed = upd(killed, mag.word_value(x.text))
        elif t.pos_ == "NOUN" and lem in ("death", "fatality", "casualty") and lem != "casualty":
            n = mag.count_of(t) if any(c.dep_ == "nummod" for c in t.children) else None
            killed = upd(killed, n)
    return killed, injured, arrested


# ---------------------------------------------------------------- negation and modality
def negation_modality(c: Cand) -> tuple[bool, str | None]:
    m = load("modality.json")
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


# ---------------------------------------------------------------- ACLED resolution
def _weapon(text: str) -> str | None:
    low = text.lower()
    for w in load("cues.json")["weapon_order"]:
        mt = cue("weapon", w).search(low)
        if not mt:
            continue
        if (
            w == "grenade"
            and cue("not_grenade").search(low)
            and not re.search(r"(?<!propelled )(?<!stun )grenade", low)
        ):
            continue
        return w
    return None


def _phrase(t: Token) -> str:
    """The noun phrase of `t` without its prepositional and clausal modifiers."""
    toks = [t, *[c for c in t.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "det")]]
    lo = min(x.left_edge.i if x != t else x.i for x in toks)
    return t.doc[lo : t.i + 1].text.lower()


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
    for r in c.recipients + _victims(c):
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
    for r in c.recipients + _victims(c):
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


def _armed_target(c: Cand) -> bool:
    txt = " ".join(_phrase(r) for r in c.recipients + _victims(c))
    return bool(cue("armed").search(txt) or cue("nonstate").search(txt)) and not (
        cue("civilian").search(txt) and not cue("armed").search(" ".join(_phrase(r) for r in c.recipients))
    )


def _victims(c: Cand) -> list[Token]:
    out = []
    for t in [c.tok, *c.extra]:
        if _lemma(t) in KILL | WOUND | {"attack", "shoot", "target"}:
            out.extend(mag.victims_of(t))
    return out


CROWD = pattern("crowd")


def resolve_acled(c: Cand, ctx: dict[str, Any]) -> tuple[str | None, str | None]:
    """(ACLED sub-event type, PLOVER mode override) of a candidate."""
    fam = c.family
    sent = span_text(c.sent)
    fr = frames()[c.frame]
    if fam is None:
        return None, None
    if fam in ("violence", "battle", "one_sided"):
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
        if c.frame == "bomb" and weapon is None:
            weapon = "air" if c.tok.pos_ == "VERB" else "ied"
        if weapon == "ied" and has("accidental", sent):
            return "Disrupted weapons use", None
        parties = " ".join(_span_text(x) for x in c.actors + c.recipients)
        if ctx["protest"] and (cue("protest").search(parties) or (has("protest", sent) and not weapon)):
            sub = ctx["protest_sub"]
            return (sub if sub != "Peaceful protest" else "Violent demonstration"), "crowd-control"
        if has("mob", sent):
            return "Mob violence", "primitive"
        actor_txt = " ".join(_phrase(a) for a in c.actors)
        if (
            actor_txt
            and CROWD.search(actor_txt)
            and not cue("armed").search(actor_txt)
            and not cue("nonstate").search(actor_txt)
            and not weapon
        ):
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
            " ".join(_span_text(r) for r in c.recipients + _victims(c)),
        ):
            return (
                "Attack",
                None,
            )  # codebook: killing unarmed or detained combatants is violence against civilians
        if _armed_target(c):
            return "Armed clash", None
        victims = " ".join(_span_text(v) for v in _victims(c))
        if c.recipients and not any(r.pos_ in ("NOUN", "PROPN") and not r.like_num for r in c.recipients):
            victims = victims or " ".join(_span_text(r) for r in c.recipients)
        elif c.recipients:
            return "Attack", None
        if victims:
            armed_v = cue("armed").search(victims) or cue("nonstate").search(victims)
            return (
                ("Armed clash", None) if armed_v and not cue("civilian").search(victims) else ("Attack", None)
            )
        return ("Armed clash", None) if has("armed", sent) and not has("civilian", sent) else ("Attack", None)
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


@dataclass
class _Txt:
    text: str


RIOT_GEAR = pattern("riot_gear")


def protest_context(sents: list[Sent]) -> tuple[bool, str]:
    """Whether a snippet is about a demonstration, and which protest/riot sub-event it amounts to."""
    sents = [_Txt(RIOT_GEAR.sub("police", span_text(s))) for s in sents]
    text = " ".join(s.text for s in sents)
    if not has("protest", text):
        return False, "Peaceful protest"
    prot_sents = [s.text for s in sents if has("protest", s.text)]
    near = " ".join(prot_sents)
    low = near.lower()
    if has("protester_violence", near):
        return True, "Violent demonstration"
    if has("protest_lethal", near) and not re.search(
        r"\b(protest|demonstrat|rall)\w* (against|over|after|following)[^.]*\bkill", low
    ):
        return True, "Excessive force against protesters"
    if has("protest_intervention", near):
        return True, "Protest with intervention"
    return True, "Peaceful protest"
