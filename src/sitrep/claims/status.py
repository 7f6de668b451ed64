"""Event status from claims, negation and modality (also used by the store across articles)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..document import Claim
from .lexicon import lexicon


def _get(c: Claim | Mapping[str, Any], key: str) -> Any:
    if isinstance(c, Mapping):
        return c.get(key)
    return getattr(c, key, None)


def is_hypothetical(modality: str | None) -> bool:
    return bool(modality) and str(modality).lower() in lexicon().hypothetical_modalities


def purpose_cue(tok: Any) -> str | None:
    """ "recruited young men to fight", "sent troops in order to retake the town": an event told as the
    purpose of an act of preparing or sending (`purpose_heads`; an infinitival adverbial clause without a
    subject of its own) is intended, not done: modality "purpose" (hypothetical). "Took to the streets to
    protest" is not: that act is the protest. The token is the event's trigger (spaCy)."""
    if tok is None or tok.dep_ != "advcl" or tok.tag_ != "VB":
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) or any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
        return None
    if any(c.dep_ == "mark" and c.lower_ not in ("in", "so") for c in kids):
        return None  # "before ... to", "as if to": not a purpose
    h = tok.head
    if h.lemma_.lower() not in lexicon().purpose_heads:
        return None  # "took to the streets to protest": the act itself is the event; "became the town to fall"
    if any(n.dep_ in ("attr", "dobj", "nsubj") and any(
            m.tag_ in ("JJS", "RBS") or m.lower_ in ("first", "second", "third", "last", "only", "next")
            for m in n.children) for n in h.children):
        return None  # "the first unit to reach the city"
    return "purpose"


def conflict_marker(c: Claim | Mapping[str, Any]) -> bool:
    """An unattributed claim "conflicting reports" / "contradictory accounts" (`markers`)."""
    from .markers import CONFLICT_ADJECTIVES

    text = _get(c, "text") or ""
    words = str(text).lower().split()
    return bool(words) and words[0] in CONFLICT_ADJECTIVES and not _get(c, "source") and not _get(c, "speaker")


def recompute_status(
    claims: Iterable[Claim | Mapping[str, Any]],
    modality: str | None = None,
    negated: bool = False,
    stated: bool = False,
) -> str:
    """The contract `status` of an event from what is said about it.

    `claims` are `Claim` objects or contract claim dicts (``{"source": {"id", "name"}|str|None,
    "speaker", "stance", ...}``), possibly gathered from several articles.
    `modality`: a non-factual modality ("proposed", "conditional", "possible", "future", "intended")
    makes the event `hypothetical`. `negated`: the article itself says the event did not happen (an
    implicit denial). `stated`: the article itself states the event (an implicit assertion, so that a
    party's denial makes it `contested`).

    - hypothetical: a non-factual modality;
    - contested: someone denies and someone else asserts or reports (or the article states it);
    - denied: only denials (or the article's own negation);
    - contested also: identified sources give different tolls (`claim.magnitude`), or the article says
      its reports conflict ("conflicting reports", `conflict_marker`);
    - claimed: asserted by an identified source (a party, a person, or a typed source: `source_kind`),
      not disputed;
    - reported: the article's own statement, unnamed reports or hedged statements only.
    """
    if is_hypothetical(modality):
        return "hypothetical"
    asserts_attr = False
    supports = stated
    denies = negated
    deny_sources: set[str] = set()
    assert_sources: set[str] = set()
    tolls: dict[str, set[int]] = {}
    conflict = False
    for c in claims:
        stance = _get(c, "stance")
        conflict = conflict or conflict_marker(c)
        src = _get(c, "source")
        if isinstance(src, Mapping):
            src = src.get("id")
        # a typed source ("residents", "a military source", "state media") is identified too
        attributed = bool(src) or bool(_get(c, "speaker")) or bool(_get(c, "source_kind"))
        if stance == "denies":
            denies = True
            if src:
                deny_sources.add(str(src))
        elif stance == "asserts":
            supports = True
            assert_sources.add(str(src) if src else "")
            if attributed:
                asserts_attr = True
                mag = _get(c, "magnitude")
                if isinstance(mag, Mapping) and mag.get("killed") is not None:
                    who = str(src) if src else str(_get(c, "attribution"))
                    tolls.setdefault(who, set()).add(int(mag["killed"]))
        elif stance in ("reports", "hedges"):
            supports = True
            if stance == "hedges" and src:
                asserts_attr = True  # "Amnesty's evidence suggests that ...": a party's claim
    if conflict and supports:
        return "contested"  # "conflicting reports": the article says its sources disagree
    if denies:
        # the same party both asserting and denying (e.g. "said ... but denied ...") is its denial
        same_party = bool(assert_sources) and assert_sources <= deny_sources
        if supports and not (same_party and not stated):
            return "contested"
        return "denied"
    if len(tolls) > 1 and len(set().union(*tolls.values())) > 1:
        return "contested"  # identified sources disagree on the toll
    if asserts_attr:
        return "claimed"
    return "reported"


def status_from_records(events: Iterable[Mapping[str, Any]]) -> str:
    """The status of one real-world event from several contract event records of it (one per article).

    Claims are pooled. An article that states the event in its own voice (a record with no claims that
    is not `denied`) counts as an assertion; an article's own negation (a `denied` record with no claims)
    counts as a denial; the event is `hypothetical` only if every record is.
    """
    records = list(events)
    if not records:
        return "reported"
    if all(r.get("status") == "hypothetical" for r in records):
        return "hypothetical"
    claims: list[Mapping[str, Any]] = []
    stated = negated = False
    for r in records:
        if r.get("status") == "hypothetical":
            continue
        cl = list(r.get("claims") or [])
        claims.extend(cl)
        if not cl:
            if r.get("status") == "denied":
                negated = True
            else:
                stated = True
    return recompute_status(claims, None, negated=negated, stated=stated)
