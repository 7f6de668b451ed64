"""Actor recognition over a spaCy-parsed `Document`.

Passes, in order (each one only claims tokens no earlier pass claimed):

1. acronyms defined in the text ("National Resistance Front (FNR)", "the Kurdistan Workers' Party, or PKK");
2. dictionary names and acronyms (named actors, well-known people with their affiliation, countries,
   capitals used as subjects);
3. noun phrases built on them: "Taliban forces" / "The Taliban extremist group" (the named actor),
   "Syrian troops" / "U.S. soldiers" (a generic actor with a country), "the Afghan government" (gov:AFG);
4. generic actors by head noun ("insurgents", "gunmen", "protesters", "religious scholars");
5. spaCy PERSON / ORG entities not in the dictionary; surnames ("Massoud") joined to the full name;
6. definite descriptions ("the extremist group", "the group", "the militants", "the armed resistance",
   "the forces") -> the last salient actor of compatible type (dictionary `descriptors` first);
7. titles: "Taliban spokesman Zabihullah Mujahid", "the group's spokesman, Zabihullah Mujahid",
   "Leader of the Southern Liberation Front, Karim Dahal" -> person with `affiliation`;
   "Chile's defence minister" -> an official of the government of Chile; "the president" -> last president;
8. pronouns: he/his -> last person (unless an unnamed person came between), they/their and it/its -> the
   subject noun phrase of this or the previous sentence when it is an actor (else left unresolved);
9. unnamed fighters ("insurgents") get `affiliation` = the one armed group the article names (or names far
   more than any other); one-word person names join the full name ("Biden" -> "Joe Biden").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, POS, TAG
from spacy.symbols import NOUN, PRON, PROPN

from ..document import Actor, Document, Span
from ..geo.detect import dateline_name
from .lexicon import (
    Alias,
    Entry,
    Lexicon,
    country_id,
    demonym_country,
    government_id,
    load,
    slug,
    word_set,
)

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
# "Long Form Name (LFN)" / "Long Form Name, also known as LFN". Linear time (issue 20): the words are
# possessive (a word may hold hyphens and so may the separator: backtracking between the two readings was
# exponential in the number of hyphenated words), and the long form is matched backward from each cue
# inside a bounded window, instead of forward from every start position of a run of Title-Case words
# (quadratic in the run's length).
# (the small words longest first and each ending its word: with possessive repetition the first that fits
# must be the only one that can)
_ACR_WORD = r"(?:[A-Z][\w'’.\-]*+|(?:al-|wal|the|for|and|des|of|de|du|la|el|al|in|e|i)(?![\w'’.]))"
ACRONYM_LONG = re.compile(rf"{_ACR_WORD}(?:[ \-]{_ACR_WORD})*+\Z")
ACRONYM_CUE = re.compile(
    r"(?:\(|,\s*+(?:or|known as|also known as)\s+)(?P<acr>[A-Z][A-Za-z0-9\-]{1,9})(?:\)|(?=[,.;:\s]))"
)
ACRONYM_WINDOW = 400  # characters of long form looked at before a cue (a long form is a dozen words or so)


class _AcronymMatch:
    def __init__(self, long: str, acr: str) -> None:
        self._groups = {"long": long, "acr": acr}

    def group(self, name: str) -> str:
        return self._groups[name]


def acronym_definitions(text: str) -> list[_AcronymMatch]:
    """Every "long form (ACR)" in `text`, left to right, not overlapping; linear in len(text)."""
    out: list[_AcronymMatch] = []
    last_end = floor = 0
    pos = 0
    while (m := ACRONYM_CUE.search(text, pos)) is not None:
        e = m.start()
        while e > last_end and text[e - 1].isspace():
            e -= 1
        # a long form holds no "(" or ",", so it starts after the cue before this one, used or not
        lo = max(last_end, e - ACRONYM_WINDOW, floor)
        floor = m.start() + 1
        while last_end < lo < e and (text[lo - 1].isalnum() or text[lo - 1] in "_'’.-"):
            lo += 1  # never start a long form inside a word cut by the window
        long = ACRONYM_LONG.search(text, lo, e) if e > lo else None
        if long is None:
            pos = m.start() + 1
            continue
        out.append(_AcronymMatch(long.group(0), m.group("acr")))
        last_end = pos = m.end()
    return out


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
    mentions: list[_Mention] = field(default_factory=list)
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
            self.mentions = [m for m in self.mentions if not (m.start >= i and m.end <= j)]
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
        for m in self.mentions:
            if m.start <= k < m.end:
                return m
        return None


# --------------------------------------------------------------------------- alias index
_INDEX: dict[int, dict[tuple[str, ...], list[Alias]]] = {}


def _key_tokens(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t.lower().replace("’", "'") for t in tokens if t not in HYPHENS)


_PREFIXES: dict[int, frozenset[tuple[str, ...]]] = {}


def _alias_index(lex: Lexicon, tokenizer: Any) -> dict[tuple[str, ...], list[Alias]]:
    idx = _INDEX.get(id(lex))
    if idx is None:
        idx = {}
        for al in lex.aliases:
            toks = [t.text for t in tokenizer(al.text)]
            key = _key_tokens(toks)
            if key and len(toks) <= MAX_ALIAS_TOKENS:
                idx.setdefault(key, []).append(al)
        _INDEX[id(lex)] = idx
        _PREFIXES[id(idx)] = _proper_prefixes(idx)
    return idx


def _index_prefixes(index: dict[tuple[str, ...], list[Alias]]) -> frozenset[tuple[str, ...]]:
    if any(v is index for v in _INDEX.values()):
        return _PREFIXES[id(index)]
    return _proper_prefixes(index)


def _first_words(index: dict[tuple[str, ...], list[Alias]]) -> frozenset[str]:
    got = _FIRSTS.get(id(index))
    if got is None or got[0] is not index:
        got = _FIRSTS[id(index)] = (index, frozenset(k[0] for k in index if k))
    return got[1]


_FIRSTS: dict[int, tuple[dict[tuple[str, ...], list[Alias]], frozenset[str]]] = {}


def _proper_prefixes(keys: Any) -> frozenset[tuple[str, ...]]:
    """Every proper prefix of the keys: a word sequence outside this set can be extended to no key."""
    return frozenset(k[:n] for k in keys for n in range(1, len(k)))


def _alias_ok(al: Alias, toks: list[Any], caps_sentence: bool) -> bool:
    words = [t for t in toks if t.text not in HYPHENS]
    alias_words = [w for w in re.split(r"[\s\-–]+", al.text) if w]
    if al.case_sensitive:
        text = "".join(t.text for t in words).replace(".", "")
        if text != al.text.replace(".", "").replace(" ", "").replace("-", ""):
            return False
        if caps_sentence and text in AMBIGUOUS_ACRONYMS:
            return False
        return True
    if len(alias_words) == len(words):
        for aw, t in zip(alias_words, words, strict=True):
            if aw[:1].isupper() and not t.text[:1].isupper():
                return False
    elif al.text[:1].isupper() and not words[0].text[:1].isupper():
        return False
    return True


def _caps_sentence(tok: Any, sent: Any = None) -> bool:
    words = [t.text for t in (tok.sent if sent is None else sent) if t.is_alpha and len(t.text) > 1]
    return bool(words) and sum(w.isupper() for w in words) >= 0.6 * len(words)


# --------------------------------------------------------------------------- the passes
def recognize(doc: Document, sdoc: Any, tokenizer: Any) -> list[Actor]:
    st = _State(doc=doc, sdoc=sdoc, lex=load())
    if len(sdoc):
        st.pos, st.tags, st.deps = sdoc.to_array([POS, TAG, DEP]).T.tolist()
    st.quotes = [(m.start(), m.end()) for m in re.finditer(r"[“\"«][^“”\"«»\n]{1,800}[”\"»]", doc.text)]
    index = _alias_index(st.lex, tokenizer)
    _acronym_definitions(st, index, tokenizer)
    _dictionary(st, index)
    _noun_phrases(st)
    _generic(st)
    _entities(st)
    _group_names(st)
    _demonym_modifiers(st)
    _descriptions(st)
    _titles(st)
    _pronouns(st)
    return _finish(st)


def _lookup(st: _State, index: dict[tuple[str, ...], list[Alias]], key: tuple[str, ...]) -> list[Alias]:
    found = st.local_aliases.get(key, []) + index.get(key, [])
    if not found and len(key) > 1 and len(key[-1]) > 3:
        # "Afghan National Security Forces" / "Haqqani networks": the other number of the last word
        last = key[-1]
        other = last[:-1] if last.endswith("s") else last + "s"
        found = [a for a in index.get((*key[:-1], other), []) if not a.case_sensitive]
    return found


def _acronym_definitions(st: _State, index: dict[tuple[str, ...], list[Alias]], tokenizer: Any) -> None:
    text = st.doc.text
    for m in acronym_definitions(text):
        long, acr = m.group("long").strip(" ,"), m.group("acr")
        words = [w for w in re.split(r"[\s\-]+", long) if w]
        # trim the long form from the left to the words whose initials can spell the acronym
        letters = set(acr.replace("-", "").upper())
        caps = [w for w in words if w[:1].isupper()]
        while words and (words[0][:1].islower() or words[0][:1].upper() not in letters) and len(words) > 1:
            words = words[1:]
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) < 2 or len(acr) < 2 or not acr[:1].isupper():
            continue
        initials = {w[0].upper() for w in caps}
        acr_letters = [c for c in acr.upper() if c.isalpha()]
        if sum(c in initials for c in acr_letters) < max(2, len(acr_letters) - 1):
            continue
        long_text = " ".join(words)
        key = _key_tokens([t.text for t in tokenizer(long_text)])
        found = _lookup(st, index, key)
        if not found and key and key[0] == "the":
            found = _lookup(st, index, key[1:])
        acr_key = _key_tokens([t.text for t in tokenizer(acr)])
        if not found:  # "Kurdistan Worker Party (PKK)": a known acronym with an unknown spelling
            found = [a for a in index.get(acr_key, []) if a.case_sensitive and a.text == acr]
        if found:
            entry = found[0].entry
            if not _lookup(st, index, key):
                st.local_aliases.setdefault(key, []).append(Alias(entry, long_text, case_sensitive=False))
        else:
            entry = Entry(f"org:{slug(long_text)}", long_text, "organization", None)
            st.local_aliases.setdefault(key, []).append(Alias(entry, long_text, case_sensitive=False))
        st.local_aliases.setdefault(acr_key, []).insert(0, Alias(entry, acr, case_sensitive=True))


def _dictionary(st: _State, index: dict[tuple[str, ...], list[Alias]]) -> None:
    sd = st.sdoc
    n = len(sd)
    person_ents = {}
    for ent in sd.ents:
        if ent.label_ in ("PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"):
            for k in range(ent.start, ent.end):
                person_ents[k] = ent
    place_ents = {}
    for ent in sd.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            for k in range(ent.start, ent.end):
                place_ents[k] = ent
    caps_cache: dict[int, bool] = {}
    # one pass over the tokens; then only word sequences that begin some alias key are looked up
    texts: list[str] = []
    keys: list[str] = []
    hyphen: list[bool] = []
    no_start: list[bool] = []
    stop: list[bool] = []
    for t in sd:
        text = t.text
        texts.append(text)
        keys.append(text.lower().replace("’", "'"))
        hyphen.append(text in HYPHENS)
        space = t.is_space
        no_start.append(space or t.is_punct)
        stop.append(space or "\n" in t.text_with_ws[:-1])
    index_prefixes = _index_prefixes(index)
    local = st.local_aliases
    prefixes = index_prefixes | _proper_prefixes(local) if local else index_prefixes
    firsts = _first_words(index) | {k[0] for k in local if k} if local else _first_words(index)
    i = 0
    while i < n:
        if no_start[i] or keys[i] not in firsts:
            i += 1  # no alias key begins with this word
            continue
        best: tuple[int, Alias] | None = None
        words: list[str] = []
        for j in range(i, min(n, i + MAX_ALIAS_TOKENS + 4)):
            if stop[j]:
                break
            if not hyphen[j]:
                words.append(keys[j])
                if len(words) > MAX_ALIAS_TOKENS:
                    break
            elif j == i:
                break
            key = tuple(words)
            if hyphen[j] or not (
                key in index or key in local or (len(key) > 1 and key[:-1] in index_prefixes)
            ):
                if key not in prefixes:
                    break  # no alias key begins with these words
                continue
            cands = _lookup(st, index, key)
            if not cands:
                if key not in prefixes:
                    break
                continue
            sent = st.sent_of(i)
            sent_start = sent.start
            if sent_start not in caps_cache:
                caps_cache[sent_start] = _caps_sentence(sd[i], sent)
            for al in cands:
                if _alias_ok(al, list(sd[i : j + 1]), caps_cache[sent_start]):
                    best = (j + 1, al)
                    break
            if key not in prefixes:
                break
        if best is None:
            i += 1
            continue
        j, al = best
        e = al.entry
        # a country name inside a person's name ("Michael Jordan") or a title of a work is not the country
        ent = person_ents.get(i)
        if ent is not None and (ent.end - ent.start) > (j - i) and e.kind == "country":
            i = j
            continue
        ent = place_ents.get(i)
        if (
            ent is not None
            and e.kind == "country"
            and any(sd[k].lower_ not in _DIRECTIONS for k in range(ent.start, i))
        ):
            i = j
            continue  # "New Jersey", "New Mexico": part of a longer place name
        if e.kind == "person":
            aff = st.lex.affiliations.get(e.id)
            st.add(i, j, e.id, name=e.name, kind="person", country=e.country, affiliation=aff)
            if aff:
                _ensure_known(st, aff)
        else:
            st.add(i, j, e.id, kind=e.kind, country=e.country, name=None)
        i = j
    # capitals as metonyms: only clause subjects and possessives ("Washington said", "Moscow's decision")
    capitals = st.lex.capitals
    for k in [k for k, t in enumerate(texts) if t in capitals]:
        t = sd[k]
        if t.i in st.owner:
            continue
        if t.dep_ in ("nsubj", "nsubjpass", "poss") or (
            t.dep_ == "compound" and t.head.lemma_ == "government"
        ):
            iso = st.lex.capitals[t.text]
            st.add(t.i, t.i + 1, government_id(iso), kind="government", country=iso, how="dict")


_DIRECTIONS = word_set("directions")
_PEOPLE_NOUNS = word_set("people_nouns")


def _generic_modifier_of_other(st: _State, tok: Any) -> bool:
    """ "Riot police charge students": a people noun mis-parsed as a modifier of another people noun."""
    if tok.lemma_.lower() not in _PEOPLE_NOUNS or (tok.tag_ != "NNS" and tok.lemma_.lower() != "police"):
        return False
    head = tok.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    mine, other = _generic_key(st, tok), _generic_key(st, head)
    return bool(mine and other and mine[0] != other[0])


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


def _qualifier_country(st: _State, tok: Any) -> tuple[str | None, list[int]]:
    """Country of a head noun from its demonym / country-name / possessive modifiers."""
    for c in tok.lefts:
        if c.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod"):
            continue
        m = st.mention_at(c.i)
        if m is not None:
            a = st.actors[m.actor_id]
            if a.kind in ("country", "government") and a.country:
                return a.country, list(range(m.start, m.end))
        is_dem, iso = demonym_country(c.text)
        if is_dem and c.text[:1].isupper():
            return iso, [c.i]
        if c.dep_ == "compound":
            sub_iso, toks = _qualifier_country(st, c)
            if sub_iso:
                return sub_iso, toks
    return None, []


def _government(st: _State, head: Any, iso: str, start: int) -> None:
    a = st.add(start, head.i + 1, government_id(iso), kind="government", country=iso, how="np")
    a.sector = "government"


def _noun_phrases(st: _State) -> None:
    """Noun phrases whose head is modified by a named actor, a country or a demonym."""
    sd = st.sdoc
    for m in sorted(list(st.mentions), key=lambda m: m.start):
        a = st.actors[m.actor_id]
        last = sd[m.end - 1]
        head = last.head if last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i else None
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i in st.owner:
            continue
        if any(sd[k].is_punct and sd[k].text not in HYPHENS for k in range(m.end, head.i)):
            continue
        lemma = head.lemma_.lower()
        if a.kind in ("country", "government"):
            gk = _generic_key(st, head)
            if gk is None or lemma in st.lex.titles and head.tag_ in ("NN", "NNP"):
                continue
            sec, kind, _ = gk
            start = _np_left(head)
            _drop_mention(st, m)
            if sec == "government":
                _government(st, head, a.country or "", start)
            else:
                st.add(
                    start,
                    head.i + 1,
                    f"generic:{sec}:{a.country}",
                    kind=kind,
                    country=a.country,
                    sector=sec,
                    how="np",
                )
        elif lemma in EXTENSION_HEADS or lemma in st.lex.titles or _generic_key(st, head) is not None:
            if lemma in st.lex.titles and _named_person_near(head):
                continue
            st.add(_np_left(head), head.i + 1, a.id, how="np")


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


def _generic(st: _State) -> None:
    sd = st.sdoc
    for k in st.where_pos(NOUN, PROPN):
        if k in st.owner:
            continue
        tok = sd[k]
        if tok.dep_ in ("compound", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN"):
            # a modifier, not the head of a noun phrase; but "riot police charge students" (a bad parse)
            if not _generic_modifier_of_other(st, tok):
                continue
        gk = _generic_key(st, tok)
        lemma = tok.lemma_.lower()
        is_dem, dem_iso = demonym_country(tok.text)
        if gk is None:
            # a demonym as a noun: "Palestinians", "Iraqi Kurds", "a Mexican"
            plural = tok.tag_ in ("NNPS", "NNS") or tok.text.lower() != tok.lemma_.lower()
            if is_dem and tok.text[:1].isupper() and plural and tok.text.endswith("s"):
                start = _np_left(tok)
                group = slug(tok.text.rstrip("s")) if dem_iso is None else dem_iso
                st.add(
                    start,
                    tok.i + 1,
                    f"generic:people:{group}",
                    kind="civilians",
                    country=dem_iso,
                    sector="nationals" if dem_iso else "ethnic",
                    how="generic",
                )
            continue
        if lemma in st.lex.titles and tok.tag_ in ("NN", "NNP"):
            continue  # a singular title ("official"): see _titles
        sec, kind, key = gk
        if key in st.lex.qualified and _qualifier_country(st, tok)[0] is None:
            continue  # "intelligence", "people", "media" are actors only with a country: "Israeli intelligence"
        if (
            tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART")
            and tok.ent_iob_ != "B"
            and tok.text[:1].isupper()
            and _qualifier_country(st, tok)[0] is None
            and not _headline(st.sdoc, tok.i, st.text)
        ):
            continue  # part of an organisation's name ("Iraqi Security Forces" is a state force, though)
        iso, _ = _qualifier_country(st, tok)
        start = _np_left(tok)
        if any(k in st.owner for k in range(start, tok.i)):
            start = tok.i
            while (
                start > 0
                and sd[start - 1].i not in st.owner
                and sd[start - 1].head == tok
                and sd[start - 1].dep_ in ("amod", "compound", "nmod")
            ):
                start -= 1
        det = {c.lower_ for c in tok.lefts if c.dep_ == "det"}
        # "the armed resistance" -> the named actor described that way earlier in the article (NRF)
        if det & DEFINITE and iso is None:
            words = {tok.lemma_.lower(), tok.lower_} | {
                c.lemma_.lower() for c in tok.lefts if c.dep_ in ("amod", "compound")
            }
            ante = _antecedent(
                st,
                tok.i,
                lambda a, words=words: bool(st.lex.descriptors.get(a.id, set()) & words),
                max_sents=30,
                skip_quotes=True,
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        # "the militants" -> the armed group of the last sentences, when no generic group came between
        if lemma in ANAPHORIC_GENERIC and det & DEFINITE and tok.tag_ in ("NNS", "NNPS") and start == tok.i:
            ante = _antecedent(
                st,
                tok.i,
                lambda a: a.kind in ARMED_KINDS and not a.id.startswith("generic:"),
                max_sents=3,
                stop=lambda a: a.id.startswith("generic:") and a.kind == "armed_group",
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        # "the forces", "the troops", "the police" -> the same kind of actor named just before
        if det & DEFINITE and start == tok.i and sec in SECTOR_KINDS:
            ante = _antecedent(
                st,
                tok.i,
                lambda a, sec=sec: (
                    (a.sector == sec and a.id.startswith("generic:") and a.country is not None)
                    or (not a.id.startswith("generic:") and a.kind in SECTOR_KINDS[sec])
                ),
                max_sents=3,
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        if sec == "government":
            if iso:
                _government(st, tok, iso, start)
                continue
            if det & DEFINITE and lemma in ("government", "regime", "administration", "authority"):
                dom = _dominant_country(st)
                if dom:
                    _government(st, tok, dom, start)
                    continue
        aid = f"generic:{sec}:{iso}" if iso else f"generic:{sec}"
        st.add(start, tok.i + 1, aid, kind=kind, country=iso, sector=sec, how="generic")


def _demonym_modifiers(st: _State) -> None:
    """ "an Australian ultimatum", "German goods": the country acts through the thing it modifies."""
    sd = st.sdoc
    strings = sd.vocab.strings  # labels known to spaCy as symbols have small ids, not string hashes
    modifier_deps = {strings[d] for d in ("amod", "compound", "nmod")}
    for k in [k for k, d in enumerate(st.deps) if d in modifier_deps]:
        if k in st.owner:
            continue
        tok = sd[k]
        if not tok.text[:1].isupper():
            continue
        if tok.ent_type_ not in ("NORP", "GPE", ""):
            continue
        is_dem, iso = demonym_country(tok.text)
        if (
            not is_dem
            or not iso
            or tok.text.lower().endswith("s")
            and tok.text.lower()[:-1] in st.lex.demonyms
        ):
            continue
        st.add(tok.i, tok.i + 1, country_id(iso), kind="country", country=iso, how="demonym")


def _group_names(st: _State) -> None:
    """ "the Kifaya group", "the Mahdi movement": a proper noun naming a group the dictionary lacks."""
    sd = st.sdoc
    for k in st.where_pos(NOUN):
        tok = sd[k]
        if tok.lemma_.lower() not in ORG_HEADS:
            continue
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            continue
        i, j = names[0].left_edge.i, names[-1].i + 1
        while i < j and (sd[i].is_punct or sd[i].lower_ == "the"):
            i += 1
        if j <= i or not st.free(i, tok.i + 1) or demonym_country(sd[i].text)[0]:
            continue
        text = sd[i:j].text
        st.add(i, tok.i + 1, f"org:{slug(text)}", name=text, kind="organization", how="ner")


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


def _clean_person(span: Any) -> tuple[int, int]:
    i, j = span.start, span.end
    sd = span.doc
    while i < j - 1 and (sd[i].lower_ in NAME_PREFIXES or sd[i].is_punct):
        i += 1
    while j > i + 1 and (sd[j - 1].lower_ in NAME_SUFFIXES or sd[j - 1].is_punct or sd[j - 1].is_space):
        j -= 1
    return i, j


def _entities(st: _State) -> None:
    sd = st.sdoc
    persons: list[Actor] = [a for a in st.actors.values() if a.kind == "person"]
    place_words = {t.text for e in sd.ents if e.label_ in ("GPE", "LOC", "FAC") for t in e}
    surnames = {e[-1].text for e in sd.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in sd.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        i, j = _clean_person(ent) if ent.label_ == "PERSON" else (ent.start, ent.end)
        while i < j and sd[i].lower_ in ("the", "a", "an"):
            i += 1
        while j > i and (sd[j - 1].is_punct or sd[j - 1].is_space or sd[j - 1].text in ("'s", "’s")):
            j -= 1
        if j <= i or not st.free(i, j) or "\n" in sd[i:j].text:
            continue
        text = sd[i:j].text
        if _headline(sd, i, st.text):
            continue  # "Troops Target Militia Chief": title case confuses the entity recogniser
        label = ent.label_
        if label == "PERSON" and i > 0 and sd[i - 1].lemma_.lower() in ORG_HEADS:
            label = "ORG"  # "the militant group Jund al-Haqq"
        if label == "PERSON" and sd[j - 1].lower_.endswith(st.lex.place_suffixes) and j - i <= 2:
            continue  # "Yusof Kheyl", "Lashkar Gah": places
        if label == "ORG" and j - i == 1 and text in surnames:
            same = _person_by_part(st, text, persons, last_only=True)
            if same is not None:
                st.add(i, j, same.id, how="surname")
                continue
        if label == "ORG":
            if text.lower() in PLATFORMS or not any(c.isalpha() for c in text) or len(text) < 2:
                continue
            if text.lower() in st.lex.generic:  # "the Ulema", "Police"
                sec, kind = st.lex.generic[text.lower()]
                if sec != "none":
                    st.add(i, j, f"generic:{sec}", kind=kind, sector=sec, how="generic")
                continue
            root = sd[i:j].root
            if root.dep_ == "compound" and _title_key(st, root.head) is not None and j - i == 1:
                continue  # "Interior Minister Anna Berg", "Labour Minister"
            if "/" in sd[j - 1 : j + 1].text or any(
                t.lower_ in ("photo", "credit") for t in sd[max(0, i - 3) : i]
            ):
                continue  # a photo credit
            if any(s <= sd[i].idx and sd[j - 1].idx < e and e - s < 40 for s, e in st.quotes):
                continue  # a nickname in quotes ("Lion of Panjshir")
            if j < len(sd) and sd[j].lemma_.lower() in PLACE_HEADS or text.lower() in st.lex.not_actors:
                continue  # "Paktiya province", "AK-47s"
            if j - i == 1 and text.upper() == text and text.title() in st.lex.capitals or dateline_name(sd, i, j):
                continue  # "GHAZNI, Afghanistan (Oct. 8)", "NIAMEY -": a dateline
            if j - i == 1 and (
                text in place_words
                or sd[i].head.lower_ in ("in", "of", "to", "from", "near")
                and sd[i].dep_ == "pobj"
            ):
                continue  # a place the entity recogniser took for an organisation ("province of Panjshir")
            if all(sd[k].pos_ not in ("PROPN", "NOUN") for k in range(i, j)):
                continue
            st.add(i, j, f"org:{slug(text)}", name=text, kind="organization", how="ner")
            continue
        if not sd[i].text[:1].isupper() or any(sd[k].pos_ != "PROPN" for k in range(i, j)):
            continue
        if j - i == 1 and (text.lower() in st.lex.generic or text.lower() in st.lex.titles):
            continue  # "Intelligence reports"
        root = sd[i:j].root
        if root.dep_ in ("compound", "amod") and _generic_key(st, root.head) is not None:
            continue  # "a Kachin rebel outpost"
        place_root = root
        while place_root.dep_ in ("appos", "conj") and place_root.head.i < place_root.i:
            place_root = place_root.head
        if place_root.dep_ == "pobj" and place_root.head.lower_ in (
            "in",
            "near",
            "at",
            "across",
            "throughout",
            "into",
        ):
            continue  # "in Sivas", "in Nashik, Maharashtra": places
        if j < len(sd) and sd[j].lemma_.lower() in PLACE_HEADS or text in place_words:
            continue  # "Baraki Barak district"
        # a surname (or first name) of a person already named in the document
        if j - i == 1:
            same = _person_by_part(st, sd[i].text, persons)
            if same is not None:
                st.add(i, j, same.id, how="surname")
                continue
        a = st.add(i, j, f"person:{slug(text)}", name=text, kind="person", how="ner")
        if a not in persons:
            persons.append(a)
    # bare surnames the entity recogniser missed ("Massoud said")
    for k in st.where_pos(PROPN):
        if k in st.owner:
            continue
        tok = sd[k]
        if not tok.text[:1].isupper():
            continue
        if tok.dep_ == "compound" or (tok.i + 1 < len(sd) and sd[tok.i + 1].pos_ == "PROPN"):
            continue
        same = _person_by_part(st, tok.text, persons, last_only=True)
        if same is not None:
            st.add(tok.i, tok.i + 1, same.id, how="surname")


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


def _person_by_part(st: _State, word: str, persons: list[Actor], last_only: bool = False) -> Actor | None:
    best = None
    best_pos = -1
    for p in persons:
        parts = p.name.split()
        if len(parts) < 2:
            continue
        if word == parts[-1] or (not last_only and word == parts[0] and len(parts) == 2):
            pos = max((m.start for m in st.mentions if m.actor_id == p.id), default=-1)
            if pos > best_pos:
                best, best_pos = p, pos
    return best


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


def _descriptions(st: _State) -> None:
    """ "the group", "the extremist group", "the movement" -> the last salient organisation."""
    sd = st.sdoc
    for k in st.where_pos(NOUN):
        if k in st.owner:
            continue
        tok = sd[k]
        if tok.lemma_.lower() not in ORG_HEADS:
            continue
        if tok.dep_ == "compound":
            continue
        lefts = list(tok.lefts)
        det = [c for c in lefts if c.dep_ == "det" and c.lower_ in DEFINITE]
        poss_pron = [c for c in lefts if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        if not det or poss_pron or tok.tag_ != "NN":
            continue
        if any(c.pos_ == "PROPN" for c in lefts) or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights
        ):
            continue
        mods = {c.lemma_.lower() for c in lefts if c.dep_ in ("amod", "compound")}
        armed = bool(mods & ARMED_MODIFIERS) or tok.lemma_.lower() in ("militia", "insurgency")
        # a description is not the actor it is coordinated with: "the resistance and the extremist group"
        conj_ids = set()
        for c in [*tok.conjuncts]:
            m = st.mention_at(c.i)
            if m is not None:
                conj_ids.add(m.actor_id)
        ante = None
        if mods:  # "the extremist group": an actor the dictionary describes that way
            ante = _antecedent(
                st,
                tok.i,
                lambda a, mods=mods, conj_ids=conj_ids: (
                    a.id not in conj_ids and bool(st.lex.descriptors.get(a.id, set()) & mods)
                ),
                max_sents=6,
                skip_quotes=True,
            )
        if ante is None:
            ante = _antecedent(
                st,
                tok.i,
                lambda a, armed=armed, conj_ids=conj_ids: (
                    not a.id.startswith("generic:")
                    and a.id not in conj_ids
                    and (a.kind in ARMED_KINDS if armed else a.kind in GROUP_KINDS - {"government"})
                ),
                max_sents=6,
                skip_quotes=True,
            )
        if ante is not None:
            st.add(_np_left(tok) if not det else det[0].i + 1, tok.i + 1, ante.id, how="desc")


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


def _person_of_title(st: _State, tok: Any) -> Actor | None:
    sd = st.sdoc

    def person_at(k: int) -> Actor | None:
        m = st.mention_at(k)
        if m is not None and st.actors[m.actor_id].kind == "person":
            return st.actors[m.actor_id]
        return None

    # "President Ashraf Ghani", "Taliban spokesman Zabihullah Mujahid"
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        p = person_at(tok.head.i)
        if p:
            return p
    if tok.i + 1 < len(sd):
        p = person_at(tok.i + 1)
        if p:
            return p
    # "the group's spokesman, Zabihullah Mujahid", "the Taliban leader, Abdul Karim"
    for c in tok.rights:
        if c.dep_ == "appos":
            p = person_at(c.i)
            if p:
                return p
            if c.pos_ == "PROPN" and c.text[:1].isupper() and c.i not in st.owner:
                i = c.i
                while (
                    i > tok.i + 1
                    and sd[i - 1].pos_ == "PROPN"
                    and sd[i - 1].head == c
                    and sd[i - 1].i not in st.owner
                ):
                    i -= 1
                if st.free(i, c.i + 1) and c.ent_type_ not in ("ORG", "NORP"):
                    text = sd[i : c.i + 1].text
                    return st.add(i, c.i + 1, f"person:{slug(text)}", name=text, kind="person", how="title")
    # "Ahmad Massoud, head of the NRF"
    if tok.dep_ == "appos":
        p = person_at(tok.head.i)
        if p:
            return p
    # "Leader of the Southern Liberation Front, Karim Dahal made ..."
    end = tok.right_edge.i + 1
    if end + 1 < len(sd) and sd[end].text == ",":
        p = person_at(end + 1)
        if p:
            return p
    return None


def _org_of_title(st: _State, tok: Any, person: Actor | None) -> tuple[Actor | None, list[int]]:
    """The organisation/state a title belongs to, from its modifiers or an "of" phrase."""
    sd = st.sdoc
    cands: list[int] = []
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            cands.extend(range(c.left_edge.i, c.i + 1))
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at"):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    cands.extend(range(pobj.left_edge.i, pobj.i + 1))
    if (
        tok.dep_ == "compound" and tok.head.i > tok.i
    ):  # modifiers of the name: "Peruvian President Ana Rojas"
        for c in tok.head.lefts:
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss"):
                cands.extend(range(c.left_edge.i, c.i + 1))
    for k in sorted(set(cands)):
        m = st.mention_at(k)
        if m is not None:
            a = st.actors[m.actor_id]
            if a.kind != "person" and a is not person:
                return a, list(range(m.start, m.end))
        is_dem, iso = demonym_country(sd[k].text)
        if is_dem and iso and sd[k].text[:1].isupper():
            name = st.lex.country_names.get(iso, iso)
            return st.ensure(country_id(iso), name, "country", iso), [k]
    return None, []


def _titles(st: _State) -> None:
    sd = st.sdoc
    for k in st.where_pos(NOUN, PROPN):  # _title_key needs a noun
        tok = sd[k]
        key = _title_key(st, tok)
        if key is None:
            continue
        role = st.lex.titles[key]
        person = _person_of_title(st, tok)
        org, org_toks = _org_of_title(st, tok, person)
        if person is not None:
            st.titles.setdefault(person.id, key)
            if org is not None and not person.affiliation:
                if org.kind == "country" and role in ("gov", "mil"):
                    person.affiliation = _government_of(st, org.country or "").id
                else:
                    person.affiliation = org.id
                if person.country is None:
                    person.country = org.country
            elif (
                org is None
                and key in HEAD_TITLES
                and tok.i < person_start(st, person, tok)
                and not person.affiliation
            ):
                iso = _dominant_country(st)
                if iso:
                    person.affiliation = _government_of(st, iso).id
                    person.country = person.country or iso
            continue
        if tok.i in st.owner:
            owner = st.actors[st.owner[tok.i]]
            if owner.kind != "person" and tok.tag_ in ("NN", "NNP"):
                st.blockers.append(tok.i)  # "a Taliban commander": "he" is not an earlier person
                st.unnamed.append((tok.i, key, owner.id))
            continue
        if tok.tag_ not in ("NN", "NNP"):
            continue
        start = min([tok.i, *org_toks]) if org_toks else _np_left(tok)
        start = min(start, _np_left(tok))
        if org is not None and org.kind == "country":
            # "Chile's defence minister", "a Russian official": an official of that state
            iso = org.country or ""
            gov = _government_of(st, iso)
            a = st.add(
                start,
                tok.i + 1,
                f"official:{iso}:{slug(key)}",
                name=sd[start : tok.i + 1].text,
                kind="person",
                country=iso,
                how="title",
                affiliation=gov.id,
            )
            a.sector = "government"
            st.blockers.append(start)
            continue
        if org is not None:
            # "the leader of the opposition group", "a Taliban commander": no person named
            st.blockers.append(start)
            if org_toks and org_toks[0] < tok.i:
                st.add(start, tok.i + 1, org.id, how="np")
            continue
        det = {c.lower_ for c in tok.lefts if c.dep_ == "det"}
        if det & DEFINITE:
            # "the president" -> the last person introduced with that title
            ante = _antecedent(
                st, tok.i, lambda a, key=key: a.kind == "person" and st.titles.get(a.id) == key, max_sents=8
            )
            if ante is not None:
                st.add(tok.i, tok.i + 1, ante.id, how="desc")
                continue
            # "a Taliban leader ... the leader": the organisation of that unnamed leader
            floor = _sentence_floor(st, tok.i, 8)
            prior = [(k, oid) for k, key2, oid in st.unnamed if key2 == key and floor <= k < tok.i]
            if prior:
                st.add(tok.i, tok.i + 1, prior[-1][1], how="desc")
                st.blockers.append(tok.i)
                continue
        st.blockers.append(tok.i)


def person_start(st: _State, person: Actor, tok: Any) -> int:
    return min((m.start for m in st.mentions if m.actor_id == person.id and m.start > tok.i), default=-1)


def _expletive(tok: Any) -> bool:
    """ "it seems", "it is likely that ...", "it took years to ...": no referent."""
    head = tok.head
    lemma = head.lemma_.lower()
    if lemma in EXPLETIVE_HEADS:
        return True
    if lemma == "be" and tok.dep_ == "nsubj":
        # "it was quiet" (a place, a situation) but "it is ready to negotiate" (an organisation)
        comps = [c for c in head.children if c.dep_ in ("acomp", "attr")]
        if comps and not any(c.lemma_.lower() in AGENTIVE_ADJECTIVES for c in comps):
            return True
    if lemma in CLAUSAL_HEADS or head.pos_ == "AUX":
        for c in head.children:
            if c.dep_ in ("ccomp", "csubj") and c.i > tok.i:
                return True
            if c.dep_ == "xcomp" and c.i > tok.i and lemma in ("take", "make", "cost"):
                return True  # "it took years to ..."
            if c.dep_ == "acomp" and c.lemma_.lower() in EXPLETIVE_ADJECTIVES:
                return True  # "it is likely that ...", but not "it is willing to ..."
            if c.dep_ == "attr" and c.lemma_.lower() in ("time", "shame", "pity", "question", "matter"):
                return True
    return False


def _pronouns(st: _State) -> None:
    sd = st.sdoc
    pronoun_tags = {sd.vocab.strings[t] for t in ("PRP", "PRP$")}
    for k in [
        k for k, (p, t) in enumerate(zip(st.pos, st.tags, strict=True)) if p == PRON or t in pronoun_tags
    ]:
        tok = sd[k]
        low = tok.lower_
        if st.in_quote(tok.idx) or tok.i in st.owner:
            continue
        if low in PERSON_PRONOUNS:
            blocker = max((b for b in st.blockers if b < tok.i), default=-1)
            ante = _antecedent(
                st,
                tok.i,
                lambda a: a.kind == "person" and not a.id.startswith("official:"),
                max_sents=2,
                skip_quotes=True,
            )
            if ante is None:
                continue
            last = max(m.start for m in st.mentions if m.actor_id == ante.id and m.start < tok.i)
            if blocker > last:
                continue
            st.add(tok.i, tok.i + 1, ante.id, how="pron")
        elif low in PLURAL_PRONOUNS:
            ante = _np_antecedent(st, tok, plural=True)
            if ante is not None and ante.kind not in ("person", "country"):
                st.add(tok.i, tok.i + 1, ante.id, how="pron")
        elif low in IT_PRONOUNS:
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            if low == "it" and _expletive(tok):
                continue
            ante = _np_antecedent(st, tok, plural=False)
            if (
                ante is not None
                and ante.kind in GROUP_KINDS | {"country"}
                and not ante.id.startswith("generic:")
            ):
                st.add(tok.i, tok.i + 1, ante.id, how="pron")


_NP_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT", "npadvmod"}


def _np_antecedent(st: _State, pron: Any, plural: bool) -> Actor | None:
    """The noun phrase a pronoun refers to: subjects first (this sentence, then the one before), then other
    noun phrases by recency; number must agree. Returns its actor, or None when that noun phrase is no actor
    (a precise rather than greedy reading: "They arrested three men. They were ..." stays unresolved)."""
    sent = pron.sent
    sents = st.sents()
    k = next((n for n, x in enumerate(sents) if x.start == sent.start), 0)
    prev = sents[k - 1] if k > 0 else None
    outside = not st.in_quote(pron.idx)

    def cands(span: Any, upto: int) -> list[Any]:
        out = []
        for t in span:
            if t.i >= upto or t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _NP_DEPS:
                continue
            if outside and st.in_quote(t.idx):
                continue
            m = st.mention_at(t.i)
            a = st.actors[m.actor_id] if m else None
            if a is not None and a.kind == "person":
                continue
            if plural:
                ok = t.tag_ in ("NNS", "NNPS") or (a is not None and a.kind in GROUP_KINDS)
            else:
                ok = t.tag_ in ("NN", "NNP") and not (a is not None and a.id.startswith("generic:"))
            if ok:
                out.append(t)
        return out

    # inside a relative clause the pronoun most likely refers to the clause's noun: "three gunmen who were
    # arrested after they robbed a bank"
    for anc in pron.ancestors:
        if anc.dep_ in ("relcl", "acl") and anc.head.i < pron.i and anc.head.pos_ in ("NOUN", "PROPN"):
            h = anc.head
            agree = (h.tag_ in ("NNS", "NNPS")) if plural else (h.tag_ in ("NN", "NNP"))
            if agree or st.mention_at(h.i) is not None:
                m = st.mention_at(h.i)
                return st.actors[m.actor_id] if m else None
            break
    here = cands(sent, pron.i)
    before = cands(prev, prev.end) if prev is not None else []
    subj = ("nsubj", "nsubjpass")
    ranked = (
        [t for t in reversed(here) if t.dep_ in subj]
        + [t for t in reversed(before) if t.dep_ in subj]
        + [t for t in reversed(here) if t.dep_ not in subj]
        + [t for t in reversed(before) if t.dep_ not in subj]
    )
    for t in ranked:
        m = st.mention_at(t.i)
        return st.actors[m.actor_id] if m else None
    return None


def _generic_affiliation(st: _State) -> None:
    """Unnamed fighters ("insurgents", "militants") in an article that names one armed group (or one far more
    than any other) are taken to act for it: `affiliation` = that group. Gunmen and resistance stay unaffiliated."""
    counts: Counter[str] = Counter()
    for m in st.mentions:
        a = st.actors[m.actor_id]
        if a.kind == "armed_group" and not a.id.startswith("generic:") and m.how != "pron":
            counts[a.id] += 1
    if not counts:
        return
    (top, n), *rest = counts.most_common(2)
    if rest and n < 2 * rest[0][1]:
        return
    for a in st.actors.values():
        if a.id.startswith("generic:") and a.sector in ("rebels", "extremists") and not a.affiliation:
            a.affiliation = top


def _merge_short_names(st: _State) -> None:
    """ "Biden ... Joe Biden": a one-word person name merged into the one full name that ends with it."""
    persons = [a for a in st.actors.values() if a.kind == "person" and a.id.startswith("person:")]
    shorts = [a for a in persons if len(a.name.split()) == 1] + [
        a for a in st.actors.values() if a.id.startswith("org:") and len(a.name.split()) == 1
    ]
    for short in shorts:
        full = [a for a in persons if len(a.name.split()) > 1 and a.name.split()[-1] == short.name]
        if len(full) != 1:
            continue
        target = full[0]
        for m in short.mentions:
            if not any(x.start == m.start and x.end == m.end for x in target.mentions):
                target.mentions.append(m)
        target.affiliation = target.affiliation or short.affiliation
        for m in st.mentions:
            if m.actor_id == short.id:
                m.actor_id = target.id
        for k, v in list(st.owner.items()):
            if v == short.id:
                st.owner[k] = target.id
        for a in st.actors.values():
            if a.affiliation == short.id:
                a.affiliation = target.id
        del st.actors[short.id]


def _finish(st: _State) -> list[Actor]:
    _merge_short_names(st)
    _generic_affiliation(st)
    out = []
    for a in st.actors.values():
        a.mentions.sort(key=lambda s: (s.start, s.end))
        out.append(a)
    out.sort(key=lambda a: a.mentions[0].start if a.mentions else 10**9)
    for a in out:
        if a.kind == "country":
            full = [m for m in st.mentions if m.actor_id == a.id and m.how == "dict"]
            if full:
                first = min(full, key=lambda m: m.start)
                a.name = st.sdoc[first.start : first.end].text
        if a.kind != "person" and not a.id.startswith("official:"):
            a.name = _tidy_name(a.name)
    return out


def _tidy_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return re.sub(r"\s*(?:'s|’s)$", "", text)


def _government_of(st: _State, iso: str) -> Actor:
    """The government actor of the country `iso` (alpha-3), created on first use."""
    return st.ensure(government_id(iso), f"Government of {st.lex.country_names.get(iso, iso)}", "government", iso)
