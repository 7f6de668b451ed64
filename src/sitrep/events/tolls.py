"""Tolls told in a sentence that holds no event trigger of its own.

"Gunmen raided the village. The bodies of four men were found." / "One soldier dead.": the second sentence
names no attack, but its deaths are those of the event the document reports (ACLED codebook, Reported
fatalities: the reported deaths of the event). They go to the main event when it is a current, violent
event with no count of its own. Running totals ("since January") are no event's toll.
"""

from __future__ import annotations

from ..document import Event
from .cand import Sent
from .features import KILL, casualties
from .lexicon import words

VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


def _may_tell_deaths(sent: Sent) -> bool:
    """Cheap filter: only sentences with a word of dying or killing are read."""
    cues = KILL | words("dead_result_verbs") | words("to_death_verbs")
    return any(
        t.lower_ in ("dead", "death", "deaths", "body", "bodies", "corpse", "lives", "fatalities")
        or t.lemma_.lower() in cues
        for t in sent
    )


def _running_total(sent: Sent) -> bool:
    return any(t.lower_ == "since" and t.dep_ in ("prep", "mark") for t in sent)


def orphan_toll(sent: Sent) -> int | None:
    """People killed in a sentence without event candidates (None when it tells none)."""
    if not _may_tell_deaths(sent) or _running_total(sent):
        return None
    return casualties(sent)[0]


def attach_orphan_tolls(events: list[Event], tolls: list[int]) -> None:
    """Give the first toll of trigger-less sentences to the main event when it has no count."""
    if not events or not tolls:
        return
    main = max(events, key=lambda e: e.confidence)
    if main.killed is not None or main.negated or main.timeframe != "current" or main.acled is None:
        return
    if main.acled.get("event_type") not in VIOLENT_TYPES:
        return
    main.killed = tolls[0]


def protests_without_deaths(events: list[Event]) -> None:
    """ACLED codes a protest with 0 fatalities: deaths at a demonstration make it a riot or excessive force
    (codebook, Protests / Excessive force against protesters), and deaths that caused a protest ("marched
    over the killing of a trader") are another event's. A Protests record carries no death toll."""
    for e in events:
        if e.acled is not None and e.acled.get("event_type") == "Protests":
            e.killed = None
