"""The places stage: find toponyms in a parsed document and resolve them against the gazetteer.

Detection
  1. spaCy GPE / LOC / FAC / NORP entities (a leading "the" and a trailing "'s" dropped); an entity that
     is not a name as a whole is searched for the longest gazetteer names inside it.
  2. Gazetteer matching of proper-noun token runs spaCy missed or labelled ORG ("Panjshir" as ORG),
     kept when the reading is strong: a country / division / curated name, a demonym, a place cue
     ("X province", "X district", "the town of X", "in X"), or a large town.
  3. Names listed with a found place ("between Halstead and Kelvedon") when the gazetteer has them in a
     country that place may be in; then one sense per document: the other occurrences of a name found as
     a place (embedded where it begins an organisation's name), except where it speaks ("Noma said").
  Names the document uses as a person's name (words of multi-word PERSON entities that look like a
  person's name, unless the word also stands alone after "in", "near", ...) are never places.
  An upper-case dateline ("ATLANTA (AP) -") is a place whatever spaCy calls it.

Resolution (two passes): every candidate gets a prior (kind, population, how the name is attached)
plus context: the place cue ("province" -> admin1, "district" -> admin2, "valley" -> region), the
document's focus country, divisions mentioned in the document, and an adjacent country or division
("Kabul, Afghanistan", "Andar district, Ghazni province").
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import Document, Event, Place, PlaceMention
from .gazetteer import Candidate, Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def _place_words() -> dict[str, Any]:
    """The cue words and word lists of `data/place_words.json`, read once."""
    return json.loads((DATA / "place_words.json").read_text(encoding="utf-8"))


def _word_set(name: str) -> set[str]:
    return set(_place_words()[name])


def _cue_table(name: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _place_words()[name].items()}


PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_NGRAM = 7

# cue word after the name -> preferred kinds
CUES_AFTER = _cue_table("cues_after")
UNKNOWN_CUES = _word_set("unknown_cues")
# "the province of X", "the town of X"
CUES_BEFORE = _cue_table("cues_before")
CONNECTORS = _word_set("connectors")
# tokens that may sit inside a multi-word name ("Nad 'Ali", "Pul-e 'Alam", "Qal'ah-ye Zal")
JOINERS = {"-", "of", "al", "el", "e", "i", "ye", "ul", "ud", "'", "‘", "’", "`", "-e", "-i", "-ye"}
INSTITUTION_WORDS = _word_set("institution_words")
# landforms named after a river, sea or region they are part of or next to ("Nile Delta")
FEATURE_WORDS = _word_set("feature_words")
SPEECH_VERBS = _word_set("speech_verbs")
# words that never stand inside a person's name ("Chamber of Commerce and Industry")
PERSON_BREAKERS = {"of", "and", "the", "for", "&"}
# prepositions after which a lone name is a place, not a person ("in Riverdale", but "from Tyler" may be either)
PLACE_PREPOSITIONS = _word_set("place_prepositions")
LOCATIVE = _word_set("locative")
# prior of a reading by kind; populated places get log10(population) instead
KIND_PRIOR = {"country": 6.0, "admin1": 4.5, "region": 3.0, "admin2": 2.5, "landmark": 2.0, "other": 1.0}
CURATED_PRIOR = 5.5
SPECIFICITY = {"populated_place": 4, "landmark": 4, "admin2": 3, "region": 2, "admin1": 2, "country": 1,
               "other": 0}


_APOS_SUFFIX = re.compile(r"['\u2018\u2019`][a-z]{1,3}")
_INITIALS = re.compile(r"[A-Z]\.(?:[A-Z]\.)+")
_INNER_CAPITAL = re.compile(r"[A-Z][a-z]{1,2}[A-Z][a-z]{2,}")  # "McLean County", "DeKalb", "LaGrange"
_APOS_NAME = re.compile(r"[^\W\d_]+(?:['\u2018\u2019`][^\W\d_]+)+")  # "Panjwa'i", "Qal'ah"


def _joiner(t: Any) -> bool:
    return t.lower_ in JOINERS or bool(_APOS_SUFFIX.fullmatch(t.text))


class _Tokens(list):  # type: ignore[type-arg]
    """A run of tokens of a `_DocView` (what `doc[i:j]` is for a spaCy Doc)."""

    def __init__(self, toks: list[Any], text: str):
        super().__init__(toks)
        self._text = text

    @property
    def text(self) -> str:
        if not self:
            return ""
        return self._text[self[0].idx : self[-1].idx + len(self[-1].text)]


class _DocView:
    """A parsed document read once: the text, the token objects and the entities as lists.

    Reading `Doc.text`, `Doc.ents` or `doc[i]` in spaCy builds them anew on every access (the text by
    joining every token), which made look-ups inside loops cost as much as a tenth of the parse; the
    detector reads them through this view instead."""

    __slots__ = ("doc", "text", "toks", "ents", "_n")

    def __init__(self, sd: Any):
        self.doc = sd
        self.text: str = sd.text
        self.toks: list[Any] = list(sd)
        self.ents: list[Any] = list(sd.ents)
        self._n = len(self.toks)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return _Tokens(self.toks[k], self.text)
        return self.toks[k]

    def __iter__(self) -> Any:
        return iter(self.toks)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    words = set()
    for line in open(DATA / "common_words.txt", encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in open(DATA / "languages.txt", encoding="utf-8")
                     if line.strip() and not line.startswith("#"))


@dataclass
class Mention:
    start: int
    end: int
    text: str
    cands: tuple[Candidate, ...]
    tok_start: int
    tok_end: int
    source: str  # "ner" or "gaz"
    cue: tuple[str, ...] = ()
    locative: bool = False
    embedded: bool = False
    near: list[Candidate] = field(default_factory=list)  # adjacent country/division readings
    container: list[Candidate] = field(default_factory=list)  # readings that contain the place before
    listed: list[str] = field(default_factory=list)  # kinds of the names listed with this one
    best: Candidate | None = None
    score: float = 0.0
    owner: Mention | None = None  # "London's Heathrow": the place named before the possessive


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _prior(c: Candidate) -> float:
    if c.kind == "populated_place":
        p = math.log10(c.pop + 1)
    elif c.kind in ("region", "landmark") and c.src == "alias":
        p = CURATED_PRIOR  # regions.tsv: chosen because news copy names them
    else:
        p = KIND_PRIOR.get(c.kind, 1.0)
    if c.src in ("name", "alias"):
        p += 0.5
    elif c.src == "alt":
        p -= 1.0
    return p


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()

    # ------------------------------------------------------------------ detection
    def _lookup_span(self, sd: Any, i: int, j: int) -> tuple[Candidate, ...]:
        last = sd[j - 1]
        return self.gaz.lookup(sd.text[sd[i].idx : last.idx + len(last.text)])

    def _cue(self, sd: Any, i: int, j: int) -> tuple[tuple[str, ...], bool]:
        cue: tuple[str, ...] = ()
        if j - i > 1 and sd[j - 1].lower_ in CUES_AFTER:  # "Cuyahoga County", "Helmand Province"
            cue = CUES_AFTER[sd[j - 1].lower_]
        elif j < len(sd) and sd[j].lower_ in CUES_AFTER and not self._is_country(sd, i, j):
            cue = CUES_AFTER[sd[j].lower_]
        elif (i >= 3 and sd[i - 1].lower_ == "of" and sd[i - 2].lower_ in CUES_BEFORE and sd[i - 3].lower_ == "the"
              and not self._is_country(sd, i, j)):  # "the province of X", not "the largest city of X"
            cue = CUES_BEFORE[sd[i - 2].lower_]
        k = i - 1
        while k >= 0 and sd[k].lower_ in {"the", "northern", "southern", "eastern", "western", "central",
                                           "north", "south", "east", "west", "neighboring", "neighbouring"}:
            k -= 1
        # "in Ashkelon and Sderot", "in Kharkiv, Izium and Lyman": the preposition before the list
        stop = max(-1, k - 8)
        while k > stop and (sd[k].lower_ in {"and", "or", ","} or self._nameish(sd[k])) and sd[k].lower_ not in LOCATIVE:
            k -= 1
        locative = k >= 0 and sd[k].lower_ in LOCATIVE
        return cue, locative

    def _is_country(self, sd: Any, i: int, j: int) -> bool:
        """"U.S. state", "Afghan province": a country name before a cue word qualifies it."""
        return any(c.kind == "country" and c.src in ("name", "alias", "demonym") for c in self._lookup_span(sd, i, j))

    def detect(self, doc: Document) -> list[Mention]:
        if doc.spacy is None:
            return []
        sd = _DocView(doc.spacy)
        person_words = self._person_words(sd)
        taken: set[int] = set()
        out: list[Mention] = []

        def add(i: int, j: int, cands: tuple[Candidate, ...], source: str, embedded: bool) -> None:
            cue, loc = self._cue(sd, i, j)
            start, end = sd[i].idx, sd[j - 1].idx + len(sd[j - 1].text)
            out.append(Mention(start, end, doc.text[start:end], cands, i, j, source, cue, loc,
                               embedded=embedded))
            taken.update(range(i, j))

        # 0. "Mota Khan district": a run of two or more proper nouns right before a district/village cue that
        # the gazetteer lacks as a whole is one unknown place, before the NER can take a part of it as a
        # namesake elsewhere (placed later by the division named next to it)
        n = len(sd)
        for k in range(1, n):
            if sd[k].lower_ not in UNKNOWN_CUES:
                continue
            i = k
            while i > 0 and self._nameish(sd[i - 1]) and sd[i - 1].is_title and k - i < MAX_NGRAM:
                i -= 1
            if k - i >= 2 and not any(t in taken for t in range(i, k)) and not any(
                    t.ent_type_ in ("ORG", "NORP") for t in sd[i:k]) and not self._lookup_span(sd, i, k):
                add(i, k, (), "gaz", False)

        # 1. entities
        for e in sd.ents:
            if e.label_ not in PLACE_LABELS and e.label_ != "NORP":
                continue
            i, j = e.start, e.end
            while i < j and sd[i].lower_ in {"the", "a", "an"}:
                i += 1
            while j > i and (sd[j - 1].text in {"'s", "’s", "'", "’", ".", ",", "-"} or sd[j - 1].is_space):
                j -= 1
            if i >= j:
                continue
            i, j = self._extend(sd, i, j)
            j = self._grow_to_name(sd, i, j)
            if any(k in taken for k in range(i, j)):
                continue
            if self._other_feature(sd, i, j, e.label_):
                taken.update(range(i, j))
                continue
            self._match_inside(sd, i, j, add, person_words, from_ner=True, label=e.label_)

        # 2. gazetteer over proper-noun runs spaCy did not label as places
        i = 0
        n = len(sd)
        while i < n:
            t = sd[i]
            if i in taken or not self._nameish(t):
                i += 1
                continue
            j = i
            while j < n and j - i < MAX_NGRAM + 2 and j not in taken and (
                self._nameish(sd[j]) or (_joiner(sd[j]) and self._joins(sd, j))
            ):
                j += 1
            self._match_inside(sd, i, j, add, person_words, from_ner=False, label=sd[i].ent_type_)
            i = max(j, i + 1)
        self._listed_with(sd, out, taken, add, person_words)
        self._same_name(sd, out, taken, add)
        out.sort(key=lambda m: m.start)
        return out

    def _listed_with(self, sd: Any, found: list[Mention], taken: set[int], add: Any, person_words: set[str]) -> None:
        """Names listed with a place are places: "between Halstead and Kelvedon" (spaCy's PERSON), "in
        Kharkiv, Izium or Lyman". The name next to a found place across ",", "and" or "or", when the whole
        proper-noun run is a gazetteer name of a town of 1,000 or more or a division in a country the
        place may be in."""
        n = len(sd)
        queue = [(m.tok_start, m.tok_end, m.cands) for m in found if not m.embedded and m.cands]
        while queue:
            start, end, mcands = queue.pop()
            countries = {c.cc for c in mcands if c.src in ("name", "alias") and c.cc}
            if not countries:
                continue
            for side in (1, -1):
                k = end if side == 1 else start - 1
                if not (0 <= k < n and sd[k].lower_ in ("and", "or", ",")):
                    continue
                k += side
                if side == 1 and k < n and sd[k].lower_ in ("and", "or"):  # "X, and Y"
                    k += 1
                a = b = k
                while 0 <= b < n and self._nameish(sd[b]) and side == 1:
                    b += 1
                while 0 <= a and a < n and self._nameish(sd[a]) and side == -1:
                    a -= 1
                i, j = (k, b) if side == 1 else (a + 1, k + 1)
                if j - i < 1 or j - i > 4 or any(t in taken for t in range(i, j)):
                    continue
                words = [t.lower_ for t in sd[i:j]]
                if (len(words) == 1 and (words[0] in person_words or words[0] in common_words())) or any(
                        not (t.is_title or t.is_upper) for t in sd[i:j]) or len(sd[i:j].text) <= 3:
                    continue  # persons, common words, acronyms ("the U.S. and EU")
                e = self._entity_of(sd, i, j)
                if (i > 0 and sd[i - 1].lower_ == "of") or (e is not None and any(
                        t.lower_ in INSTITUTION_WORDS for t in e)):
                    continue  # "University of California, Los Angeles"
                cands = self._lookup_span(sd, i, j)
                if any(c.cc in countries and c.src in ("name", "alias") and (
                        c.pop >= 1000 or c.kind in ("admin1", "admin2")) for c in cands):
                    add(i, j, cands, "gaz", False)
                    queue.append((i, j, cands))  # a listed name lists others in turn

    def _same_name(self, sd: Any, found: list[Mention], taken: set[int], add: Any) -> None:
        """One sense per document: a name read as a place somewhere is a place at its other occurrences
        that the detector left ("at Halstead" beside "between Halstead and Kelvedon", "Kano Chamber
        of Commerce" beside "in Kano"); as an embedded place where it begins a longer name. Not where
        spaCy calls that occurrence a person or it speaks ("Noma said")."""
        names: dict[str, list[tuple[list[str], tuple[Candidate, ...]]]] = {}
        for m in found:
            if m.cands and not m.embedded and sd[m.tok_start].text[:1].isupper():
                words = [t.text for t in sd[m.tok_start : m.tok_end]]
                names.setdefault(words[0], []).append((words, m.cands))
        if not names:
            return
        ents = {}
        for e in sd.ents:
            for k in range(e.start, e.end):
                ents[k] = e
        n = len(sd)
        for i in range(n):
            opts = names.get(sd[i].text)
            if not opts or i in taken:
                continue
            for words, cands in sorted(opts, key=lambda o: -len(o[0])):
                j = i + len(words)
                if j > n or [t.text for t in sd[i:j]] != words or any(k in taken for k in range(i, j)):
                    continue
                if (i > 0 and self._nameish(sd[i - 1]) and sd[i - 1].ent_type_ not in ("GPE", "LOC")) or (
                        j < n and sd[j].text[:1].isupper() and sd[j].is_alpha and not self._nameish(sd[j])):
                    break  # the end of a longer name
                if j + 1 < n and sd[j].lower_ in ("and", "&") and sd[j + 1].is_title and (
                        j + 2 < n and sd[j + 2].is_title):
                    break  # "Bains and Grants Town": part of a longer name joined by "and"
                e = ents.get(i)
                if e is not None and e.label_ == "PERSON" and e.start <= i and j <= e.end and (
                        len(e) == j - i or e.start == i) and not any(t.lower_ in PERSON_BREAKERS for t in e):
                    break
                near = {sd[k].lower_ for k in (i - 1, j) if 0 <= k < n}
                if near & SPEECH_VERBS or self._language(sd, i, j):
                    break
                longer = (e is not None and e.label_ not in PLACE_LABELS and (e.start < i or e.end > j)) or (
                    j < n and self._nameish(sd[j]))
                if longer:
                    # "California State University", "University of Alberta": the campus is not at the
                    # division's point (as in _accept)
                    rest = list(sd[e.start : e.end]) if e is not None else []
                    rest += list(sd[max(0, i - 2) : i]) + list(sd[j : min(n, j + 4)])
                    if any(t.lower_ in INSTITUTION_WORDS for t in rest) and not any(
                            c.kind == "country" or c.src == "demonym" for c in cands):
                        break
                add(i, j, cands, "gaz", longer)
                break

    @staticmethod
    def _person_words(sd: Any) -> set[str]:
        """Words the document uses as a person's name: those of PERSON entities of two or more words
        ("Matt Tonroe"), which are then never read as places on their own ("Tonroe said"). Not from an
        entity that is no person's name ("Kano Chamber of Trade and Industry", spaCy's PERSON), nor a
        word the document also uses as a place by itself: alone after "in", "near", ... ("owns horses
        nearby in Riverdale" beside "Riverdale Luke Oil"; spaCy's GPE label alone is no such evidence)."""
        words: set[str] = set()
        for e in sd.ents:
            if e.label_ == "PERSON" and len(e) >= 2 and not any(t.lower_ in PERSON_BREAKERS for t in e):
                words.update(t.lower_ for t in e if t.is_alpha and t.is_title)
        if not words:
            return words
        placed: set[str] = set()
        toks = sd.toks
        for k in range(1, len(toks)):
            t = toks[k]
            if t.lower_ in words and toks[k - 1].lower_ in PLACE_PREPOSITIONS and (
                    k + 1 == len(toks) or not (toks[k + 1].is_title or toks[k + 1].lower_ in ("'s", "’s"))):
                placed.add(t.lower_)
        return words - placed

    def _other_feature(self, sd: Any, i: int, j: int, label: str) -> bool:
        """ "the Nile Delta", "the Okavango Delta": a landform named after a river or sea (or after nothing
        the gazetteer knows), which the gazetteer lacks; neither the river nor the word "Delta" (a Nigerian
        state) is the place meant. Kept when the name before the landform word is a country, a division or
        a town ("Helmand valley", "Kharg Island")."""
        if label != "LOC" or j - i < 2 or sd[j - 1].lower_ not in FEATURE_WORDS or self._lookup_span(sd, i, j):
            return False
        head = self._lookup_span(sd, i, j - 1)
        if any(c.kind in ("country", "admin1", "admin2", "populated_place") for c in head):
            return False
        return not head or any(c.kind == "region" for c in head)

    def _grow_to_name(self, sd: Any, i: int, j: int) -> int:
        """An entity spaCy ended early ("U.S." of "U.S. Virgin Islands"): grown over up to three following
        proper nouns when the longer span is a gazetteer name."""
        k = j
        while k < len(sd) and k - j < 3 and self._nameish(sd[k]) and not sd[k - 1].whitespace_ == "":
            k += 1
        for m in range(k, j, -1):
            if self._lookup_span(sd, i, m):
                return m
        return j

    def _joins(self, sd: Any, j: int) -> bool:
        """Token j is a joiner ("-", "e", "ye", "'") followed, after at most two more, by a proper noun."""
        for k in range(j + 1, min(j + 4, len(sd))):
            if self._nameish(sd[k]):
                return True
            if not _joiner(sd[k]) or sd[k].whitespace_ and sd[k].lower_ in ("-",):
                return False
        return False

    def _extend(self, sd: Any, i: int, j: int) -> tuple[int, int]:
        """Grow an entity over joined name parts spaCy split off ("Nawah-ye" + "Barakzai")."""
        while i >= 2 and _joiner(sd[i - 1]) and not sd[i - 1].lower_ == "of":
            k = i - 1
            while k > 0 and _joiner(sd[k]) and sd[k].lower_ != "of":
                k -= 1
            if self._nameish(sd[k]) and i - k <= 3:
                i = k
            else:
                break
        while j < len(sd) - 1 and _joiner(sd[j]) and sd[j].lower_ != "of" and self._joins(sd, j):
            k = j
            while k < len(sd) and _joiner(sd[k]):
                k += 1
            j = k + 1
        return i, j

    @staticmethod
    def _nameish(t: Any) -> bool:
        if not t.is_alpha and not _INITIALS.fullmatch(t.text) and not _APOS_NAME.fullmatch(t.text):
            return False
        if not t.text[:1].isupper() or len(t.text) < 2:
            return False
        return t.pos_ in ("PROPN", "ADJ", "NOUN") or t.is_upper

    def _match_inside(self, sd: Any, i: int, j: int, add: Any, person_words: set[str], from_ner: bool,
                      label: str) -> None:
        """Greedy longest gazetteer names within tokens [i, j)."""
        # "Pul-e 'Alam district": a proper-noun run right before a district/village cue that the gazetteer
        # lacks as a whole is kept whole as an unknown place (placed by the division named next to it)
        # (a two-word run the NER calls a person is still a place before the cue: "Mota Khan district")
        if not from_ner and j < len(sd) and sd[j].lower_ in UNKNOWN_CUES and not self._lookup_span(sd, i, j) and (
                j - i > 1 or sd[i].is_title) and not any(
                t.ent_type_ == "ORG" or (t.ent_type_ == "PERSON" and j - i == 1) for t in sd[i:j]):
            add(i, j, (), "gaz", False)
            return
        k = i
        while k < j:
            if _joiner(sd[k]):
                k += 1
                continue
            found = None
            for m in range(min(j, k + MAX_NGRAM), k, -1):
                if _joiner(sd[m - 1]):
                    continue
                cands = self._lookup_span(sd, k, m)
                if cands:
                    found = (m, cands)
                    break
            if found is None:
                k += 1
                continue
            m, cands = found
            how = self._accept(sd, k, m, cands, person_words, from_ner, label)
            if how is not None:
                add(k, m, cands, "ner" if from_ner else "gaz", how == "embedded")
            k = m

    @staticmethod
    def _language(sd: Any, i: int, j: int) -> bool:
        """A language used as a noun ("speaks in Spanish", "Egyptian Arabic and English"), not a demonym
        qualifying a noun ("English town", "the Korean Peninsula")."""
        return j == i + 1 and sd[i].lower_ in language_names() and sd[i].pos_ == "PROPN" and (
            j >= len(sd) or sd[j].pos_ not in ("NOUN", "PROPN"))

    @staticmethod
    def _dateline(sd: Any, i: int, j: int) -> bool:
        """Tokens [i, j) are a dateline: an upper-case name opening the text or a line, followed by a comma,
        a bracket or a dash ("ATLANTA (AP) -", "CAIRO - ", "HELENA, Mont. (AP)")."""
        if j >= len(sd) or not all(t.is_upper or not t.is_alpha for t in sd[i:j]) or len(sd[i:j].text) < 4:
            return False
        if i > 0 and "\n" not in sd[i - 1].text and "\n" not in sd[i - 1].whitespace_:
            return False
        return sd[j].text in {",", "(", "-", "\u2013", "\u2014"}

    @staticmethod
    def _entity_of(sd: Any, i: int, j: int) -> Any:
        """The spaCy entity tokens [i, j) lie in, if they lie in one."""
        for e in sd.ents:
            if e.start <= i and j <= e.end:
                return e
        return None

    def _accept(self, sd: Any, i: int, j: int, cands: tuple[Candidate, ...], person_words: set[str],
                from_ner: bool, label: str) -> str | None:
        """None to reject the match, "literal", or "embedded" (a place named inside an organisation's
        name, "Pakistan Army", "Kidney Foundation of Canada": kept, but not as the literal place)."""
        words = [t.lower_ for t in sd[i:j] if t.is_alpha]
        single = len(words) == 1
        if any(t.is_alpha and len(t.text) > 1 and not (t.is_title or t.is_upper) and t.lower_ not in CONNECTORS
               and not _joiner(t) and not _INNER_CAPITAL.fullmatch(t.text) for t in sd[i:j]):
            return None  # "MoD", "iPhone", lower-case words (not "McLean", "DeKalb", "LaGrange")
        if single and words[0] in person_words:
            return None
        cue, loc = self._cue(sd, i, j)
        strong = any(c.kind in ("country", "admin1", "region", "landmark") and c.src in ("name", "alias", "demonym")
                     for c in cands)
        demonym = any(c.src == "demonym" for c in cands)
        named = any(c.src in ("name", "alias") for c in cands)
        big = max((c.pop for c in cands if c.src in ("name", "alias")), default=0)
        if single and words[0] in common_words() and not cue:
            return None
        if self._language(sd, i, j):
            return None
        if named and (strong or big >= 1000) and self._dateline(sd, i, j):
            return "literal"  # "ATLANTA (AP) -", which spaCy often calls an organisation
        if all(t.is_upper for t in sd[i:j]) and len(sd[i:j].text) <= 3 and not strong:
            return None  # acronyms: only those that name a country ("US", "UK", "DPRK")
        ent = self._entity_of(sd, i, j)
        lead = 1 if ent is not None and sd[ent.start].lower_ == "the" else 0
        whole = ent is not None and ent.start + lead >= i and ent.end <= j
        if from_ner:
            if whole or strong or cue:
                pass
            elif ent is not None and ent.label_ in PLACE_LABELS and named and big >= 100_000:
                pass  # "Seattle" inside "Seattle, Washington"-like entities
            else:
                return None  # a small place named inside a longer place name ("Nile Delta", "Pearl Harbor")
            if demonym or label in PLACE_LABELS:
                return "literal"
            if label == "NORP":
                return "literal" if strong or (named and (big >= 100_000 or any(
                    c.kind in ("admin1", "admin2") for c in cands))) else None
            return None
        if ent is not None and ent.label_ in ("WORK_OF_ART", "EVENT", "PRODUCT") and not whole:
            ent = None  # spaCy's small model often calls a list of towns a work of art ("Kharkiv and Izium")
        if ent is not None and ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "FAC",
                                              "NORP"):
            if not whole:
                # inside a longer name: a country or division ("Pakistan Army", "US Special Forces",
                # "Development Bank of Mauritius") or a large city ("Liverpool academy") names a place the
                # organisation belongs to; not a division after "University of" (the campus is elsewhere)
                if ent.label_ != "ORG":
                    return None
                inst = any(t.lower_ in INSTITUTION_WORDS for t in ent)
                admin_only = not any(c.kind == "country" for c in cands) and not demonym
                if strong and not (inst and admin_only):
                    return "embedded"
                city = max((c.pop for c in cands if c.kind == "populated_place" and c.src in ("name", "alias")),
                           default=0)
                return "embedded" if city >= 100_000 else None
            # a whole entity spaCy mislabelled ("Panjshir" as ORG, "Tamil Nadu" as PERSON)
            if demonym:
                return "literal"
            if ent.label_ not in ("ORG", "FAC"):
                ok = (strong and named and (not single or bool(cue) or loc)) or big >= 1_000_000 or bool(cue) or (
                    ent.label_ == "PERSON" and loc and named and big >= 5000)
                return "literal" if ok else None
            ok = strong or bool(cue) or (loc and named and big >= 5000) or big >= 1_000_000
            return "literal" if ok else None
        if demonym:
            return "literal" if sd[i].is_title or sd[i].is_upper else None
        if strong or cue:
            return "literal"
        if loc and named and (big >= 1000 or any(c.kind in ("admin2", "region") for c in cands)):
            return "literal"
        return "literal" if named and big >= 100_000 else None

    # ------------------------------------------------------------------ resolution
    def resolve(self, doc: Document, mentions: list[Mention]) -> str | None:
        text = doc.text
        # adjacency: "Kabul, Afghanistan", "Andar district, Ghazni province", "Ghazni province of Afghanistan"
        for a, b in zip(mentions, mentions[1:], strict=False):
            gap = text[a.end : b.start]
            if re.fullmatch(r"\s*(?:(?:province|district|county|state|city|governorate|region)\b)?\s*[,(]\s*"
                            r"|\s*(?:province|district|county|state)?\s*(?:of|in)\s+(?:the\s+)?", gap, re.I):
                a.near.extend(c for c in b.cands if c.kind in ("country", "admin1", "region"))
        # "Tacoma, Washington": a division or country after a town and a comma contains it
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"\s*,\s*", text[a.end : b.start]):
                for c in b.cands:
                    if c.kind in ("admin1", "country") and any(
                            x.kind in ("populated_place", "admin2") and x.src in ("name", "alias")
                            and x.cc == c.cc and (c.kind == "country" or x.admin1 == c.admin1) for x in a.cands):
                        b.container.append(c)
        # "London's Heathrow", "Kandahar's Zhari district": the place after a possessive lies in the one before
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"['\u2019]s\s+", text[a.end : b.start]):
                b.owner = a
        # pass 1: focus country from priors
        for m in mentions:
            m.best = max(m.cands, key=lambda c: self._score(c, m, None, set())) if m.cands else None
        # "California or Washington": names listed together are of one kind
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"\s*(?:,|,? and|,? or|&)\s*", text[a.end : b.start]):
                if a.best is not None:
                    b.listed.append(a.best.kind)
                if b.best is not None:
                    a.listed.append(b.best.kind)
        focus = self._focus(doc, mentions)
        # pass 2: with the focus, the divisions named in the document and the places near each other
        anchors = [m for m in mentions if m.best and m.best.kind in ("populated_place", "admin1", "admin2")
                   and m.best.src in ("name", "alias")]
        for m in mentions:
            key = m.text.lower()
            admins = {(a.best.cc, a.best.admin1) for a in anchors
                      if a.best and a.best.kind == "admin1" and a.text.lower() != key}
            others = [a.best for a in anchors if a.best and a.text.lower() != key and a.best.kind != "admin1"]
            inside = {(o.cc, o.admin1) for o in others if o.kind == "populated_place"}
            if not m.cands:
                continue
            own_focus = self._focus(doc, mentions, without=key) or focus
            strong = any(c.kind in ("country", "admin1", "region") and c.src in ("name", "alias")
                         for c in m.cands)
            scored = []
            for c in m.cands:
                # a small namesake of a country or division gets no help from the context, and neither does
                # a town named inside an organisation's name ("Aberdeen Asset Management"): the
                # organisation's home is the best-known town of the name, wherever the story is
                small = strong and c.kind in ("populated_place", "admin2") and c.pop < 100_000 or (
                    m.embedded and not strong)
                sc = self._score(c, m, None if small else own_focus, set() if small else admins, inside)
                scored.append((sc + (0.0 if small else self._near_others(c, others)), c))
            scored.sort(key=lambda p: -p[0])
            m.best = scored[0][1]
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0
            m.score = round(1 / (1 + math.exp(-margin)), 3)
        for m in mentions:
            self._inside_owner(m)
            self._inside_named_division(m)
        self._place_districts(mentions)
        return self._focus(doc, mentions)

    @staticmethod
    def _place_districts(mentions: list[Mention]) -> None:
        """A district whose gazetteer point is only its province's ("ADM2A") is put at the town of the same
        province the document names nearest to it ("Miami-Dade County" ... "Miami")."""
        towns = [m for m in mentions if m.best and m.best.kind == "populated_place" and m.best.src != "demonym"]
        for m in mentions:
            c = m.best
            if c is None or c.fcode != "ADM2A":
                continue
            same = [t for t in towns if t.best and t.best.cc == c.cc and t.best.admin1 == c.admin1]
            if same:
                t = min(same, key=lambda t: abs(t.start - m.start))
                assert t.best is not None
                m.best = dataclasses.replace(c, lat=t.best.lat, lon=t.best.lon)

    @staticmethod
    def _inside_owner(m: Mention) -> None:
        """ "London's Heathrow": the reading of X in "Y's X" that lies in Y (a town's: within 100 km; a
        division's: within 400 km); when X has none, X is a place of Y the gazetteer lacks (an airport, a
        suburb, a township), located at Y's point."""
        o = m.owner.best if m.owner is not None else None
        if o is None or o.kind not in ("populated_place", "admin1", "admin2") or o.src == "demonym":
            return
        radius = 100.0 if o.kind == "populated_place" else 400.0
        inside = [c for c in m.cands if c.kind in ("populated_place", "admin2", "region", "landmark")
                  and _km(c.lat, c.lon, o.lat, o.lon) <= radius]
        if m.best is not None and m.best in inside:
            return
        if m.best is not None and m.best.kind in ("country", "admin1"):
            return  # "Kabul's Afghanistan" is not a place of Kabul
        if inside:
            m.best = max(inside, key=_prior)
        else:
            kind = "landmark" if o.kind == "populated_place" else "populated_place"
            m.best = Candidate(0, m.text, o.lat, o.lon, o.cc, o.admin1, o.iso1, o.admin1_name, kind, 0, "name")
        m.score = 0.5

    def _inside_named_division(self, m: Mention) -> None:
        """ "X district, Y province" where no X of the gazetteer lies in Y: X is read as a place of Y the
        gazetteer lacks (a district or village), located at Y's point."""
        if not m.near or not m.cue or "admin1" in m.cue:
            return
        divisions = [n for n in m.near if n.kind == "admin1"]
        if not divisions or (m.best is not None and any(m.best.cc == d.cc and m.best.admin1 == d.admin1
                                                        for d in divisions)):
            return
        d = divisions[0]
        kind = "admin2" if "admin2" in m.cue else "populated_place"
        m.best = Candidate(0, m.text, d.lat, d.lon, d.cc, d.admin1, d.iso1, d.admin1_name, kind, 0, "name")
        m.score = 0.5

    def _score(self, c: Candidate, m: Mention, focus: str | None, admins: set[tuple[str | None, str | None]],
               inside: set[tuple[str | None, str | None]] | None = None) -> float:
        s = _prior(c)
        if m.cue:
            if c.kind in m.cue:
                s += 4.0 - m.cue.index(c.kind) * 0.5
            elif c.kind == "country":
                s -= 2.0
        if focus and c.cc == focus:
            s += 2.0
        elif focus and not c.cc:
            s += 1.0  # seas, continents: neither for nor against the focus
        if c.kind != "admin1" and c.src in ("name", "alias") and (c.cc, c.admin1) in admins:
            s += 2.0

        if c in m.container:
            s += 3.0
        if c.kind == "admin1" and inside and (c.cc, c.admin1) in inside and any(x.kind == "country" for x in m.cands):
            s += 3.0  # "Georgia" in a story about Atlanta: the state, not the country
        if c.kind in ("admin1", "country") and c.kind in m.listed:
            s += 1.5
        for n in m.near:
            if n.cc == c.cc and (n.kind == "country" or (n.admin1 and n.admin1 == c.admin1)):
                s += 3.0 if n.kind != "country" else 2.0
                break
        return s

    @staticmethod
    def _near_others(c: Candidate, others: list[Candidate]) -> float:
        """Places named together lie together: a reading within 150 km of another mention's reading."""
        if c.kind not in ("populated_place", "admin2", "landmark") or c.src not in ("name", "alias"):
            return 0.0
        for o in others[:50]:
            if o.id != c.id and _km(c.lat, c.lon, o.lat, o.lon) <= 150:
                return 1.5
        return 0.0

    def _focus(self, doc: Document, mentions: list[Mention], without: str | None = None) -> str | None:
        """The country the document's readings point to most (`without`: leaving out one name's mentions,
        so that a name is not its own context)."""
        votes: Counter[str] = Counter()
        for m in mentions:
            c = m.best
            if c is None or not c.cc or (without is not None and m.text.lower() == without):
                continue
            w = {"country": 2.0, "admin1": 1.5}.get(c.kind, 1.0)
            if c.src == "demonym":
                w = 0.75
            votes[c.cc] += w
        if not votes:
            return None
        return votes.most_common(1)[0][0]

    @staticmethod
    def _drop_stray(mentions: list[Mention], focus: str | None) -> list[Mention]:
        """Drop a weak reading (a division or a town of under 100,000) in a country nothing else in the
        document points to, unless a place cue or a locative preposition backs it: "West Coast" read as a
        New Zealand region in an American story is noise. A country is pointed to by another name in it,
        by its own name or its demonym, or by being the document's focus."""
        texts: dict[str, set[str]] = {}
        strong: set[str] = set()
        for m in mentions:
            c = m.best
            if c is None or not c.cc:
                continue
            texts.setdefault(c.cc, set()).add(m.text.lower())
            if c.kind in ("country", "region") and c.src in ("name", "alias", "demonym"):
                strong.add(c.cc)

        def elsewhere(cc: str) -> bool:
            """Whether the document points to some other country (else there is nothing to go by)."""
            return any(o != cc for o in strong) or any(o != cc and len(t) > 1 for o, t in texts.items())

        listed = {m.text.lower() for m in mentions if m.listed}  # names listed with others somewhere
        keep = []
        for m in mentions:
            c = m.best
            if c is None:
                continue
            weak = c.kind in ("admin1", "admin2") or (c.kind == "populated_place" and c.pop < 100_000)
            supported = c.cc in strong or len(texts.get(c.cc, ())) > 1 or not elsewhere(c.cc)
            if weak and c.cc and not supported and not m.cue and not m.near and c.src != "demonym":
                if not (m.locative and (c.kind == "admin1" or c.kind == "populated_place" and c.pop >= 20_000)):
                    continue
                if c.kind == "populated_place" and focus and focus != c.cc and m.text.lower() not in listed:
                    PlaceFinder._local_namesake(m, mentions, focus)
            keep.append(m)
        return keep

    @staticmethod
    def _local_namesake(m: Mention, mentions: list[Mention], focus: str) -> None:
        """ "went from Soweto to settle in Midrand" in a story whose places all lie in South Africa: a
        town abroad that nothing else in the document points to is read as a place of the document's
        country the gazetteer lacks (a township, a suburb), located at the town of that country the
        document names nearest to it; with no such town, or in a list of places ("trips to Saipan, Guam,
        Alaska"), the foreign reading stays."""
        towns = [t for t in mentions if t is not m and t.best is not None and t.best.cc == focus
                 and t.best.kind == "populated_place" and t.best.src in ("name", "alias") and t.best.id > 0]
        if not towns:
            return
        t = min(towns, key=lambda t: abs(t.start - m.start))
        b = t.best
        assert b is not None
        m.best = Candidate(0, m.text, b.lat, b.lon, b.cc, b.admin1, b.iso1, b.admin1_name, "populated_place", 0,
                           "name")
        m.score = 0.3

    # ------------------------------------------------------------------ stage
    def __call__(self, doc: Document) -> Document:
        mentions = self.detect(doc)
        focus = self.resolve(doc, mentions) if mentions else None
        doc.places = []
        mentions = self._drop_stray(mentions, focus)
        for m in mentions:
            assert m.best is not None
            doc.places.append(
                PlaceMention(m.start, m.end, m.text, m.best.place(), score=m.score,
                             literal=m.best.src != "demonym" and not m.embedded)
            )
        doc.focus_country = focus
        return doc


# ---------------------------------------------------------------------- event place
def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return (0 if a < 0 else a + 2, len(text) if b < 0 else b)


def _mention_tokens(doc: Document, pm: PlaceMention) -> Any:
    sd = doc.spacy
    if sd is None:
        return None
    return sd.char_span(pm.start, pm.end, alignment_mode="expand")


def _attached(doc: Document, pm: PlaceMention, trigger_start: int, trigger_end: int) -> float:
    """How closely the mention hangs on the trigger in the parse: 2 for "TRIGGER ... in X" (the place is
    in the trigger's own clause through a locative preposition), 1 for the same clause, -1 for a
    participant's origin ("a missionary from X"), 0 otherwise."""
    sd = doc.spacy
    span = _mention_tokens(doc, pm)
    trig = sd.char_span(trigger_start, trigger_end, alignment_mode="expand") if sd is not None else None
    if span is None or trig is None or len(trig) == 0:
        return 0.0
    head = span.root
    trig_root = trig.root
    anc = list(head.ancestors)
    if trig_root not in anc and trig_root != head:
        return 0.0
    # path from the mention up to the trigger: a locative preposition on it counts double; "from" on a
    # participant ("a teacher from Toronto was arrested in Jordan") names an origin, not the place
    for t in anc:
        if t == trig_root:
            break
        if t.dep_ == "prep" and t.lower_ == "from" and t.head != trig_root and t.head.pos_ in ("NOUN", "PROPN"):
            return -1.0
        if t.dep_ == "prep" and t.lower_ in LOCATIVE - {"of", "from", "to"}:
            return 2.0
    return 1.0


def place_for_event(doc: Document, event: Event) -> Place | None:
    """The place of `event`.

    1. the place mentions of its own sentence: one attached to the trigger ("killed ... in X") first, then
       the most specific (town or district over province over country), then the nearest;
    2. else the nearest place named before it in its paragraph (the story goes on where it was);
    3. else (or when the sentence names only a country) the division the document names most often,
       else the document's focus country.
    Dateline places ("KABUL, Afghanistan (Jan. 25)") say where the story was filed and are skipped.
    """
    if event.evidence:
        s0, s1 = event.evidence[0].start, event.evidence[-1].end
    else:
        s0, s1 = event.trigger.start, event.trigger.end
    usable = _usable_places(doc)
    best = _pick(doc, [p for p in usable if p.start >= s0 and p.end <= s1], event)
    if best is not None and best.kind != "country":
        return best
    if best is None:
        p0, _p1 = _paragraph(doc.text, s0, s1)
        before = [p for p in usable if p0 <= p.start < s0 and p.literal]
        if before:
            return _copy(max(before, key=lambda p: p.start).place)
    # nothing, or only a country, in the sentence ("killed two insurgents in southern Afghanistan"): the
    # division the document names most often, when it lies in that country
    divisions = Counter(p.place.admin1_code for p in usable if p.literal and p.place.admin1_code
                        and (best is None or p.place.country_code == best.country_code))
    if divisions:
        code = divisions.most_common(1)[0][0]
        same = [p for p in usable if p.place.admin1_code == code]
        return _copy(next((p for p in same if p.place.kind == "admin1"), same[0]).place)
    if best is not None:
        return best
    if doc.focus_country:
        c = load_gazetteer().country(doc.focus_country)
        if c is not None:
            return c.place()
    return None


def _usable_places(doc: Document) -> list[PlaceMention]:
    """The document's place mentions without its dateline's, computed once per document."""
    cached = doc.meta.get("_usable_places")
    if cached is not None and cached[0] == len(doc.places):
        return cached[1]
    usable = [p for p in doc.places if not _is_dateline(doc, p)]
    doc.meta["_usable_places"] = (len(doc.places), usable)
    return usable


def _copy(place: Place) -> Place:
    return Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})


def _is_dateline(doc: Document, pm: PlaceMention) -> bool:
    """Place in a dateline ("KABUL, Afghanistan (Jan. 25, 2013) -"): where the story was filed, not where
    it happened."""
    text = doc.text
    k = max(text.rfind(ch, 0, pm.start) for ch in "\n\r\u2028\u2029")  # the line's start - 1
    head = text[k + 1 : pm.start].strip()
    rest = text[pm.end : pm.end + 80]
    if head and not head.endswith(("PDF", "Release")) and not re.fullmatch(r"[A-Z]{3,}[A-Z .,]*,", head):
        return False
    if pm.text.isupper() and len(pm.text) > 3:
        return True
    return bool(re.match(r"\s*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*\s*)?(?:\(|[-\u2013\u2014]\s)", rest))


def _pick(doc: Document, mentions: list[PlaceMention], event: Event) -> Place | None:
    if not mentions:
        return None
    literal = [p for p in mentions if p.literal]
    pool = literal or mentions
    t0, t1 = event.trigger.start, event.trigger.end

    def key(p: PlaceMention) -> tuple[float, float]:
        spec = SPECIFICITY.get(p.place.kind, 0)
        # a region inside one division counts as that division
        if p.place.kind == "region" and p.place.admin1_code:
            spec = 2.5
        att = _attached(doc, p, t0, t1)
        # ties (places listed together, "in Kandahar and Helmand"): the first named
        return (att * 2 + spec + (0.5 if p.score >= 0.5 else 0.0), -p.start)

    return _copy(max(pool, key=key).place)
