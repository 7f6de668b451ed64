"""The place of an event: which of the document's place mentions says where it happened."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..document import Document, Event, Place, PlaceMention
from .gazetteer import load_gazetteer
from .words import LOCATIVE, SPECIFICITY


# ---------------------------------------------------------------------- event place
def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return (0 if a < 0 else a + 2, len(text) if b < 0 else b)


def _mention_tokens(doc: Document, pm: PlaceMention) -> Any:
    sd = doc.spacy
    if sd is None:
        return None
    return sd.char_span(pm.start, pm.end, alignment_mode="expand")


def _attached(doc: Document, pm: PlaceMention, trigger_start: int, trigger_end: int) -> float:
    """How closely the mention hangs on the trigger in the parse: 2 for "TRIGGER ... in X" (the place is
    in the trigger's own clause through a locative preposition), 1 for the same clause, -1 for a
    participant's origin ("a missionary from X"), 0 otherwise."""
    sd = doc.spacy
    span = _mention_tokens(doc, pm)
    trig = sd.char_span(trigger_start, trigger_end, alignment_mode="expand") if sd is not None else None
    if span is None or trig is None or len(trig) == 0:
        return 0.0
    head = span.root
    trig_root = trig.root
    anc = list(head.ancestors)
    if trig_root not in anc and trig_root != head:
        return 0.0
    # path from the mention up to the trigger: a locative preposition on it counts double; "from" on a
    # participant ("a teacher from Toronto was arrested in Jordan") names an origin, not the place
    for t in anc:
        if t == trig_root:
            break
        if t.dep_ == "prep" and t.lower_ == "from" and t.head != trig_root and t.head.pos_ in ("NOUN", "PROPN"):
            return -1.0
        if t.dep_ == "prep" and t.lower_ in LOCATIVE - {"of", "from", "to"}:
            return 2.0
    return 1.0


def place_for_event(doc: Document, event: Event) -> Place | None:
    """The place of `event`.

    1. the place mentions of its own sentence: one attached to the trigger ("killed ... in X") first, then
       the most specific (town or district over province over country), then the nearest;
    2. else the nearest place named before it in its paragraph (the story goes on where it was);
    3. else (or when the sentence names only a country) the division the document names most often,
       else the document's focus country.
    Dateline places ("KABUL, Afghanistan (Jan. 25)") say where the story was filed and are skipped.
    """
    if event.evidence:
        s0, s1 = event.evidence[0].start, event.evidence[-1].end
    else:
        s0, s1 = event.trigger.start, event.trigger.end
    usable = _usable_places(doc)
    best = _pick(doc, [p for p in usable if p.start >= s0 and p.end <= s1], event)
    if best is not None and best.kind != "country":
        return best
    if best is None:
        p0, _p1 = _paragraph(doc.text, s0, s1)
        before = [p for p in usable if p0 <= p.start < s0 and p.literal]
        if before:
            return _copy(max(before, key=lambda p: p.start).place)
    # nothing, or only a country, in the sentence ("killed two insurgents in southern Afghanistan"): the
    # division the document names most often, when it lies in that country
    divisions = Counter(p.place.admin1_code for p in usable if p.literal and p.place.admin1_code
                        and (best is None or p.place.country_code == best.country_code))
    if divisions:
        code = divisions.most_common(1)[0][0]
        same = [p for p in usable if p.place.admin1_code == code]
        return _copy(next((p for p in same if p.place.kind == "admin1"), same[0]).place)
    if best is not None:
        return best
    if doc.focus_country:
        c = load_gazetteer().country(doc.focus_country)
        if c is not None:
            return c.place()
    return None


def _usable_places(doc: Document) -> list[PlaceMention]:
    """The document's place mentions without its dateline's, computed once per document."""
    cached = doc.meta.get("_usable_places")
    if cached is not None and cached[0] == len(doc.places):
        return cached[1]
    usable = [p for p in doc.places if not _is_dateline(doc, p)]
    doc.meta["_usable_places"] = (len(doc.places), usable)
    return usable


def _copy(place: Place) -> Place:
    return Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})


def _is_dateline(doc: Document, pm: PlaceMention) -> bool:
    """Place in a dateline ("KABUL, Afghanistan (Jan. 25, 2013) -"): where the story was filed, not where
    it happened."""
    text = doc.text
    k = max(text.rfind(ch, 0, pm.start) for ch in "\n\r\u2028\u2029")  # the line's start - 1
    head = text[k + 1 : pm.start].strip()
    rest = text[pm.end : pm.end + 80]
    if head and not head.endswith(("PDF", "Release")) and not re.fullmatch(r"[A-Z]{3,}[A-Z .,]*,", head):
        return False
    if pm.text.isupper() and len(pm.text) > 3:
        return True
    return bool(re.match(r"\s*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)*\s*)?(?:\(|[-\u2013\u2014]\s)", rest))


def _pick(doc: Document, mentions: list[PlaceMention], event: Event) -> Place | None:
    if not mentions:
        return None
    literal = [p for p in mentions if p.literal]
    pool = literal or mentions
    t0, t1 = event.trigger.start, event.trigger.end

    def key(p: PlaceMention) -> tuple[float, float]:
        spec = SPECIFICITY.get(p.place.kind, 0)
        # a region inside one division counts as that division
        if p.place.kind == "region" and p.place.admin1_code:
            spec = 2.5
        att = _attached(doc, p, t0, t1)
        # ties (places listed together, "in Kandahar and Helmand"): the first named
        return (att * 2 + spec + (0.5 if p.score >= 0.5 else 0.0), -p.start)

    return _copy(max(pool, key=key).place)
