"""Passes 1-2 of the recogniser: acronyms defined in the text, then dictionary names and acronyms
(the alias index of the actor lexicon, built once per lexicon)."""

from __future__ import annotations

import re
from typing import Any

from .lexicon import Alias, Entry, Lexicon, government_id, slug
from .state import _DIRECTIONS, AMBIGUOUS_ACRONYMS, HYPHENS, MAX_ALIAS_TOKENS, _ensure_known, _State

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
