"""Data files of the events stage (``events/data/*.json``), loaded once and compiled to regexes."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

_DATA = "sitrep.events.data"


@functools.cache
def load(name: str) -> dict[str, Any]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    for k in [k for k in data if k.startswith("_")]:
        data.pop(k)
    return data


def _alternation(names: set[str]) -> str:
    return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


@functools.cache
def _placeholders() -> dict[str, str]:
    """Regex alternations that cue entries name in braces, built from the actors stage's data:
    `{demonym}` = every country adjective of actors/data/demonyms.tsv (those with an ISO code; an empty
    code marks an ethnic or religious group), `{armed_group}` = every name of an armed group in
    actors/data/actors.json and its acronyms of three letters or more that are not ambiguous."""
    actors = resources.files("sitrep.actors.data")
    demonyms = set()
    for line in actors.joinpath("demonyms.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or not cols[1].strip():
            continue
        demonyms.add(cols[0].strip().lower())
    data = json.loads(actors.joinpath("actors.json").read_text(encoding="utf-8"))
    ambiguous = set(json.loads(actors.joinpath("recognizer_words.json").read_text(encoding="utf-8"))
                    ["ambiguous_acronyms"])
    groups: set[str] = set()
    for a in data["actors"]:
        if a.get("kind") != "armed_group":
            continue
        groups.update(n.lower() for n in [a["name"], *(a.get("aliases") or [])] if len(n) >= 4)
        groups.update(n.lower() for n in a.get("acronyms") or []
                      if len(n) >= 3 and n.isupper() and n not in ambiguous)
    return {"demonym": _alternation(demonyms), "armed_group": _alternation(groups)}


def _pattern(words: list[str]) -> re.Pattern[str]:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w.lower())
        if p.endswith(r"\*"):
            p = p[:-2] + r"[\w-]*"
        for name, alt in _placeholders().items():
            p = p.replace(re.escape("{" + name + "}"), alt)
        parts.append(p)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@functools.cache
def cue(name: str, sub: str | None = None) -> re.Pattern[str]:
    """Compiled regex for cue list `name` (or `name`/`sub` for nested lists) of cues.json."""
    data = load("cues.json")[name]
    words = data[sub] if sub is not None else data
    return _pattern(list(words))


def has(name: str, text: str, sub: str | None = None) -> bool:
    return cue(name, sub).search(text.lower()) is not None


def frames() -> dict[str, dict[str, Any]]:
    return load("frames.json")


def triggers() -> dict[str, Any]:
    return load("triggers.json")


@functools.cache
def words(name: str) -> frozenset[str]:
    """Word list `name` of words.json (lemmas or lower-case words)."""
    return frozenset(load("words.json")["sets"][name])


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """Compiled regular expression `name` of words.json."""
    return re.compile(load("words.json")["patterns"][name])
