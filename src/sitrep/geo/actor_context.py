"""The countries a document's actors tie it to: context for the places stage when its places say little.

ACLED's codebook names state forces after the state ("Military Forces of Kenya", "Police Forces of Benin")
and codes them as inter 8 ("External/Other forces") only when they act outside their country: a state's
police, army or government act, as a rule, in their own country. A national political party acts in its
own country, and so does an armed group whose field is one country ("Mungiki", "SLDF"). A group that
fights across borders (`operates` in `actors/data/actors.json`: "al-Shabaab" in Somalia and Kenya) ties
the document to the countries of its field, not to one. People named by a nationality ("70 Ethiopians
were arrested") are not a country's agents and say nothing here (a nationality is not a place; see
`event_place._role`), and neither are persons, IGOs and NGOs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ..document import Actor, Document

# actor kinds whose country is where they act: a state's own bodies and its parties
STATE_KINDS = {"military", "police", "government"}
HOME_KINDS = STATE_KINDS | {"political_party", "armed_group"}


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple[str, ...]]:
    """actor id -> the ISO alpha-3 countries of its field (`operates`), for groups that act across borders."""
    raw = json.loads(resources.files("sitrep.actors").joinpath("data/actors.json").read_text("utf-8"))
    return {a["id"]: tuple(a["operates"]) for a in raw.get("actors", []) if a.get("operates")}


@lru_cache(maxsize=512)
def alpha2(iso3: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3.upper())
    return c.alpha_2 if c is not None else None


def actor_field(actor: Actor) -> tuple[str, ...]:
    """The ISO alpha-2 countries `actor` acts in, as far as its kind and the dictionary say; () when
    nothing ties it to a country."""
    if not actor.country or actor.kind not in HOME_KINDS:
        return ()
    if actor.id.startswith("generic:") and actor.kind not in STATE_KINDS:
        # "Somali raiders", "Ethiopian militiamen": a nationality says where the group is from, and a report
        # names it so when it acts across a border; like people named by a nationality, no field
        return ()
    iso3s = _fields().get(actor.id) or _fields().get(actor.id.rsplit(":", 1)[0]) or (actor.country,)
    out = tuple(dict.fromkeys(a2 for a2 in (alpha2(c) for c in iso3s) if a2))
    return out


def actor_countries(doc: Document, ids: list[str] | None = None) -> set[str]:
    """The ISO alpha-2 countries any of the document's actors (or only those of `ids`) may act in."""
    out: set[str] = set()
    for a in doc.actors:
        if ids is None or a.id in ids:
            out.update(actor_field(a))
    return out


def actor_country(doc: Document, ids: list[str] | None = None) -> str | None:
    """The one country the actors tie the document to (those of `ids` first: the event's own), or None
    when they tie it to none or to several ("Ugandan police" and "Kenyan police": no guess)."""
    for pool in ([ids] if ids else []) + [None]:
        fields = [actor_field(a) for a in doc.actors if pool is None or a.id in pool]
        singles = {f[0] for f in fields if len(f) == 1}
        if len(singles) == 1:
            cc = next(iter(singles))
            # a group of several countries' field agrees when the one country is among them
            return cc if all(cc in f for f in fields if f) else None
        if singles or any(fields):
            return None
    return None


def named_actor_spans(doc: Document) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, field) of each mention of a dictionary actor with a home ("Orange Democratic
    Movement", "Kenya Defence Forces"): a place name inside one is the actor's, read in its field or not
    at all (the party's "Orange" is no town in California)."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for a in doc.actors:
        if a.id.startswith("generic:") or "-ev-" in a.id:
            continue
        f = actor_field(a)
        if f:
            out.extend((m.start, m.end, f) for m in a.mentions)
    return out


@lru_cache(maxsize=1)
def _communities() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    raw = json.loads(resources.files("sitrep.geo").joinpath("data/community_countries.json").read_text("utf-8"))
    table = {k: tuple(v) for k, v in raw["communities"].items()}
    names = "|".join(sorted((re.escape(k) for k in table), key=len, reverse=True))
    return re.compile(rf"\b(?:{names})\b"), table


def community_country(doc: Document) -> str | None:
    """The one country (alpha-2) of the ethnic communities the text names ("Turkana raiders", "clashes
    between Pokot and Marakwet herders"), or None when it names none or communities of several countries."""
    return _community_country_of(doc.text)


@lru_cache(maxsize=8)
def _community_country_of(text: str) -> str | None:
    # asked once per event: the text is scanned once per document (the string's hash is cached)
    pattern, table = _communities()
    common: set[str] | None = None
    for m in pattern.finditer(text):
        field = {a2 for a2 in (alpha2(c) for c in table[m.group(0)]) if a2}
        common = field if common is None else common & field
    if common is not None and len(common) == 1:
        return next(iter(common))
    return None
