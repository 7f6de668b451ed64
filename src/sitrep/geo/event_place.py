"""The place of an event: which of the document's place mentions says where it happened."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Any

from ..document import Document, Event, Place, PlaceMention
from .actor_context import actor_country, community_country
from .build import bare_division_name
from .gazetteer import load_gazetteer
from .words import (
    BORDER_WORDS,
    LOCATIVE,
    PEOPLE_WORDS,
    SPECIFICITY,
    SPEECH_WORDS,
    STATE_FORCE_WORDS,
    STREET_WORDS,
    _km,
)


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
    """The place of `event` (`_event_place`), with its second-level division (`_admin2`) when known."""
    place = _event_place(doc, event)
    if place is not None and place.kind == "admin1":
        _at_capital(place)
    if place is not None and place.admin2_name is None:
        place.admin2_name = _admin2(doc, place)
    if place is not None:
        _source_spelling(doc, place)
    return place


def _at_capital(place: Place) -> None:
    """An event placed only in a province is put at the province's capital, as ACLED codes it ("a
    provincial capital is used if no other information at all is available", geo-precision 3 in the
    codebook's spatial precision codes); the gazetteer has no capitals, so the province's namesake town
    inside it stands for it ("Mandera" in Mandera County), else the province's centre stays."""
    towns = [c for c in load_gazetteer().lookup(bare_division_name(place.name)) if c.kind == "populated_place"
             and c.src == "name" and c.cc == place.country_code and c.iso1 == place.admin1_code]
    if towns:
        town = max(towns, key=lambda c: c.pop)
        place.lat, place.lon = town.lat, town.lon


def _source_spelling(doc: Document, place: Place) -> None:
    """The province as the document spells it, when it names it by a variant of the gazetteer's name
    ("Atacora" for GeoNames' "Atakora", "Elgeyo-Marakwet" for "Elegeyo-Marakwet"): a record keeps its
    source's spelling of a division. Not an abbreviation or a translation (the two must be close)."""
    import difflib

    if not place.admin1_name or not place.admin1_code:
        return
    for p in doc.places:
        q = p.place
        if q.kind != "admin1" or not p.literal or (q.country_code, q.admin1_code) != (
                place.country_code, place.admin1_code):
            continue
        said = re.sub(r"\s+(?:county|province|department|region|state|district)$", "", p.text.strip(), flags=re.I)
        said = said.title() if said.isupper() else said
        if said.lower() == place.admin1_name.lower() or not said[:1].isupper():
            return
        if difflib.SequenceMatcher(None, said.lower(), place.admin1_name.lower()).ratio() >= 0.75:
            if place.kind == "admin1" and place.name == place.admin1_name:
                place.name = said
            place.admin1_name = said
        return


def _admin2(doc: Document, place: Place) -> str | None:
    """The district or county a place lies in: itself when it is one; else a district the document names
    in the same province within 60 km ("Kika village (Borel district, Sonde)"), the nearest; else the
    district of the same province named after the town (most districts are named after their seat)."""
    if place.kind == "admin2":
        return bare_division_name(place.name)
    if place.kind not in ("populated_place", "landmark") or not place.country_code or not place.admin1_code:
        return None
    named = [p.place for p in doc.places if p.place.kind == "admin2" and p.place.country_code == place.country_code
             and p.place.admin1_code == place.admin1_code
             and _km(p.place.lat, p.place.lon, place.lat, place.lon) <= 60]
    if named:
        return bare_division_name(min(named, key=lambda c: _km(c.lat, c.lon, place.lat, place.lon)).name)
    for c in load_gazetteer().lookup(place.name):
        if c.kind == "admin2" and c.cc == place.country_code and c.iso1 == place.admin1_code:
            return bare_division_name(c.name)
    return None


def _event_place(doc: Document, event: Event) -> Place | None:
    """The place of `event`.

    1. the place mentions of its own sentence: one attached to the trigger ("killed ... in X") first, then
       the most specific (town or district over province over country), then the nearest;
    2. else the nearest place named before it in its paragraph (the story goes on where it was);
    3. else (or when the sentence names only a country) the division the document names most often,
       else the country of the forces the sentence names ("Malawian police"), else the document's focus
       country, else the dateline's town.
    Not the event's place (`_role`): where someone spoke ("told a briefing in the capital"), a country
    that acts ("US strikes", "the United States struck"), a nationality ("Portuguese nationals", "Eritrean
    raiders"), a border's other side ("near the Tanzanian border"). Dateline places ("KABUL, Afghanistan
    (Jan. 25)") say where the story was filed: used only when nothing else places the event.
    """
    if event.evidence:
        s0, s1 = event.evidence[0].start, event.evidence[-1].end
    else:
        s0, s1 = event.trigger.start, event.trigger.end
    usable = _usable_places(doc)
    trig = _trigger_root(doc, event)
    window = [p for p in _starting_in(doc, s0, s1) if p.end <= s1]
    roles = {id(p): _role(doc, p, trig) for p in window}
    inside = [p for p in window if roles[id(p)] is None]
    forces = [p for p in window if roles[id(p)] == "force"]
    best = _pick(doc, inside, event)
    if best is not None and best.kind != "country":
        return best
    if best is None:
        p0, _p1 = _paragraph(doc.text, s0, s1)
        before = [p for p in _starting_in(doc, p0, s0 - 1) if p.literal and _role(doc, p, None) is None]
        if before:
            last = _copy(max(before, key=lambda p: p.start).place)
            if last.kind != "country":
                return last
            best = last  # only a country: a division of it named in the document is more precise
    # nothing, or only a country, in the sentence ("killed two insurgents in southern Afghanistan"): the
    # division the document names most often, when it lies in that country
    divisions = Counter(a1 for a1, cc in _literal_divisions(doc) if best is None or cc == best.country_code)
    if divisions:
        code = divisions.most_common(1)[0][0]
        same = [p for p in usable if p.place.admin1_code == code]
        return _copy(next((p for p in same if p.place.kind == "admin1"), same[0]).place)
    if best is not None:
        return best
    focus = _story_country(doc, {id(p) for p in forces})
    if focus is None and forces:  # "Malawian police officers were ambushed": the forces' own country
        return _copy(forces[0].place)
    usable_ids = {id(p) for p in usable}
    dateline = [p for p in doc.places if id(p) not in usable_ids and p.place.kind == "populated_place"
                and (focus is None or p.place.country_code == focus)]
    if dateline:  # nothing in the story says where: the town it was filed from
        return _copy(dateline[0].place)
    # no place at all: the country the actors tie the story to (the event's own first), as ACLED names
    # state forces after their state ("Police Forces of Kenya") and a party or a local group acts at home
    focus = focus or actor_country(doc, event.actor + event.recipient) or community_country(doc)
    if focus:
        c = load_gazetteer().country(focus)
        if c is not None:
            return c.place()
    return None


def _story_country(doc: Document, skip: set[int]) -> str | None:
    """The country the document's place mentions point to (as the stage's focus: a country counts 2, a
    division 1.5, a town 1, a demonym 0.75), leaving out those that name no event place (a nationality,
    an acting country, a border) and `skip` (the event's own forces); other state forces count half
    ("Afghanistan's army said ... US forces killed ..." is a story of Afghanistan). The dateline's count."""
    votes: Counter[str] = Counter()
    for p in doc.places:
        cc = p.place.country_code
        role = _role(doc, p, None)
        if not cc or id(p) in skip or role not in (None, "force") or (not p.literal and _street(doc.text, p)):
            continue  # a street named after a place ("Lagos Road" in Nairobi) says nothing of the country
        w = {"country": 2.0, "admin1": 1.5}.get(p.place.kind, 1.0) if p.literal else 0.75
        votes[cc] += w / 2 if role == "force" else w  # type: ignore[assignment]  # float weights
    return votes.most_common(1)[0][0] if votes else None


def _trigger_root(doc: Document, event: Event) -> Any:
    sd = doc.spacy
    if sd is None:
        return None
    trig = sd.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return trig.root if trig is not None and len(trig) else None


def _role(doc: Document, pm: PlaceMention, trig: Any) -> str | None:
    """Why a mention does not say where the event (whose trigger token is `trig`, or None for a mention
    outside the event's sentence) took place, or None when it may:
    "speech": where someone spoke ("the minister told a briefing in Kinshasa that troops were sent");
    "force": the country of state forces ("Malawian police", "a Malian army base"), a weak hint only;
    "actor": a country that acts ("US drone strikes hit", "the United States struck", "strikes by the US");
    "origin": a nationality ("Portuguese nationals", "Eritrean raiders");
    "border": a country named by its border ("near the Tanzanian border", "the border with Chad")."""
    key = (pm.start, pm.end, trig.i if trig is not None else -1)
    cache = doc.context.place_roles
    if key in cache:
        return cache[key]
    role = _role_uncached(doc, pm, trig)
    cache[key] = role
    return role


def _role_uncached(doc: Document, pm: PlaceMention, trig: Any) -> str | None:
    span = _mention_tokens(doc, pm)
    if span is None or not len(span):
        return None
    root = span.root
    country = pm.place.kind == "country" or not pm.literal
    # the noun phrase the mention modifies: "US" -> "drone" -> "strikes"; "Tanzanian" -> "border" (a country's
    # border, not a pair's: "the Chad-Sudan border" is on both sides, "the Kano-Kaduna border" inside one)
    text = doc.text
    pair = text[pm.end : pm.end + 1] in ("-", "\u2013") or text[max(0, pm.start - 1) : pm.start] in ("-", "\u2013")
    border = country and not pair
    head, k = root, 0
    chain = []
    while head.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and head.head.i != head.i and k < 4:
        head = head.head
        chain.append(head)
        k += 1
        if border and (head.lower_ in BORDER_WORDS or head.lemma_.lower() in BORDER_WORDS):
            return "border"
    if border and root.dep_ == "pobj" and root.head.lower_ in ("with", "of") and (
            root.head.head.lemma_.lower() in BORDER_WORDS):
        return "border"  # "the border with Chad"
    if country and head.i != root.i:
        words = {head.lower_} | {c.lower_ for c in head.children if c.dep_ in ("compound", "amod")}
        if words & STATE_FORCE_WORDS:
            return "force"
        if any(_people(t) for t in chain):
            return "origin"  # "Portuguese nationals", "a French national's car", "Sudanese camel rustlers"
        if trig is not None and head.i == trig.i or _agent(head):
            return "actor"  # "US strikes", "US drones struck"
    elif country and _agent(root):
        return "actor"  # "the United States struck a camp", "strikes by the United States"
    # where someone spoke: the mention hangs on a speech word ("told a briefing in X", "said in X"), within
    # its clause and not through its speaker ("officials in X said" names where the officials are)
    cur = root
    for _ in range(8):
        if cur.dep_ in CLAUSAL or cur.dep_ in ("nsubj", "nsubjpass") or cur.head.i == cur.i:
            break
        cur = cur.head
        if trig is not None and cur.i == trig.i:
            break
        if (cur.lemma_.lower() in SPEECH_WORDS or cur.lower_ in SPEECH_WORDS) and cur.pos_ in ("VERB", "NOUN"):
            return "speech"
    return None


# dependency labels that open a clause of their own (an event told inside speech: "X happened, Y said")
CLAUSAL = {"ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis", "acl", "csubj", "pcomp"}


def _usable_places(doc: Document) -> list[PlaceMention]:
    """The document's place mentions without its dateline's, computed once per document."""
    cached = doc.context.usable_places
    if cached is not None and cached[0] == len(doc.places):
        return cached[1]
    usable = [p for p in doc.places if not _is_dateline(doc, p)]
    doc.context.usable_places = (len(doc.places), usable)
    return usable


def _usable_order(doc: Document) -> tuple[list[PlaceMention], list[int], list[int]]:
    """The usable place mentions, their positions sorted by start and those starts (once per document:
    a scan of every mention per event made long documents quadratic)."""
    usable = _usable_places(doc)
    cached = doc.context.usable_order
    if cached is not None and cached[0] is usable:
        return cached
    order = sorted(range(len(usable)), key=lambda i: usable[i].start)
    out = (usable, order, [usable[i].start for i in order])
    doc.context.usable_order = out
    return out


def _starting_in(doc: Document, lo: int, hi: int) -> list[PlaceMention]:
    """The usable place mentions with lo <= start <= hi, in document order (`doc.places`')."""
    usable, order, starts = _usable_order(doc)
    a, b = bisect_left(starts, lo), bisect_right(starts, hi)
    return [usable[i] for i in sorted(order[a:b])]


def _literal_divisions(doc: Document) -> list[tuple[str, str | None]]:
    """(admin1 code, country code) of the literal usable mentions that may say where events happen
    (`_role` None), in document order; once per document (roles outside a sentence are cached anyway)."""
    usable = _usable_places(doc)
    cached = doc.context.literal_divisions
    if cached is not None and cached[0] is usable:
        return cached[1]
    out = [(p.place.admin1_code, p.place.country_code) for p in usable
           if p.literal and p.place.admin1_code and _role(doc, p, None) is None]
    doc.context.literal_divisions = (usable, out)
    return out


def _copy(place: Place) -> Place:
    return Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})


def _is_dateline(doc: Document, pm: PlaceMention) -> bool:
    """Place in a dateline ("KANDAHAR, Afghanistan (May 2, 2012) -"): where the story was filed, not where
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


def _agent(t: Any) -> bool:
    """The token is the doer of a verb: its subject (not of "be", "have", "remain": "the Afghan capital has
    been tense") or the object of "by"."""
    if t.dep_ == "pobj" and t.head.lower_ == "by":
        return True
    return t.dep_ == "nsubj" and t.head.pos_ in ("VERB", "NOUN") and t.head.lemma_.lower() not in (
        "be", "have", "remain", "become", "seem", "look", "appear", "stay")


def _street(text: str, pm: PlaceMention) -> bool:
    m = re.match(r"[ \t]+([A-Z][a-z]+)", text[pm.end : pm.end + 20])
    return bool(m and m.group(1).lower() in STREET_WORDS)


def _people(t: Any) -> bool:
    """A noun of people: "nationals", "residents", or an agent noun ("rustlers", "loyalists", "tribesmen")."""
    w = t.lower_
    return t.pos_ in ("NOUN", "PROPN") and (w in PEOPLE_WORDS or t.lemma_.lower() in PEOPLE_WORDS or (
        len(w) > 5 and w.endswith(("ers", "ists", "ians", "men"))))


def _pick(doc: Document, mentions: list[PlaceMention], event: Event) -> Place | None:
    if not mentions:
        return None
    literal = [p for p in mentions if p.literal]
    # else a demonym or a place inside a name ("Pakistan Army", "University of Kinshasa"), but not a street
    # named after a place ("Mombasa Road" in Nairobi)
    pool = literal or [p for p in mentions if not _street(doc.text, p)]
    if not pool:
        return None
    t0, t1 = event.trigger.start, event.trigger.end

    def key(p: PlaceMention) -> tuple[float, float]:
        spec: float = SPECIFICITY.get(p.place.kind, 0)
        # a region inside one division counts as that division
        if p.place.kind == "region" and p.place.admin1_code:
            spec = 2.5
        att = _attached(doc, p, t0, t1)
        # ties (places listed together, "in Kandahar and Helmand"): the first named
        return (att * 2 + spec + (0.5 if p.score >= 0.5 else 0.0), -p.start)

    return _copy(max(pool, key=key).place)
