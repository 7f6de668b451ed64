"""The recogniser's shared state (`_State`: actors, token owners, mentions) and word sets, and the
helpers several passes use (noun-phrase edges, generic keys, governments, antecedents, headlines)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..document import Actor, Document, Span
from .lexicon import Alias, Lexicon, government_id, word_set
from .mention_list import MentionList

MAX_ALIAS_TOKENS = 10
HYPHENS = {"-", "–", "‐"}
AMBIGUOUS_ACRONYMS = word_set("ambiguous_acronyms")
GROUP_KINDS = {
    "armed_group",
    "political_party",
    "organization",
    "ngo",
    "igo",
    "military",
    "police",
    "government",
}
ARMED_KINDS = {"armed_group"}
ORG_HEADS = word_set("org_heads")
EXTENSION_HEADS = ORG_HEADS | word_set("extension_heads")
ARMED_MODIFIERS = word_set("armed_modifiers")
ANAPHORIC_GENERIC = word_set("anaphoric_generic")
HEAD_TITLES = word_set("head_titles")
PLACE_HEADS = word_set("place_heads")
QUANTIFIERS = word_set("quantifiers")
SECTOR_KINDS = {
    "military": {"military"},
    "police": {"police"},
    "rebels": {"armed_group"},
    "extremists": {"armed_group"},
    "militia": {"armed_group"},
}
DEFINITE = {"the", "this", "that", "these", "those"}
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
IT_PRONOUNS = {"it", "its", "itself"}
EXPLETIVE_HEADS = word_set("expletive_heads")
EXPLETIVE_ADJECTIVES = word_set("expletive_adjectives")
AGENTIVE_ADJECTIVES = word_set("agentive_adjectives")
CLAUSAL_HEADS = word_set("clausal_heads")
NAME_PREFIXES = word_set("name_prefixes")
NAME_SUFFIXES = word_set("name_suffixes")
PLATFORMS = word_set("platforms")


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    actor_id: str
    how: str  # "dict", "np", "generic", "ner", "desc", "title", "pron", "surname"


@dataclass
class _State:
    doc: Document
    sdoc: Any
    lex: Lexicon
    actors: dict[str, Actor] = field(default_factory=dict)
    owner: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    mentions: list[_Mention] = field(default_factory=MentionList)  # indexed by token (see mention_list)
    titles: dict[str, str] = field(default_factory=dict)  # person id -> title lemma
    blockers: list[int] = field(default_factory=list)  # token starts of unnamed person descriptions
    unnamed: list[tuple[int, str, str]] = field(
        default_factory=list
    )  # (token, title, org id): "a Taliban leader"
    quotes: list[tuple[int, int]] = field(default_factory=list)  # char ranges inside quotation marks
    local_aliases: dict[tuple[str, ...], list[Alias]] = field(default_factory=dict)
    # per-token attributes read once (spaCy makes a new Token object on every access)
    pos: list[int] = field(default_factory=list)  # coarse POS symbols (spacy.symbols)
    tags: list[int] = field(default_factory=list)  # hashes of fine tags
    deps: list[int] = field(default_factory=list)  # hashes of dependency labels
    _text: str | None = None
    _sents: list[Any] | None = None
    _sent_starts: list[int] | None = None

    # ----------------------------------------------------------------- helpers
    @property
    def text(self) -> str:
        """The spaCy document's text (built by spaCy on each access: read once)."""
        if self._text is None:
            self._text = self.sdoc.text
        return self._text

    def sents(self) -> list[Any]:
        if self._sents is None:
            self._sents = list(self.sdoc.sents)
        return self._sents

    def sent_of(self, i: int) -> Any:
        """The sentence of token `i` (what `sdoc[i].sent` is)."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.sents()]
        return self.sents()[bisect_right(self._sent_starts, i) - 1]

    def where_pos(self, *pos: int) -> list[int]:
        return [k for k, p in enumerate(self.pos) if p in pos]

    def free(self, i: int, j: int) -> bool:
        return all(k not in self.owner for k in range(i, j))

    def add(
        self,
        i: int,
        j: int,
        actor_id: str,
        name: str | None = None,
        kind: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        how: str = "dict",
        affiliation: str | None = None,
    ) -> Actor:
        sd = self.sdoc
        a = self.actors.get(actor_id)
        if a is None:
            nm = name if name is not None else sd[i:j].text
            a = Actor(
                id=actor_id, name=nm, kind=kind, country=country, sector=sector, affiliation=affiliation
            )
            self.actors[actor_id] = a
        else:
            if affiliation and not a.affiliation:
                a.affiliation = affiliation
            if not a.mentions and j > i and how in ("dict", "np", "generic", "ner", "title", "demonym"):
                a.name = name if name is not None else sd[i:j].text  # first written form of a placeholder
        if j > i:
            span = sd[i:j]
            s, e = span.start_char, span.end_char
            if not any(m.start == s and m.end == e for m in a.mentions):
                a.mentions.append(Span(s, e, self.doc.text[s:e]))
            for k in range(i, j):
                self.owner[k] = actor_id
            ms = self.mentions
            if not isinstance(ms, MentionList) or ms.contained(i, j):
                self.mentions = MentionList(m for m in ms if not (m.start >= i and m.end <= j))
            self.mentions.append(_Mention(i, j, actor_id, how))
        return a

    def ensure(self, actor_id: str, name: str, kind: str | None, country: str | None) -> Actor:
        """An actor referred to (e.g. as an affiliation) but perhaps never named in the text."""
        a = self.actors.get(actor_id)
        if a is None:
            a = Actor(id=actor_id, name=name, kind=kind, country=country)
            self.actors[actor_id] = a
        return a

    def in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quotes)

    def mention_at(self, k: int) -> _Mention | None:
        if isinstance(self.mentions, MentionList):
            return self.mentions.first_at(k)
        for m in self.mentions:
            if m.start <= k < m.end:
                return m
        return None


_DIRECTIONS = word_set("directions")
_PEOPLE_NOUNS = word_set("people_nouns")


def _ensure_known(st: _State, actor_id: str) -> None:
    """Make sure an affiliation id names an actor of the document (with no mention if the text has none)."""
    if actor_id in st.actors:
        return
    if actor_id.startswith("gov:"):
        iso = actor_id[4:]
        st.ensure(actor_id, f"Government of {st.lex.country_names.get(iso, iso)}", "government", iso)
    elif actor_id in st.lex.entries:
        e = st.lex.entries[actor_id]
        st.ensure(actor_id, e.name, e.kind, e.country)


def _np_left(tok: Any) -> int:
    """Start of the pre-modifiers of `tok` (determiners excluded)."""
    start = tok.i
    for c in tok.lefts:
        people = [
            t.i
            for t in c.subtree
            if t.lemma_.lower() in _PEOPLE_NOUNS
            and t.i != c.i
            or t.i == c.i
            and c.lemma_.lower() in _PEOPLE_NOUNS
            and (c.tag_ == "NNS" or c.lemma_ == "police")
        ]
        if c.dep_ == "compound" and people:
            start = max(start, max(people) + 1)
            continue
        if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod", "npadvmod") or (
            c.dep_ == "punct" and c.text in HYPHENS
        ):
            start = min(start, c.left_edge.i)
    while start < tok.i and (
        tok.doc[start].dep_ in ("det", "case", "punct", "nummod", "quantmod", "cc", "advmod", "predet")
        or tok.doc[start].pos_ == "NUM"
        or tok.doc[start].lower_ in QUANTIFIERS
    ):
        start += 1
    return start


def _generic_key(st: _State, tok: Any) -> tuple[str, str, str] | None:
    """(sector, kind, key) for a generic head noun, trying "modifier head" first."""
    lemma = tok.lemma_.lower()
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("compound", "amod") and c.i == tok.i - 1:
            k2 = f"{c.lemma_.lower()} {lemma}"
            k3 = f"{c.text.lower()} {tok.text.lower()}"
            k4 = f"{c.lemma_.lower()} {lemma[:-1]}" if lemma.endswith("s") else k3
            for k in (k2, k3, k4):
                if k in st.lex.generic:
                    sec, kind = st.lex.generic[k]
                    return (sec, kind, k) if sec != "none" else None
    for k in (lemma, tok.text.lower(), lemma[:-1] if lemma.endswith("s") and tok.pos_ == "PROPN" else lemma):
        if k in st.lex.generic:
            sec, kind = st.lex.generic[k]
            return (sec, kind, k) if sec != "none" else None
    return None


def _government(st: _State, head: Any, iso: str, start: int) -> None:
    a = st.add(start, head.i + 1, government_id(iso), kind="government", country=iso, how="np")
    a.sector = "government"


def _drop_mention(st: _State, m: _Mention) -> None:
    st.mentions.remove(m)
    for k in range(m.start, m.end):
        st.owner.pop(k, None)
    a = st.actors[m.actor_id]
    s, e = st.sdoc[m.start].idx, st.sdoc[m.end - 1].idx + len(st.sdoc[m.end - 1].text)
    a.mentions = [x for x in a.mentions if not (x.start == s and x.end == e)]
    if not a.mentions and not any(x.actor_id == a.id for x in st.mentions):
        del st.actors[a.id]


def _named_person_near(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"):
            return True
    if tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON":
        return True
    return False


def _dominant_country(st: _State) -> str | None:
    c: Counter[str] = Counter()
    for m in st.mentions:
        a = st.actors[m.actor_id]
        if a.kind in ("country", "government") and a.country and a.country != "SUN":
            c[a.country] += 1
    if not c:
        return None
    (top, n), *rest = c.most_common(2) + [("", 0)]
    return top if n >= 2 and n > rest[0][1] else None


def _headline(sd: Any, i: int, text: str | None = None) -> bool:
    """Is token `i` on a line set in title case or capitals (a headline, a dateline)? (`text`: `sd.text`)"""
    if text is None:
        text = sd.text
    start = max(text.rfind("\n", 0, sd[i].idx), text.rfind("\u2028", 0, sd[i].idx)) + 1
    ends = [e for e in (text.find("\n", sd[i].idx), text.find("\u2028", sd[i].idx)) if e >= 0]
    end = min(ends) if ends else len(text)
    line = text[start:end].strip()
    if line.endswith((".", "?", "!", '"', "”")):
        return False  # a sentence
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 4 or len(words) > 25:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _sentence_floor(st: _State, i: int, n: int) -> int:
    """First token of the sentence `n - 1` sentences before the one of token `i`."""
    sents = st.sents()
    cur = st.sent_of(i).start
    idx = next((k for k, s in enumerate(sents) if s.start == cur), 0)
    return sents[max(0, idx - n + 1)].start


def _antecedent(
    st: _State, before: int, ok: Any, max_sents: int = 4, stop: Any = None, skip_quotes: bool = False
) -> Actor | None:
    sd = st.sdoc
    sents = st.sents()
    cur = st.sent_of(before)
    idx = next((k for k, s in enumerate(sents) if s.start == cur.start), 0)
    floor = sents[max(0, idx - max_sents + 1)].start
    cands = sorted(
        (m for m in st.mentions if floor <= m.start < before and m.end <= before + 1),
        key=lambda m: m.start,
        reverse=True,
    )
    for m in cands:
        a = st.actors[m.actor_id]
        if skip_quotes and st.in_quote(sd[m.start].idx) and not st.in_quote(sd[before].idx):
            continue
        if stop is not None and stop(a):
            return None
        if ok(a):
            return a
    return None


def _title_key(st: _State, tok: Any) -> str | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.head == tok and prev.dep_ in ("compound", "amod"):
        k2 = f"{prev.lemma_.lower()} {lemma}"
        if k2 in st.lex.titles:
            return k2
    if lemma in st.lex.titles:
        return lemma
    return None


def person_start(st: _State, person: Actor, tok: Any) -> int:
    return min((m.start for m in st.mentions if m.actor_id == person.id and m.start > tok.i), default=-1)


def _government_of(st: _State, iso: str) -> Actor:
    """The government actor of the country `iso` (alpha-3), created on first use."""
    return st.ensure(government_id(iso), f"Government of {st.lex.country_names.get(iso, iso)}", "government", iso)
