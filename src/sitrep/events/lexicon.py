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


def _pattern(words: list[str]) -> re.Pattern[str]:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w.lower())
        if p.endswith(r"\*"):
            p = p[:-2] + r"[\w-]*"
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
