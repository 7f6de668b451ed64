"""Pass 0 of actor recognition: state actors written as ACLED names them ("Police Forces of Kenya
(2013-)", "Military Forces of Benin", "Government of Niger"; codebook, "Actor names"). Reports and notes
written by coders use these names; read word by word, "Forces of Kenya" would make the country the agent
and "Military" a stray word. Each becomes the state's police, military or government, as `state_actor`
names them, with the regime years (if any) inside the mention."""

from __future__ import annotations

import re

from .lexicon import Lexicon, government_id
from .state import _State

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s(?:of\s|and\s|the\s)?[A-Z][\w'\u2019.-]*){0,4}"
_PATTERN = re.compile(
    rf"\b(?P<sector>Police|Military|Government)\s(?:Forces\s)?of\s(?:the\s)?(?P<country>{_NAME})"
    r"(?:\s\(\d{4}-(?:\d{4})?\))?")
_SECTORS = {"Police": "police", "Military": "military", "Government": "government"}
_NAMES = {"police": "Police Forces of {}", "military": "Military Forces of {}", "government": "Government of {}"}


_CACHE: dict[int, dict[str, str]] = {}


def _countries(lex: Lexicon) -> dict[str, str]:
    """country name (as written, lower case) -> ISO alpha-3 (cached per loaded lexicon)."""
    if id(lex) in _CACHE:
        return _CACHE[id(lex)]
    out = {name.lower(): iso3 for iso3, name in lex.country_names.items()}
    for al in lex.aliases:
        if al.entry.kind == "country" and al.entry.country:
            out.setdefault(al.text.lower(), al.entry.country)
    _CACHE.clear()
    _CACHE[id(lex)] = out
    return out


def _acled_state_names(st: _State) -> None:
    countries = _countries(st.lex)
    sd = st.sdoc
    for m in _PATTERN.finditer(st.doc.text):
        sector = _SECTORS[m.group("sector")]
        if sector != "government" and " Forces " not in m.group(0) + " ":
            continue  # "Police of X" is not an ACLED name
        words = m.group("country").split()
        iso3 = None
        for k in range(len(words), 0, -1):  # the longest country name at the start: "Benin in Alibori"
            iso3 = countries.get(" ".join(words[:k]).lower())
            if iso3:
                end = m.start("country") + len(" ".join(words[:k]))
                break
        if iso3 is None:
            continue
        tail = re.match(r"\s\(\d{4}-(?:\d{4})?\)", st.doc.text[end:])
        if tail:
            end += tail.end()
        span = sd.char_span(m.start(), end, alignment_mode="expand")
        if span is None or not st.free(span.start, span.end):
            continue
        aid = government_id(iso3) if sector == "government" else f"generic:{sector}:{iso3}"
        name = _NAMES[sector].format(st.lex.country_names.get(iso3, words[0]))
        st.add(span.start, span.end, aid, name=name, kind=sector, country=iso3, sector=sector, how="dict")
