"""Rank: each event's confidence and centrality, so that the article's main event ranks first."""

from __future__ import annotations

import functools
import math
import os
from typing import Any

from ..document import Event
from .cand import MERGEABLE, Cand
from .lexicon import frames, load, words
from .lexicon import triggers as trigger_table
from .triggers import _frame_for


def _confidence(c: Cand, ev: Event, n_sents: int, has_title: bool) -> float:
    score = 0.25 + 0.5 * c.spec
    pos = c.rank
    score += {0: 0.16, 1: 0.10, 2: 0.06, 3: 0.03}.get(pos, 0.0)
    if ev.acled:
        score += 0.04
        if frames()[c.frame].get("violent"):
            score += 0.06
    if c.tok.pos_ != "VERB" and c.args == c.tok:
        score -= 0.05  # an event noun mentioned without a predicate of its own
    if (
        c.tok.pos_ != "VERB"
        and c.tok.tag_ in ("NNS", "NNPS")
        and not any(x.dep_ in ("det", "nummod", "poss") or x.like_num for x in c.tok.children)
    ):
        score -= 0.08  # generic plural: "organized attacks against ...", habitual rather than one event
    if c.embedded:
        score -= 0.2
    score += _centrality(c)
    if ev.negated:
        score -= 0.3
    if ev.modality:
        score -= 0.2
    if _declared_readiness(c):
        score -= 0.15  # "willing to send troops to defend X": the willingness (AGREE) is the event
    if ev.modality == "conditional":
        score -= 0.15  # the antecedent of a condition ("if it is attacked") has not happened at all
    if ev.timeframe == "historical":
        score -= 0.3
    elif ev.timeframe == "future":
        score -= 0.15
    if ev.killed:
        score += 0.03
    if c.extra:
        score += 0.02
    return max(0.01, min(0.99, score))


def _declared_readiness(c: Cand) -> bool:
    """Whether the event is the content of a readiness adjective that is itself a trigger ("willing to ...")."""
    adjs = trigger_table().get("adjective", {})
    h = c.args
    for _ in range(4):
        if h.head == h:
            return False
        h = h.head
        if h.lemma_.lower() in adjs and h != c.tok:
            return True
    return False


REPORTING = words("reporting")


@functools.cache
def _background_preps() -> frozenset[str]:
    from .lexicon import load

    return frozenset(load("cues.json")["background_preps"])


def _centrality(c: Cand) -> float:
    """Main-clause predicates score higher; background phrases ("despite", "amid", "after" ...) lower."""
    bg = _background_preps()
    t = c.args
    depth = 0
    adj = 0.0
    while t.head != t and depth < 8:
        if t.dep_ == "pobj" and (
            t.head.lower_ in bg or (t.head.head.dep_ == "pobj" and t.head.head.lower_ in bg)
        ):
            adj -= 0.1
        if t.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("after", "since", "before", "following") for m in t.children
        ):
            adj -= 0.08
        if t.dep_ in ("relcl", "acl"):
            adj -= 0.1 if (t.dep_ == "acl" and t.tag_ == "VBN") else 0.05  # "carcasses destroyed in battles"
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING:
            t = t.head
            continue
        depth += 1
        t = t.head
    adj += max(-0.16, 0.08 - 0.04 * depth)
    return adj


EMBEDDING_HEADS = words("embedding_heads")


def _embedded(c: Cand) -> bool:
    if c.args == c.tok and c.tok.pos_ != "VERB" and c.tok.dep_ in ("dobj", "pobj", "nsubjpass", "obj"):
        gov = c.tok.head if c.tok.dep_ != "pobj" else c.tok.head.head
        f, _ = _frame_for(gov) if gov != c.tok else (None, None)
        if (
            f is not None
            and f in frames()
            and not (frames()[f]["acled"] in MERGEABLE and c.family in MERGEABLE)
        ):
            return True  # "rejected the offer", "accused of the bombing"; not "killed in an airstrike"
    h = c.args
    for _ in range(4):
        if h.head == h:
            return False
        h = h.head
        if h.lemma_.lower() in EMBEDDING_HEADS or h.lower_ in EMBEDDING_HEADS:
            return True
    return False


def _depth(t: Any) -> int:
    d = 0
    while t.head != t and d < 10:
        t = t.head
        d += 1
    return d
BACKGROUND_PENALTY = 0.2


@functools.cache
def _calibration() -> tuple[float, float] | None:
    if os.environ.get("SITREP_CALIBRATE", "1") == "0":
        return None
    try:
        c = load("calibration.json")
    except FileNotFoundError:
        return None
    return float(c["slope"]), float(c["intercept"])


def calibrate(events: list[Event]) -> None:
    """Raw rule confidence -> the probability that the event's ACLED type is right (Platt scaling fitted on
    the developers' examples by training/calibrate_events.py). Strictly increasing: the order of a
    document's events, and so its main event, is kept."""
    cal = _calibration()
    if cal is None:
        return
    slope, icept = cal
    for e in events:
        e.confidence = 1.0 / (1.0 + math.exp(-(slope * e.confidence + icept)))
