"""The actor dictionary and lexicons, loaded once from `sitrep/actors/data/`.

- `actors.json`: named actors (armed groups, state forces and bodies, IGOs, NGOs) with aliases and acronyms;
- countries from pycountry (name, common name) plus `country_names.tsv` (Britain, U.S., USSR, ...);
- `demonyms.tsv` (Afghan -> AFG), `capitals.tsv` (capitals used as metonyms for governments);
- `generic.tsv` (soldiers -> military, gunmen -> unidentified armed group, ...), `titles.tsv` (spokesman, president);
- `recognizer_words.json`: the word lists of the recogniser (`recognize.py`): organisation head nouns, armed
  modifiers, name prefixes, quantifiers, ... (`word_set`).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One dictionary actor."""

    id: str
    name: str  # canonical display name
    kind: str | None = None
    country: str | None = None


@dataclass
class Alias:
    entry: Entry
    text: str
    case_sensitive: bool  # acronyms are matched exactly


@dataclass
class Lexicon:
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    demonyms: dict[str, str | None] = field(default_factory=dict)  # lower-case demonym -> ISO3 (None: ethnic)
    capitals: dict[str, str] = field(default_factory=dict)  # capital -> ISO3
    generic: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma or "mod head" -> (sector, kind)
    titles: dict[str, str] = field(default_factory=dict)  # title -> role (gov/org/mil/rel)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical short name
    qualified: set[str] = field(
        default_factory=set
    )  # generic keys that need a country ("Israeli intelligence")
    not_actors: set[str] = field(default_factory=set)  # names the entity recogniser takes for organisations
    place_suffixes: tuple[str, ...] = ()  # endings of place names ("-kheyl", "-abad")
    descriptors: dict[str, set[str]] = field(default_factory=dict)  # actor id -> words of descriptions
    affiliations: dict[str, str] = field(default_factory=dict)  # person id -> id of the actor they act for


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def _data(name: str) -> str:
    return resources.files("sitrep.actors").joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in _data(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@functools.lru_cache(maxsize=1)
def _recognizer_words() -> dict[str, list[str]]:
    return json.loads(_data("recognizer_words.json"))


def word_set(name: str) -> set[str]:
    """A word list of `recognizer_words.json` as a set (a new set each call: callers may keep and extend it)."""
    return set(_recognizer_words()[name])


def country_id(iso3: str) -> str:
    return f"country:{iso3}"


def government_id(iso3: str) -> str:
    return f"gov:{iso3}"


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    import pycountry

    lex = Lexicon()
    raw: dict[str, Any] = json.loads(_data("actors.json"))
    for a in raw["actors"]:
        e = Entry(a["id"], a["name"], a.get("kind"), a.get("country"))
        lex.entries[e.id] = e
        if a.get("descriptors"):
            lex.descriptors[e.id] = {w.lower() for w in a["descriptors"]}
        for al in [a["name"], *a.get("aliases", [])]:
            lex.aliases.append(Alias(e, al, case_sensitive=False))
        for ac in a.get("acronyms", []):
            lex.aliases.append(Alias(e, ac, case_sensitive=True))

    for a in raw.get("people", []):
        e = Entry(a["id"], a["name"], "person", a.get("country"))
        lex.entries[e.id] = e
        if a.get("affiliation"):
            lex.affiliations[e.id] = a["affiliation"]
        for al in [a["name"], *a.get("aliases", [])]:
            lex.aliases.append(Alias(e, al, case_sensitive=False))

    # countries: pycountry names, then the hand-written common/historical names
    def add_country(iso3: str, name: str, alias: str) -> None:
        cid = country_id(iso3)
        if cid not in lex.entries:
            lex.entries[cid] = Entry(cid, name, "country", iso3)
        acronym = alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 4
        lex.aliases.append(Alias(lex.entries[cid], alias, case_sensitive=acronym))

    extra = _tsv("country_names.tsv")
    short: dict[str, str] = {}
    for row in extra:
        short.setdefault(row[1], row[0])
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        alt = short.get(c.alpha_3)
        if "," in name or (alt and len(alt) < len(name) and not alt.replace(".", "").isupper()):
            name = alt or name.split(",")[0]
        lex.country_names[c.alpha_3] = name
        for n in {c.name, getattr(c, "common_name", None) or c.name}:
            if "," not in n and "(" not in n:
                add_country(c.alpha_3, name, n)
    historic = {
        "SUN": "Soviet Union",
        "YUG": "Yugoslavia",
        "CSK": "Czechoslovakia",
        "DDR": "East Germany",
        "ZAR": "Zaire",
        "RHO": "Rhodesia",
        "SCG": "Serbia and Montenegro",
        "XKX": "Kosovo",
    }
    lex.country_names.update({k: v for k, v in historic.items() if k not in lex.country_names})
    for alias, iso3 in extra:
        add_country(iso3, lex.country_names.get(iso3, alias), alias)

    for row in _tsv("demonyms.tsv"):
        lex.demonyms[row[0].lower()] = row[1] if len(row) > 1 and row[1] else None
    for row in _tsv("capitals.tsv"):
        lex.capitals[row[0]] = row[1]
    for row in _tsv("generic.tsv"):
        lex.generic[row[0].lower()] = (row[1], row[2])
        if len(row) > 3 and row[3] == "qualified":
            lex.qualified.add(row[0].lower())
    lex.not_actors = {w.lower() for w in raw.get("not_actors", [])}
    lex.place_suffixes = tuple(w.lower() for w in raw.get("place_name_suffixes", []))
    for row in _tsv("titles.tsv"):
        lex.titles[row[0].lower()] = row[1]
    return lex


def demonym_country(word: str) -> tuple[bool, str | None]:
    """(is a demonym, ISO3) for "Afghan", "Afghans", "Syrians", "Kurds"."""
    lex = load()
    w = word.lower().strip()
    for cand in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None):
        if cand and cand in lex.demonyms:
            return True, lex.demonyms[cand]
    return False, None
