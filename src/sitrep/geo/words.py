"""Shared pieces of the places stage: word lists (`data/place_words.json`), the document view, the
mention record and the reading prior."""


from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .gazetteer import Candidate

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


# division words of some countries only ("commune", "departement", "cercle"): a cue for the readings in
# the countries `data/division_words.tsv` lists for them, none for a namesake elsewhere
SCOPED_CUES = _word_set("scoped_cues")
_CUE_BASES = {"departement": "department", "departements": "department", "departments": "department",
              "prefectures": "prefecture", "communes": "commune", "subprefecture": "sub-prefecture"}


def cue_base(word: str) -> str:
    """The cue word without accents and in the singular ("préfecture", "départements" -> "prefecture",
    "department"), as `data/division_words.tsv` spells it."""
    import unicodedata

    w = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    return _CUE_BASES.get(w, w)


@lru_cache(maxsize=1)
def division_levels() -> dict[tuple[str, str], str]:
    """(cue word, country) -> the kind that word names in that country (`data/division_words.tsv`: a
    county is a first-level division in Kenya, a second-level one in the United States)."""
    out: dict[tuple[str, str], str] = {}
    for line in (DATA / "division_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, cc, kind = line.split("\t")[:3]
            out[(word, cc)] = kind
    return out


CONNECTORS = _word_set("connectors")
# tokens that may sit inside a multi-word name ("Nad 'Ali", "Pul-e 'Alam", "Qal'ah-ye Zal")
JOINERS = {"-", "of", "al", "el", "e", "i", "ye", "ul", "ud", "'", "‘", "’", "`", "-e", "-i", "-ye"}
# particles that join a Romance or Germanic name when written in lower case ("Mocímboa da Praia", "Rio de
# Janeiro", "Bergen op Zoom"); capitalised, they begin a name ("Los Angeles", "Des Moines", "La Paz")
PARTICLES = _word_set("particles")
INSTITUTION_WORDS = _word_set("institution_words")
# landforms named after a river, sea or region they are part of or next to ("Nile Delta")
FEATURE_WORDS = _word_set("feature_words")
SPEECH_VERBS = _word_set("speech_verbs")
# words that never stand inside a person's name ("Chamber of Commerce and Industry")
PERSON_BREAKERS = {"of", "and", "the", "for", "&"}
# prepositions after which a lone name is a place, not a person ("in Fairview", but "from Tyler" may be either)
PLACE_PREPOSITIONS = _word_set("place_prepositions")
LOCATIVE = _word_set("locative")
# the place of an event: nouns of state forces ("Malawian police"), of people ("Portuguese nationals"), lemmas
# of speaking ("told a briefing in the capital") and of borders ("near the Tanzanian border")
STATE_FORCE_WORDS = _word_set("state_force_words")
PEOPLE_WORDS = _word_set("people_words")
SPEECH_WORDS = _word_set("speech_words")
BORDER_WORDS = _word_set("border_words")
# words between a place and the one that contains it ("Shauri area of Nakuru", "Tovi village, Lamu")
AREA_WORDS = _word_set("area_words")
# a place's name before one of these, capitalised, names a street or a park ("Kampala Road" in Nairobi)
STREET_WORDS = _word_set("street_words")
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
    return t.lower_ in JOINERS or (t.lower_ in PARTICLES and t.text.islower()) or bool(
        _APOS_SUFFIX.fullmatch(t.text))


class _Tokens(list[Any]):
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
    cue_word: str = ""  # the division word of the cue ("county" in "Kilifi County")
    embedded: bool = False
    near: list[Candidate] = field(default_factory=list)  # adjacent country/division readings
    container: list[Candidate] = field(default_factory=list)  # readings that contain the place before
    listed: list[str] = field(default_factory=list)  # kinds of the names listed with this one
    best: Candidate | None = None
    score: float = 0.0
    owner: Mention | None = None  # "London's Heathrow": the place named before the possessive
    holder: Mention | None = None  # "Tovi, Lamu", "Shauri area of Nakuru": the place named as containing it
    explicit: bool = False  # the holder is named through an area word or "in" (not only a comma)
    area: str = ""  # the area word before the holder ("area" in "the Shauri area of Nakuru")
    bracket: bool = False  # the holder opens a bracket after it: "Kika (Tchaoulou, Borel)"


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
