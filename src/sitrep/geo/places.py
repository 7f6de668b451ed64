"""The places stage: find toponyms in a parsed document and resolve them against the gazetteer.

Detection
  1. spaCy GPE / LOC / FAC / NORP entities (a leading "the" and a trailing "'s" dropped); an entity that
     is not a name as a whole is searched for the longest gazetteer names inside it.
  2. Gazetteer matching of proper-noun token runs spaCy missed or labelled ORG ("Panjshir" as ORG),
     kept when the reading is strong: a country / division / curated name, a demonym, a place cue
     ("X province", "X district", "the town of X", "in X"), or a large town.
  Tokens of PERSON entities, and names the document uses as a person's name, are never places.

Resolution (two passes): every candidate gets a prior (kind, population, how the name is attached)
plus context: the place cue ("province" -> admin1, "district" -> admin2, "valley" -> region), the
document's focus country, divisions mentioned in the document, and an adjacent country or division
("Kabul, Afghanistan", "Andar district, Ghazni province").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import Document, Event, Place, PlaceMention
from .gazetteer import Candidate, Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_NGRAM = 5

# cue word after the name -> preferred kinds
CUES_AFTER = {
    "province": ("admin1",),
    "provinces": ("admin1",),
    "governorate": ("admin1",),
    "state": ("admin1",),
    "oblast": ("admin1",),
    "region": ("admin1", "region"),
    "district": ("admin2", "populated_place"),
    "districts": ("admin2", "populated_place"),
    "county": ("admin2",),
    "valley": ("region", "admin1", "admin2"),
    "city": ("populated_place",),
    "town": ("populated_place",),
    "village": ("populated_place",),
    "villages": ("populated_place",),
}
# "the province of X", "the town of X"
CUES_BEFORE = {
    "province": ("admin1",),
    "state": ("admin1",),
    "region": ("admin1", "region"),
    "district": ("admin2", "populated_place"),
    "city": ("populated_place",),
    "town": ("populated_place",),
    "village": ("populated_place",),
    "capital": ("populated_place",),
}
CONNECTORS = {"of", "al", "el", "e", "i", "and", "de", "la", "du", "des", "upon", "on", "the"}
INSTITUTION_WORDS = {"university", "college", "school", "institute", "hospital", "bank", "center", "centre",
                     "museum", "airport", "stadium", "academy", "church", "mosque", "company", "corporation",
                     "inc", "ltd", "club", "fc", "state"}
LOCATIVE = {"in", "near", "at", "outside", "from", "to", "into", "across", "throughout", "around", "toward",
            "towards", "inside", "within", "of"}
# prior of a reading by kind; populated places get log10(population) instead
KIND_PRIOR = {"country": 6.0, "admin1": 5.5, "region": 5.5, "admin2": 2.5, "landmark": 2.0, "other": 1.0}
SPECIFICITY = {"populated_place": 4, "landmark": 4, "admin2": 3, "region": 2, "admin1": 2, "country": 1,
               "other": 0}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    words = set()
    for line in open(DATA / "common_words.txt", encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    cands: tuple[Candidate, ...]
    tok_start: int
    tok_end: int
    source: str  # "ner" or "gaz"
    cue: tuple[str, ...] = ()
    locative: bool = False
    embedded: bool = False
    near: list[Candidate] = field(default_factory=list)  # adjacent country/division readings
    best: Candidate | None = None
    score: float = 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _prior(c: Candidate) -> float:
    p = math.log10(c.pop + 1) if c.kind == "populated_place" else KIND_PRIOR.get(c.kind, 1.0)
    if c.src in ("name", "alias"):
        p += 0.5
    elif c.src == "alt":
        p -= 0.5
    return p


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()

    # ------------------------------------------------------------------ detection
    def _lookup_span(self, sd: Any, i: int, j: int) -> tuple[Candidate, ...]:
        text = sd.text[sd[i].idx : sd[j - 1].idx + len(sd[j - 1].text)]
        return self.gaz.lookup(text)

    def _cue(self, sd: Any, i: int, j: int) -> tuple[tuple[str, ...], bool]:
        cue: tuple[str, ...] = ()
        if j < len(sd) and sd[j].lower_ in CUES_AFTER and not self._is_country(sd, i, j):
            cue = CUES_AFTER[sd[j].lower_]
        elif i >= 2 and sd[i - 1].lower_ == "of" and sd[i - 2].lower_ in CUES_BEFORE:
            cue = CUES_BEFORE[sd[i - 2].lower_]
        k = i - 1
        while k >= 0 and sd[k].lower_ in {"the", "northern", "southern", "eastern", "western", "central",
                                           "north", "south", "east", "west", "neighboring", "neighbouring"}:
            k -= 1
        locative = k >= 0 and sd[k].lower_ in LOCATIVE
        return cue, locative

    def _is_country(self, sd: Any, i: int, j: int) -> bool:
        """"U.S. state", "Afghan province": a country name before a cue word qualifies it."""
        return any(c.kind == "country" and c.src in ("name", "alias", "demonym") for c in self._lookup_span(sd, i, j))

    def detect(self, doc: Document) -> list[Mention]:
        sd = doc.spacy
        if sd is None:
            return []
        person_tokens: set[int] = set()
        person_words: set[str] = set()
        for e in sd.ents:
            if e.label_ == "PERSON":
                person_tokens.update(range(e.start, e.end))
                if len(e) >= 2:
                    person_words.update(t.lower_ for t in e if t.is_alpha and t.is_title)
        taken: set[int] = set()
        out: list[Mention] = []

        def add(i: int, j: int, cands: tuple[Candidate, ...], source: str, embedded: bool) -> None:
            cue, loc = self._cue(sd, i, j)
            start, end = sd[i].idx, sd[j - 1].idx + len(sd[j - 1].text)
            out.append(Mention(start, end, doc.text[start:end], cands, i, j, source, cue, loc,
                               embedded=embedded))
            taken.update(range(i, j))

        # 1. entities
        for e in sd.ents:
            if e.label_ not in PLACE_LABELS and e.label_ != "NORP":
                continue
            i, j = e.start, e.end
            while i < j and sd[i].lower_ in {"the", "a", "an"}:
                i += 1
            while j > i and (sd[j - 1].text in {"'s", "’s", "'", "’", ".", ",", "-"} or sd[j - 1].is_space):
                j -= 1
            if i >= j:
                continue
            self._match_inside(sd, i, j, add, person_words, from_ner=True, label=e.label_)

        # 2. gazetteer over proper-noun runs spaCy did not label as places
        i = 0
        n = len(sd)
        while i < n:
            t = sd[i]
            if i in taken or not self._nameish(t):
                i += 1
                continue
            j = i
            while j < n and j - i < MAX_NGRAM and j not in taken and (
                self._nameish(sd[j]) or (sd[j].text in {"-", "of", "al", "el", "e", "i"} and j + 1 < n
                                         and self._nameish(sd[j + 1]))
            ):
                j += 1
            self._match_inside(sd, i, j, add, person_words, from_ner=False, label=sd[i].ent_type_)
            i = max(j, i + 1)
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _nameish(t: Any) -> bool:
        if not t.is_alpha and not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)+", t.text):
            return False
        if not (t.is_title or t.is_upper) or len(t.text) < 2:
            return False
        return t.pos_ in ("PROPN", "ADJ", "NOUN") or t.is_upper

    def _match_inside(self, sd: Any, i: int, j: int, add: Any, person_words: set[str], from_ner: bool,
                      label: str) -> None:
        """Greedy longest gazetteer names within tokens [i, j)."""
        k = i
        while k < j:
            found = None
            for m in range(min(j, k + MAX_NGRAM), k, -1):
                if sd[m - 1].text in {"-", "of", "al", "el", "e", "i"}:
                    continue
                cands = self._lookup_span(sd, k, m)
                if cands:
                    found = (m, cands)
                    break
            if found is None:
                k += 1
                continue
            m, cands = found
            how = self._accept(sd, k, m, cands, person_words, from_ner, label)
            if how is not None:
                add(k, m, cands, "ner" if from_ner else "gaz", how == "embedded")
            k = m

    @staticmethod
    def _entity_of(sd: Any, i: int, j: int) -> Any:
        """The spaCy entity tokens [i, j) lie in, if they lie in one."""
        for e in sd.ents:
            if e.start <= i and j <= e.end:
                return e
        return None

    def _accept(self, sd: Any, i: int, j: int, cands: tuple[Candidate, ...], person_words: set[str],
                from_ner: bool, label: str) -> str | None:
        """None to reject the match, "literal", or "embedded" (a place named inside an organisation's
        name, "Pakistan Army", "Kidney Foundation of Canada": kept, but not as the literal place)."""
        words = [t.lower_ for t in sd[i:j] if t.is_alpha]
        single = len(words) == 1
        if any(t.is_alpha and len(t.text) > 1 and not (t.is_title or t.is_upper) and t.lower_ not in CONNECTORS
               for t in sd[i:j]):
            return None  # "MoD", "iPhone", lower-case words
        if single and words[0] in person_words:
            return None
        cue, loc = self._cue(sd, i, j)
        strong = any(c.kind in ("country", "admin1", "region") and c.src in ("name", "alias", "demonym")
                     for c in cands)
        demonym = any(c.src == "demonym" for c in cands)
        named = any(c.src in ("name", "alias") for c in cands)
        big = max((c.pop for c in cands if c.src in ("name", "alias")), default=0)
        if single and words[0] in common_words() and not cue:
            return None
        if all(t.is_upper for t in sd[i:j]) and len(sd[i:j].text) <= 3 and not strong:
            return None  # acronyms: only those that name a country ("US", "UK", "DPRK")
        ent = self._entity_of(sd, i, j)
        lead = 1 if ent is not None and sd[ent.start].lower_ == "the" else 0
        whole = ent is not None and ent.start + lead >= i and ent.end <= j
        if from_ner:
            if whole or strong or cue:
                pass
            elif ent is not None and ent.label_ in PLACE_LABELS and named and big >= 100_000:
                pass  # "Seattle" inside "Seattle, Washington"-like entities
            else:
                return None  # a small place named inside a longer place name ("Nile Delta", "Pearl Harbor")
            if demonym or label in PLACE_LABELS:
                return "literal"
            if label == "NORP":
                return "literal" if strong or (named and (big >= 100_000 or any(
                    c.kind in ("admin1", "admin2") for c in cands))) else None
            return None
        if ent is not None and ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "FAC",
                                              "NORP"):
            if not whole:
                # inside a longer name: a country or division ("Pakistan Army", "US Special Forces",
                # "Development Bank of Mauritius") or a large city ("Liverpool academy") names a place the
                # organisation belongs to; not a division after "University of" (the campus is elsewhere)
                if ent.label_ != "ORG":
                    return None
                inst = any(t.lower_ in INSTITUTION_WORDS for t in ent)
                admin_only = not any(c.kind == "country" for c in cands) and not demonym
                if strong and not (inst and admin_only):
                    return "embedded"
                return "embedded" if named and big >= 100_000 and not inst else None
            # a whole entity spaCy mislabelled ("Panjshir" as ORG, "Tamil Nadu" as PERSON)
            if demonym:
                return "literal"
            if ent.label_ == "PERSON":
                ok = (strong and named and (not single or bool(cue) or loc)) or big >= 1_000_000 or (
                    loc and named and big >= 1000)
                return "literal" if ok else None
            ok = strong or bool(cue) or (loc and named and big >= 1000) or big >= 1_000_000
            return "literal" if ok else None
        if demonym:
            return "literal" if sd[i].is_title or sd[i].is_upper else None
        if strong or cue:
            return "literal"
        if loc and named and (big >= 1000 or any(c.kind in ("admin2", "region") for c in cands)):
            return "literal"
        return "literal" if named and big >= 100_000 else None

    # ------------------------------------------------------------------ resolution
    def resolve(self, doc: Document, mentions: list[Mention]) -> str | None:
        text = doc.text
        # adjacency: "Kabul, Afghanistan", "Andar district, Ghazni province", "Ghazni province of Afghanistan"
        for a, b in zip(mentions, mentions[1:], strict=False):
            gap = text[a.end : b.start]
            if re.fullmatch(r"\s*(?:(?:province|district|county|state|city|governorate|region)\b)?\s*[,(]\s*"
                            r"|\s*(?:province|district|county|state)?\s*(?:of|in)\s+(?:the\s+)?", gap, re.I):
                a.near.extend(c for c in b.cands if c.kind in ("country", "admin1", "region"))
        # pass 1: focus country from priors
        for m in mentions:
            m.best = max(m.cands, key=lambda c: self._score(c, m, None, set()))
        focus = self._focus(doc, mentions)
        # pass 2: with the focus, the divisions named in the document and the places near each other
        anchors = [m for m in mentions if m.best and m.best.kind in ("populated_place", "admin1", "admin2")
                   and m.best.src in ("name", "alias")]
        for m in mentions:
            key = m.text.lower()
            admins = {(a.best.cc, a.best.admin1) for a in anchors
                      if a.best and a.best.kind == "admin1" and a.text.lower() != key}
            others = [a.best for a in anchors if a.best and a.text.lower() != key and a.best.kind != "admin1"]
            strong = any(c.kind in ("country", "admin1", "region") and c.src in ("name", "alias")
                         for c in m.cands)
            scored = sorted(((self._score(c, m, focus, admins if not (strong and c.pop < 100_000) else set())
                              + (self._near_others(c, others) if not (strong and c.pop < 100_000) else 0.0), c)
                             for c in m.cands), key=lambda p: -p[0])
            m.best = scored[0][1]
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0
            m.score = round(1 / (1 + math.exp(-margin)), 3)
        return self._focus(doc, mentions)

    def _score(self, c: Candidate, m: Mention, focus: str | None, admins: set[tuple[str | None, str | None]]
               ) -> float:
        s = _prior(c)
        if m.cue:
            if c.kind in m.cue:
                s += 4.0 - m.cue.index(c.kind) * 0.5
            elif c.kind == "country":
                s -= 2.0
        if focus and c.cc == focus:
            s += 2.0
        elif focus and not c.cc:
            s += 1.0  # seas, continents: neither for nor against the focus
        if c.kind != "admin1" and c.src in ("name", "alias") and (c.cc, c.admin1) in admins:
            s += 2.0
        for n in m.near:
            if n.cc == c.cc and (n.kind == "country" or (n.admin1 and n.admin1 == c.admin1)):
                s += 3.0 if n.kind != "country" else 2.0
                break
        return s

    @staticmethod
    def _near_others(c: Candidate, others: list[Candidate]) -> float:
        """Places named together lie together: a reading within 150 km of another mention's reading."""
        if c.kind not in ("populated_place", "admin2", "landmark") or c.src == "demonym":
            return 0.0
        for o in others[:50]:
            if o.id != c.id and _km(c.lat, c.lon, o.lat, o.lon) <= 150:
                return 1.5
        return 0.0

    def _focus(self, doc: Document, mentions: list[Mention]) -> str | None:
        votes: Counter[str] = Counter()
        for m in mentions:
            c = m.best
            if c is None or not c.cc:
                continue
            w = {"country": 2.0, "admin1": 1.5}.get(c.kind, 1.0)
            if c.src == "demonym":
                w = 0.75
            votes[c.cc] += w
        if not votes:
            return None
        return votes.most_common(1)[0][0]

    @staticmethod
    def _drop_stray(mentions: list[Mention], focus: str | None) -> list[Mention]:
        """Drop a weak reading (a division or a town of under 100,000) in a country nothing else in the
        document points to, unless a place cue or a locative preposition backs it: "West Coast" read as a
        New Zealand region in an American story is noise."""
        by_cc: Counter[str] = Counter(cc for cc, _ in {(m.best.cc, m.text.lower()) for m in mentions
                                                       if m.best and m.best.cc})
        keep = []
        for m in mentions:
            c = m.best
            if c is None:
                continue
            weak = c.kind in ("admin1", "admin2") or (c.kind == "populated_place" and c.pop < 100_000)
            if weak and c.cc and c.cc != focus and by_cc[c.cc] <= 1 and not m.cue and not m.near \
                    and c.src != "demonym":
                if not (m.locative and c.kind == "populated_place" and c.pop >= 20_000):
                    continue
            keep.append(m)
        return keep

    # ------------------------------------------------------------------ stage
    def __call__(self, doc: Document) -> Document:
        mentions = self.detect(doc)
        focus = self.resolve(doc, mentions) if mentions else None
        doc.places = []
        mentions = self._drop_stray(mentions, focus)
        for m in mentions:
            assert m.best is not None
            doc.places.append(
                PlaceMention(m.start, m.end, m.text, m.best.place(), score=m.score,
                             literal=m.best.src != "demonym" and not m.embedded)
            )
        doc.focus_country = focus
        return doc


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
    in the trigger's own clause through a locative preposition), 1 for the same clause, 0 otherwise."""
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
    # path from the mention up to the trigger: a locative preposition on it counts double
    for t in anc:
        if t == trig_root:
            break
        if t.dep_ == "prep" and t.lower_ in LOCATIVE - {"of", "from", "to"}:
            return 2.0
    return 1.0


def place_for_event(doc: Document, event: Event) -> Place | None:
    """The place of `event`: from the place mentions of its own sentence (preferring one attached to the
    trigger, "killed ... in X", and the most specific), else its paragraph, else the document's focus
    country."""
    if event.evidence:
        s0, s1 = event.evidence[0].start, event.evidence[-1].end
    else:
        s0, s1 = event.trigger.start, event.trigger.end
    in_sentence = [p for p in doc.places_in(s0, s1)]
    best = _pick(doc, in_sentence, event)
    if best is None:
        p0, p1 = _paragraph(doc.text, s0, s1)
        best = _pick(doc, doc.places_in(p0, p1), event)
    if best is not None:
        return best
    if doc.focus_country:
        c = load_gazetteer().country(doc.focus_country)
        if c is not None:
            return c.place()
    return None


def _is_dateline(doc: Document, pm: PlaceMention) -> bool:
    """Place in a dateline ("KABUL, Afghanistan (Jan. 25, 2013)"): where the story was filed, not where it
    happened."""
    line_start = doc.text.rfind("\n", 0, pm.start) + 1
    head = doc.text[line_start : pm.start]
    rest = doc.text[pm.end : pm.end + 60]
    upper = pm.text.isupper() and len(pm.text) > 3
    return (not head.strip() or head.strip().endswith("PDF")) and (
        upper or bool(re.match(r"\s*,\s*[A-Z][a-z]+\s*\(", rest)))


def _pick(doc: Document, mentions: list[PlaceMention], event: Event) -> Place | None:
    cands = [p for p in mentions if not _is_dateline(doc, p)]
    if not cands:
        return None
    literal = [p for p in cands if p.literal]
    pool = literal or cands
    t0, t1 = event.trigger.start, event.trigger.end

    def key(p: PlaceMention) -> tuple[float, float]:
        spec = SPECIFICITY.get(p.place.kind, 0)
        # a region inside one division counts as that division
        if p.place.kind == "region" and p.place.admin1_code:
            spec = 2.5
        att = _attached(doc, p, t0, t1)
        dist = min(abs(p.start - t1), abs(t0 - p.end))
        return (att * 2 + spec + p.score * 0.5, -dist)

    best = max(pool, key=key)
    place = best.place
    return Place(**{k: getattr(place, k) for k in place.__dataclass_fields__})
