"""The event candidate (`Cand`) and the syntax helpers every part of the events stage uses:
ACLED's names for the sub-event types, spans, lemmas, subjects, objects and quantified nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import cue, frames, load, pattern, words

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
    return t.doc[_headline_cut(t, t.left_edge.i) : t.right_edge.i + 1].text.lower()


def _headline_cut(t: Token, lo: int) -> int:
    """`lo`, or the first index after a headline verb parsed as a compound modifier of `t` ("Gunmen attack
    bus": the noun phrase of `bus` is "bus", not the whole clause; see `headline.py`)."""
    if t.pos_ not in ("NOUN", "PROPN") or lo >= t.i:
        return lo
    from .headline import headline_parts

    for c in t.lefts:
        if c.dep_ == "compound" and c.i >= lo and headline_parts(c) is not None:
            lo = c.i + 1
    return lo


def _hyphen_word(t: Token) -> str | None:
    """ "sit-in", "cease-fire", "gang-raped": the hyphenated word a token ends or starts."""
    sd = t.doc
    if t.i >= 2 and sd[t.i - 1].text == "-" and not sd[t.i - 1].whitespace_ and not sd[t.i - 2].whitespace_:
        return f"{sd[t.i - 2].lower_}-{t.lower_}"
    if t.i + 2 < len(sd) and sd[t.i + 1].text == "-" and not t.whitespace_ and not sd[t.i + 1].whitespace_:
        return f"{t.lower_}-{sd[t.i + 2].lower_}"
    return None


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
    out: list[Token] = []
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
STATEMENT_NOUNS = words("statement_nouns")


PERSON_NOUN = pattern("person_noun")


def _personish(t: Token) -> bool:
    t = _unquantify(t)
    if t.ent_type_ in ("PERSON", "NORP") or t.pos_ == "PRON":
        return True
    return bool(PERSON_NOUN.search(t.lower_)) or bool(cue("nonstate").search(t.lower_))


# ---------------------------------------------------------------- ACLED resolution
WATER_CANNON = re.compile(r"\bwater[- ]cannons?\b")


def _weapon(text: str) -> str | None:
    low = WATER_CANNON.sub(" ", text.lower())  # a riot-control means, no artillery cannon
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
    return t.doc[_headline_cut(t, lo) : t.i + 1].text.lower()
