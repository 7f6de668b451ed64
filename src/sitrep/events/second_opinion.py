"""Where the rules find no ACLED event, ask the learned classifier (`learned.py`) about the lead.

The rules (`classify.py`) decide whenever they recognise an ACLED event. When none of a document's events
carries an ACLED type, the classifier reads the title and lead (the first `LEAD_SENTS` sentences); if it
names an ACLED sub-event type with probability >= `THRESHOLD`, that type goes to the document's most
confident current event without one, or, when the rules found no event at all, to a new event read from
the lead's first sentence (its date and place from the time and places stages, no actor). Such events
carry a lower confidence (`CONFIDENCE`), so a rule event of another document section still ranks first.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from ..document import Document, Event, Span
from . import learned as classify
from .cand import acled

log = logging.getLogger(__name__)

THRESHOLD = float(os.environ.get("SITREP_CLASSIFIER_THRESHOLD", "0.5"))
CONFIDENCE = 0.35
LEAD_SENTS = 3
# PLOVER COERCE modes the rules read as coercion without violence (blockades, bans, strikes, services cut
# off; PLOVER manual, COERCE "restrict" / "withhold"): no ACLED sub-event type fits them, so such an event
# never takes the classifier's type (a hard constraint of the rules over the learned decision)
NON_ACLED_MODES = frozenset({"restrict", "withhold"})


def _lead(doc: Document) -> tuple[str, Any]:
    sents = list(doc.spacy.sents)[:LEAD_SENTS]
    text = " ".join(s.text for s in sents)
    return ((doc.title or "") + "\n" + text).strip(), (sents[0] if sents else None)


def _led_by_claim(doc: Document, events: list[Event]) -> bool:
    """The rules' most confident current event is a claim of responsibility (PLOVER ACCUSE, "X claimed the
    attack"): the lead reports who is blamed, and its attack is a reference, not an event the lead tells.
    The codebook records the attack where it is told, never the claim; so the classifier does not type it."""
    live = [e for e in events if e.timeframe == "current" and not e.negated]
    if not live or doc.spacy is None:
        return False
    top = max(live, key=lambda e: e.confidence)
    if (top.plover or {}).get("event") != "ACCUSE":
        return False
    span = doc.spacy.char_span(top.trigger.start, top.trigger.end, alignment_mode="expand")
    return span is not None and any(t.lemma_.lower() == "claim" for t in span)


def apply(doc: Document, events: list[Event]) -> list[Event]:
    if doc.spacy is None or os.environ.get("SITREP_CLASSIFIER", "1") == "0":
        return events
    if any(e.acled for e in events if not e.negated and e.timeframe == "current"):
        return events
    if not classify.available() or _led_by_claim(doc, events):
        return events
    text, first = _lead(doc)
    if first is None:
        return events
    label, p = classify.predict(text)
    if label == classify.NONE or p < THRESHOLD:
        return events
    hosts = [e for e in events if not e.acled and not e.negated and e.timeframe == "current"
             and e.modality in (None, "") and (e.plover or {}).get("mode") not in NON_ACLED_MODES]
    if hosts:
        host = max(hosts, key=lambda e: e.confidence)
        host.acled = acled(label)
        return events
    if events:
        return events  # the rules read only statements, plans or background: no event to type
    from ..geo import place_for_event
    from ..time import date_event

    ev = Event(id="", trigger=Span(first.start_char, first.end_char, first.text),
               evidence=[Span(first.start_char, first.end_char, first.text)], acled=acled(label),
               confidence=CONFIDENCE)
    try:
        date_event(doc, ev)
        ev.place = place_for_event(doc, ev)
    except Exception:  # noqa: BLE001 - a date or place fault must not cost the event its type
        log.debug("second opinion: date/place failed for %s", doc.id, exc_info=True)
    ev.id = f"{doc.id}-e{len(events)}"
    return [*events, ev]
