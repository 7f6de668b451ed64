"""acled_actors stage: ACLED actor names (`event.acled.actor1` / `actor2`) and inter codes.

Runs after the events and claims stages. For every event with an ACLED type it names the event's
first actor and first recipient as the ACLED codebook does ("Actor names, types, and Inter codes"):

- state forces: "Military Forces of Kenya", "Police Forces of Kenya", "Government of Kenya" (inter 1;
  8 when the state acts outside its own country);
- named groups by their ACLED name (data/acled_names.json: "Al Shabaab", "NRF: National Resistance Front");
- generic actors: "Unidentified Armed Group (X)" (3), "<Group> Ethnic Militia (X)" (4), "Rioters (X)" (5),
  "Protesters (X)" (6), "Civilians (X)" (7); X is the country of the event's place, else the article's
  main country, else the actor's own country.

ACLED's conventions by event type fill what the text leaves implicit: a protest's Actor 1 is
"Protesters (X)", a riot's "Rioters (X)"; the victim of Violence against civilians is "Civilians (X)";
a violent event with no agent is by an "Unidentified Armed Group (X)" unless the article names
the group that is suspected or blamed ("a roadside bomb planted by the Taliban", "Al Shabaab is
suspected"); an arrest with no agent is by the police. A place (a dateline city) is never an actor,
and a party that only reports the event ("Police confirmed the kidnapping") is not its agent.

`acled` gains `actor1`, `actor2`, `assoc_actor_1`, `assoc_actor_2`, `inter1`, `inter2` (ints or null).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..document import Actor, Document, Event
from ..pipeline import register

__all__ = ["AcledActorsStage", "acled_name", "acled_region", "country_name", "name_event", "named_inter"]

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
STATE_KINDS = {"military": "Military Forces of {c}", "police": "Police Forces of {c}", "government": "Government of {c}"}
CIVILIAN_KINDS = {"civilians", "students", "labour", "media", "prisoners", "aid_workers", "religious", "women"}
ARMED_SECTORS = {"unidentified_armed_group", "rebels", "extremists", "militia", "resistance", "criminals"}
ASSOC_SECTORS = {"students": "Students", "labour": "Labor Group", "media": "Journalists", "women": "Women",
                 "religious": "Religious Group"}
# reporting verbs: their subject speaks about the event, it does not act in it ("Police confirmed the kidnapping")
REPORT_VERBS = {
    "confirm", "say", "report", "announce", "state", "tell", "add", "disclose", "reveal", "note", "explain",
    "indicate", "allege", "accuse", "blame", "deny", "describe", "quote", "cite", "warn", "believe",
}
# words of an ad-hoc actor (one the events stage made from a noun phrase) that mark an armed perpetrator
ARMED_WORDS = {
    "gang", "gangs", "raiders", "bandits", "gunmen", "attackers", "assailants", "militia", "militiamen",
    "militants", "robbers", "thugs", "arsonists", "kidnappers", "abductors", "killers", "group", "men",
    "suspects", "criminals", "grabbers", "poachers", "fighters", "insurgents", "rebels", "jihadists",
    "terrorists", "herders", "herdsmen", "youths", "goons", "vigilantes", "squad",
}
ATTACK_NOUNS = {"raiders", "raider", "militia", "militias", "militiamen", "gunmen", "attackers", "warriors",
                "morans", "bandits", "fighters", "assailants", "herders", "herdsmen", "youths", "men", "tribesmen"}
# identity militias without a name (codebook, footnote 9: "Unidentified Ethnic/Communal/Clan/Tribal Militia")
IDENTITY = {"ethnic": "Ethnic", "tribal": "Ethnic", "communal": "Communal", "community": "Communal",
            "clan": "Clan", "clans": "Clan", "inter-clan": "Clan", "interclan": "Clan", "inter-ethnic": "Ethnic",
            "inter-communal": "Communal", "intercommunal": "Communal"}
IDENTITY_RE = re.compile(r"\b(inter-?clan|inter-?ethnic|inter-?communal|ethnic|tribal|communal|community|clans?)"
                         r"(?=\s+(?:militias?|militiamen|clashes|clash|fighting|violence|rivalry|attacks?|raids?)\b"
                         r"|\s*$)")
STATE_ORG = re.compile(r"\b(Police|Gendarmerie|Army|Armed Forces|Defen[cs]e Forces?|Military|Navy|Air Force|"
                       r"National Guard|Republican Guard|Presidential Guard)\b")
UNKNOWN = re.compile(r"\b(unknown|unidentified|unnamed|anonymous)\b", re.I)


@functools.lru_cache(maxsize=65536)  # asked of every mention of an actor per event: once per text
def _identity(text: str) -> str | None:
    """The identity word of a mention ("communal militia" -> "Communal"), the first one written."""
    ks = IDENTITY_RE.findall(text.lower())
    return IDENTITY[ks[0]] if ks else None


@functools.lru_cache(maxsize=65536)
def _unknown(text: str) -> bool:
    return UNKNOWN.search(text) is not None
SUSPECT_CUES = re.compile(
    r"\b(suspect\w*|blamed|blame[sd]? on|attributed|claimed responsibility|claims? responsibility|believed|"
    r"planted by|carried out by|linked to|affiliated|allegedly|accused|claimed|responsib\w*)\b",
    re.I,
)


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("sitrep.actors").joinpath("data/acled_names.json").read_text("utf-8")
    return json.loads(text)


@functools.cache
def _named() -> dict[str, tuple[str, int]]:
    return {k: (v[0], int(v[1])) for k, v in _data()["named"].items() if not k.startswith("_")}


def named_inter(actor_id: str) -> int | None:
    """The inter code of a dictionary actor with an ACLED name ("taliban" -> 2), else None."""
    hit = _named().get(actor_id)
    return hit[1] if hit else None


@functools.cache
def _ethnic() -> dict[str, str]:
    return {k: v for k, v in _data()["ethnic_groups"].items() if not k.startswith("_")}


@functools.cache
def _ethnic_re() -> re.Pattern[str]:
    names = sorted(_ethnic(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")s?\b")


@functools.cache
def country_name(iso3: str | None) -> str | None:
    """The country name ACLED's actor names use for ISO alpha-3 `iso3` ("KEN" -> "Kenya")."""
    if not iso3:
        return None
    over = _data()["countries"]
    if iso3 in over:
        return over[iso3]
    from .lexicon import load

    return load().country_names.get(iso3)


@functools.cache
def _regions() -> dict[str, str]:
    return {iso3: region for region, codes in _data()["regions"].items() if not region.startswith("_")
            for iso3 in codes}


def acled_region(iso3: str | None) -> str | None:
    """ACLED's Region of a country ("KEN" -> "Eastern Africa")."""
    return _regions().get(iso3 or "")


@functools.cache
def _alpha3(iso2: str | None) -> str | None:
    if not iso2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2.upper())
    return c.alpha_3 if c else None


@dataclass
class Named:
    name: str
    inter: int | None
    actor_id: str | None = None


def event_country(doc: Document, ev: Event) -> str | None:
    """ISO alpha-3 of the country an event's "(X)" / "of X" names: the event's place, else the article's."""
    if ev.place is not None and ev.place.country_code:
        return _alpha3(ev.place.country_code)
    if doc.focus_country:
        return _alpha3(doc.focus_country)
    # no place for the event and no main country: the country the article's places are in most often
    counts: dict[str, int] = {}
    for p in doc.places:
        if p.place.country_code and p.literal:
            counts[p.place.country_code] = counts.get(p.place.country_code, 0) + 1
    if counts:
        return _alpha3(max(counts, key=lambda c: (counts[c], c)))
    return None


def acled_name(actor: Actor, country: str | None, event_type: str | None = None,
               doc: Document | None = None) -> Named | None:
    """The ACLED name and inter code of `actor` in an event in `country` (ISO alpha-3); None for actors
    ACLED does not name (places, unaffiliated people, unknown noun phrases)."""
    named = _named()
    if actor.id in named:
        n, inter = named[actor.id]
        return Named(n, inter, actor.id)
    kind, sector = actor.kind, actor.sector
    if kind in (None, "person", "organization"):
        group = ethnic_group(actor.name)
        if group:
            # "Pokot raiders", "the Borana" (which the recogniser may take for a person or a company)
            return _ethnic_name(group, country)
    if actor.id.startswith("generic:"):
        sector = sector or actor.id.split(":")[1]
    if kind == "person" and actor.affiliation and doc is not None:
        party = doc.actor_by_id(actor.affiliation)
        if party is not None and party is not actor:
            return acled_name(party, country, event_type, None)
        if actor.affiliation.startswith("gov:"):
            return _state("government", actor.affiliation[4:], country, actor.id)
        return None
    if kind == "country":
        sec = "military" if event_type in VIOLENT else "government"
        return _state(sec, actor.country, country, actor.id)
    if kind in STATE_KINDS or sector in STATE_KINDS:
        return _state(kind if kind in STATE_KINDS else sector, actor.country, country, actor.id)  # type: ignore[arg-type]
    where = country_name(country or actor.country)
    bracket = f" ({where})" if where else ""
    if kind == "protesters" or sector == "protesters":
        return Named(f"Protesters{bracket}", 6, actor.id)
    if kind == "rioters" or sector == "rioters":
        return Named(f"Rioters{bracket}", 5, actor.id)
    if kind == "civilians" or sector in CIVILIAN_KINDS:
        return Named(f"Civilians{bracket}", 7, actor.id)
    if kind == "criminals" or (kind == "armed_group" and (actor.id.startswith("generic:") or sector in ARMED_SECTORS)):
        group = next((g for g in (ethnic_group(m.text) for m in actor.mentions) if g), None)
        if group:
            # "suspected Pokot assailants": armed members of a community (codebook: identity militias)
            return _ethnic_name(group, country)
        ident = next((i for i in (_identity(m.text) for m in actor.mentions) if i), None)
        if ident:
            # "an unknown communal militia", "Ethiopian ethnic militia", "armed clans": codebook footnote 9
            own = country_name(actor.country) if actor.country else where
            return Named(f"Unidentified {ident} Militia ({own})" if own else f"Unidentified {ident} Militia", 4,
                         actor.id)
        return Named(f"Unidentified Armed Group{bracket}", 3, actor.id)
    if kind in ("armed_group", "political_party") and not actor.id.startswith("generic:"):
        return Named(actor.name, 3 if kind == "political_party" else 2, actor.id)
    if kind == "communal":
        # "tribesmen", "elders": members of a community; armed, they are an identity militia
        group = next((g for g in (ethnic_group(m.text) for m in actor.mentions) if g), None)
        if group:
            return _ethnic_name(group, country)
        if event_type in VIOLENT:
            return Named(f"Unidentified Ethnic Militia{bracket}", 4, actor.id)
        return Named(f"Civilians{bracket}", 7, actor.id)
    if kind == "organization":
        m = STATE_ORG.search(actor.name)
        if m:
            # "the Republican Police", "Benin Armed Forces", "the National Gendarmerie"
            return _state("police" if m.group(1).lower() in ("police", "gendarmerie") else "military",
                          actor.country, country, actor.id)
    if kind == "igo":
        return Named(actor.name, 8, actor.id)
    if kind == "ngo":
        return Named(actor.name, 8, actor.id)
    return None


def _state(sector: str, own: str | None, country: str | None, actor_id: str | None) -> Named | None:
    iso3 = own or country
    name = country_name(iso3)
    if not name:
        # the state is implied but no country is known: ACLED's name without its "of X"
        return Named(STATE_KINDS[sector].split(" of ")[0], 1, actor_id)
    inter = 1 if (not country or not own or own == country or sector == "government") else 8
    return Named(STATE_KINDS[sector].format(c=name), inter, actor_id)


def _generic(label: str, inter: int, country: str | None) -> Named:
    where = country_name(country)
    return Named(f"{label} ({where})" if where else label, inter)


# ------------------------------------------------------------------------------------------- roles
def _in_dateline(doc: Document, actor: Actor) -> bool:
    if doc.dateline_span is None:
        return False
    s, e = doc.dateline_span
    return bool(actor.mentions) and all(s <= m.start and m.end <= e for m in actor.mentions)


def _evidence_range(ev: Event) -> tuple[int, int]:
    if not ev.evidence:
        return ev.trigger.start, ev.trigger.end
    return min(s.start for s in ev.evidence), max(s.end for s in ev.evidence)


def _token_at(doc: Document, start: int) -> Any:
    sd = doc.spacy
    if sd is None:
        return None
    span = sd.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _only_reports(doc: Document, ev: Event, actor: Actor) -> bool:
    """The actor's every mention in the event's evidence is the subject of a reporting verb that is not
    the event's own trigger ("Police confirmed the kidnapping": police speak, they do not abduct)."""
    lo, hi = _evidence_range(ev)
    ms = [m for m in actor.mentions if lo <= m.start < hi]
    if not ms or doc.spacy is None:
        return False
    trig = _token_at(doc, ev.trigger.start)
    for m in ms:
        tok = _token_at(doc, m.start)
        if tok is None:
            return False
        head = tok
        # climb from the mention's first token to the head of its noun phrase
        while head.dep_ in ("compound", "amod", "det", "poss", "nmod") and head.head is not head:
            head = head.head
        verb = head.head
        if not (head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in REPORT_VERBS):
            return False
        if trig is None or trig.i == verb.i or not _nominal_object(trig, verb):
            # "the Taliban announced that it has taken the valley": the speaker may be the agent
            return False
    return True


def _nominal_object(trig: Any, verb: Any) -> bool:
    """The trigger is a noun in the reporting verb's object ("confirmed the kidnapping of ...")."""
    if trig.pos_ not in ("NOUN", "PROPN"):
        return False
    t = trig
    while t.head is not t and t.i != verb.i:
        if t.pos_ in ("VERB", "AUX") and t.i != trig.i:
            return False
        t = t.head
    return t.i == verb.i


def _passive_subject(doc: Document, ev: Event, actor: Actor) -> bool:
    """The actor is the subject of the event's passive trigger ("three soldiers were killed when ..."):
    the one acted upon, not the agent."""
    trig = _token_at(doc, ev.trigger.start)
    if trig is None:
        return False
    lo, hi = _evidence_range(ev)
    verbs = {trig.i, *(c.i for c in trig.conjuncts)}
    for m in actor.mentions:
        if not lo <= m.start < hi:
            continue
        tok = _token_at(doc, m.start)
        if tok is None:
            continue
        head = tok
        while head.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod") and head.head is not head:
            head = head.head
        if head.dep_ == "nsubjpass" and head.head.i in verbs:
            return True
    return False


def _agent_of_instrument(doc: Document, ev: Event, skip: set[str]) -> Actor | None:
    """"a roadside bomb planted by the Taliban", "an attack carried out by X": the actor in a "by" phrase
    of a participle in the event's evidence."""
    sd = doc.spacy
    if sd is None:
        return None
    from .api import actors_for_token

    lo, hi = _evidence_range(ev)
    for tok in sd.char_span(lo, hi, alignment_mode="expand") or []:
        if tok.dep_ == "agent" or (tok.lower_ == "by" and tok.head.tag_ == "VBN"):
            for pobj in tok.children:
                if pobj.dep_ != "pobj":
                    continue
                for a in actors_for_token(doc, pobj, create=False):
                    if a.id not in skip and a.kind not in ("location", "person", "civilians"):
                        return a
    return None


def _planter(doc: Document) -> Actor | None:
    """"a suspected al-Shabaab planted land mine", "a bomb planted by X": the named group that laid the
    device, even when the events stage took it for the target."""
    named = _named()
    for a in doc.actors:
        if a.kind != "armed_group" or a.id not in named:
            continue
        for m in a.mentions:
            after, before = doc.text[m.end : m.end + 12], doc.text[max(0, m.start - 14) : m.start]
            if re.match(r"[\s-]*(planted|laid|placed)\b", after) or re.search(
                r"\b(planted|laid|placed) by\s+(the\s+)?$", before
            ):
                return a
    return None


def _suspected_group(doc: Document, ev: Event, skip: set[str], lone: bool = True) -> Actor | None:
    """The one named armed group the article holds responsible: a dictionary armed group mentioned in
    the event's evidence, or anywhere in a short article next to a cue of suspicion or blame."""
    lo, hi = _evidence_range(ev)
    named = _named()
    every = [a for a in doc.actors if a.kind == "armed_group" and a.id in named]
    planter = _planter(doc)
    if planter is not None:
        return planter
    groups = [a for a in every if a.id not in skip]
    near = [a for a in groups if any(lo <= m.start < hi for m in a.mentions)]
    if len(near) == 1:
        return near[0]
    if near:
        return min(near, key=lambda a: min(m.start for m in a.mentions if lo <= m.start < hi))
    cued = []
    for a in groups:
        for m in a.mentions:
            window = doc.text[max(0, m.start - 80) : m.end + 80]
            if SUSPECT_CUES.search(window):
                cued.append(a)
                break
    if len(cued) == 1:
        return cued[0]
    # the one named armed group of a short report, named anywhere in it, is taken to be the perpetrator
    if lone and len(groups) == 1 and len(every) == 1 and len(doc.text) <= 1500:
        return groups[0]
    return None


@functools.lru_cache(maxsize=65536)  # a pure function of the words, asked once per mention of an actor per event
def ethnic_group(name: str) -> str | None:
    """The ethnic community a noun phrase names ("Pokot raiders", "suspected Turkana herders") when its
    other words are words of armed or communal groups; None otherwise."""
    words = re.findall(r"[A-Za-z'-]+", name)
    groups = [w for w in words if _ethnic_re().fullmatch(w)]
    if len(groups) != 1:
        return None
    rest = {w.lower() for w in words if w != groups[0]} - {"the", "suspected", "armed", "alleged", "of", "from"}
    if rest - set(_data()["militia_nouns"]) - ATTACK_NOUNS:
        return None
    m = _ethnic_re().fullmatch(groups[0])
    return _ethnic()[m.group(1)] if m else None


BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:members\s+of\s+(?:the\s+)?)?([A-Z][a-z]+)s?\s+"
                     r"(?:\w+\s+)?and\s+(?:the\s+)?([A-Z][a-z]+)s?\b")


def _ethnic_militias(doc: Document, ev: Event) -> tuple[list[str], list[str]]:
    """Ethnic communities acting (subjects, "Pokot raiders") and acted upon in the event's evidence."""
    acting, acted = _ethnic_in(doc, *_evidence_range(ev))
    if not acting and not acted:
        # the event read from a later sentence ("The attack occurred ..."): the lead names who attacked
        lead = _lead_end(doc)
        if lead:
            acting, acted = _ethnic_in(doc, 0, lead)
    return acting, acted


COMMUNITY_NOUNS = re.compile(r"\s+(herders|herdsmen|youths|residents|villagers|farmers|pastoralists|communit(?:y|ies)|"
                             r"elders|morans|warriors)\b")


def _place_community(doc: Document, ev: Event) -> str | None:
    """A place whose people fight as a group ("<Place> herders clashed", "<Place> youths"): the place's name."""
    lo, hi = _evidence_range(ev)
    for p in doc.places:
        if lo <= p.start < hi and p.literal and p.place.kind not in ("country",):
            if COMMUNITY_NOUNS.match(doc.text, p.end):
                return p.text
    return None


def _identity_clash(doc: Document, ev: Event) -> str | None:
    """"ethnic clashes", "inter-clan fighting", "an unknown communal militia" in the event's evidence (or the
    lead): the kind of identity militia (Ethnic, Communal, Clan) whose members fought."""
    lo, hi = _evidence_range(ev)
    for a, b in ((lo, hi), (0, _lead_end(doc))):
        m = IDENTITY_RE.search(doc.text[a:b].lower())
        if m:
            return IDENTITY[m.group(1)]
    return None


def _lead_agent(doc: Document, ev: Event, skip: set[str]) -> Actor | None:
    """For an event read from a later sentence ("The attack occurred on the road ..."): the armed actor
    that is the subject of the article's first sentence."""
    lo, _hi = _evidence_range(ev)
    lead = _lead_end(doc)
    if lo < lead:
        return None
    for a in doc.actors:
        if a.id in skip or a.kind not in ("armed_group", "military", "police", "criminals"):
            continue
        for m in a.mentions:
            if m.end > lead:
                continue
            tok = _token_at(doc, m.start)
            head = tok
            while head is not None and head.dep_ in ("compound", "amod", "det", "poss", "nmod") and head.head is not head:
                head = head.head
            if head is not None and head.dep_ == "nsubj" and head.head.lemma_.lower() not in (
                REPORT_VERBS | {"find", "discover", "recover", "retrieve", "investigate", "arrest", "launch"}
            ):
                return a
    return None


def _lead_end(doc: Document) -> int:
    """End offset of the article's first sentence."""
    sd = doc.spacy
    if sd is not None:
        for sent in sd.sents:
            return int(sent.end_char)
    m = re.search(r"[.!?](\s|$)", doc.text)
    return m.end() if m else len(doc.text)


def _ethnic_in(doc: Document, lo: int, hi: int) -> tuple[list[str], list[str]]:
    text = doc.text
    acting: list[str] = []
    acted: list[str] = []
    table = _ethnic()
    for m in BETWEEN.finditer(text, lo, hi):
        # "clashes between the Kipsigis and Maasai communities"
        pair = [table.get(g) or table.get(g.rstrip("s")) for g in m.groups()]
        if all(pair):
            acting.extend(g for g in pair if g and g not in acting)
    for m in _ethnic_re().finditer(text, lo, hi):
        name = _ethnic()[m.group(1)]
        nxt = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 20])
        tok = _token_at(doc, m.start())
        role = None
        before = re.search(r"\b([a-z]+)\s+from\s+(?:the\s+)?(?:neighbou?ring\s+)?$", text[max(0, m.start() - 40) : m.start()].lower())
        if (nxt and nxt.group(1) in ATTACK_NOUNS) or (before and before.group(1) in ATTACK_NOUNS):
            # "Pokot raiders", "bandits from the neighbouring Pokot"
            role = "acting"
        elif tok is not None:
            head = tok
            while head.dep_ in ("compound", "amod", "nmod") and head.head is not head:
                head = head.head
            if head.dep_ == "nsubj" or (head.dep_ == "pobj" and head.head.lower_ in ("by", "between")):
                role = role or "acting"
            elif head.dep_ == "conj" and head.head.dep_ in ("nsubj", "pobj"):
                role = role or "acting"
            elif head.dep_ in ("dobj", "nsubjpass") or (head.dep_ == "pobj" and head.head.lower_ in ("on", "against")):
                role = "acted"
        if role == "acting" and name not in acting:
            acting.append(name)
        elif role == "acted" and name not in acted and name not in acting:
            acted.append(name)
    return acting, acted


def _ethnic_name(group: str, country: str | None) -> Named:
    where = country_name(country)
    return Named(f"{group} Ethnic Militia ({where})" if where else f"{group} Ethnic Militia", 4)


def _adhoc_armed(actor: Actor) -> bool:
    words = set(re.findall(r"[a-z]+", actor.name.lower()))
    return bool(words & ARMED_WORDS) or actor.name.lower().startswith(("unknown", "unidentified", "armed"))


# -------------------------------------------------------------------------------------------- naming
def _candidates(doc: Document, ev: Event, ids: list[str]) -> list[Actor]:
    """The event's actors that can be ACLED actors: not places, not the dateline, not mere reporters."""
    out = []
    for aid in ids:
        a = doc.actor_by_id(aid)
        if a is None or a.kind == "location" or _in_dateline(doc, a):
            continue
        if _only_reports(doc, ev, a):
            continue
        out.append(a)
    return out


def _name_all(doc: Document, actors: list[Actor], country: str | None, etype: str | None) -> list[tuple[Actor, Named | None]]:
    return [(a, acled_name(a, country, etype, doc)) for a in actors]


def name_event(doc: Document, ev: Event) -> dict[str, Any]:
    """ACLED actor fields for one event (the dict `acled` gains)."""
    assert ev.acled is not None
    etype, sub = ev.acled.get("event_type"), ev.acled.get("sub_event_type")
    country = event_country(doc, ev)
    acts = _name_all(doc, _candidates(doc, ev, ev.actor), country, etype)
    recs = _name_all(doc, _candidates(doc, ev, ev.recipient), country, etype)
    a1: Named | None = next((n for _, n in acts if n), None)
    a2: Named | None = next((n for _, n in recs if n), None)
    adhoc1 = next((a for a, n in acts if n is None), None)
    adhoc2 = next((a for a, n in recs if n is None), None)
    assoc1: list[str] = []
    assoc2: list[str] = []
    used = {n.actor_id for n in (a1, a2) if n and n.actor_id}

    first = next((a for a, n in acts if n is a1), None) if a1 is not None else None
    if first is not None and etype in VIOLENT and _passive_subject(doc, ev, first):
        # "three soldiers were killed when their vehicle hit a bomb planted by the Taliban"
        if a2 is None:
            a2 = a1
        a1 = None
    if a2 is None and etype == "Battles" and a1 is not None:
        # "soldiers clashed with X": both sides in the subject phrase
        a2 = next((n for _, n in acts if n is not None and n.name != a1.name), None)
    if etype in ("Protests", "Riots"):
        # who the demonstrators are: "Students (Kenya)", "Labor Group (Kenya)" (codebook: associated actors)
        for a, _n in acts:
            label = ASSOC_SECTORS.get(a.sector or "")
            if label:
                assoc1.append(_generic(label, 0, country).name)
                break
    if etype == "Protests":
        if a1 is not None and a1.inter in (2, 3, 4):
            assoc1.append(a1.name)  # a party or group leading the demonstration
        a1 = _generic("Protesters", 6, country)
        if a2 is not None and a2.inter != 1:
            a2 = None
        if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters"):
            police = next((n for a, n in _name_all(doc, [x for x in doc.actors if x.kind in ("police", "military")],
                                                    country, etype) if n), None)
            a2 = police or _generic_state("police", country)
    elif etype == "Riots":
        if a1 is not None and a1.inter == 1 and sub != "Mob violence":
            # "police fired tear gas at rioters": ACLED names the rioters first
            a2, a1 = a1, None
        if a1 is None or a1.inter not in (5,):
            if a1 is not None and a1.inter in (2, 3, 4):
                assoc1.append(a1.name)
            a1 = _generic("Rioters", 5, country)
        if a2 is not None and a2.inter in (5, 6):
            a2 = None
        if sub == "Mob violence" and a2 is None:
            a2 = _generic("Civilians", 7, country)
    else:
        first_actor = next((a for a, n in acts if n is a1), None) if a1 is not None else None
        # "unknown gunmen", "an unidentified group": the report says it does not know, so stay unidentified
        unknown = first_actor is not None and any(_unknown(m.text) for m in first_actor.mentions)
        if (a1 is None or (a1.inter == 3 and a1.name.startswith("Unidentified")) or a1.inter == 7) and not unknown:
            better, a2 = _better_actor(doc, ev, country, etype, sub, used, a1, a2)
            if better is not None and a2 is not None and better.name == a2.name and etype != "Battles":
                planter = _planter(doc)
                if planter is not None and better.actor_id == planter.id:
                    # the events stage took the group that planted the device for its target
                    a2 = None
            if better is not None and (a2 is None or better.name != a2.name):
                if a1 is not None and a1.inter == 7 and a2 is None:
                    a2 = a1
                a1 = better
        if a1 is not None and a1.inter == 7 and etype == "Battles" and first_actor is not None and not (
            _passive_subject(doc, ev, first_actor)
        ):
            # unarmed people who fight ("residents clashed with police") are rioters (codebook: Rioters)
            a1 = _generic("Rioters", 5, country)
        elif a1 is not None and a1.inter == 7 and etype in VIOLENT:
            # civilians do not fight: the "actor" read from "civilians were attacked" is the target
            if a2 is None:
                a2 = a1
            a1 = None
        if a1 is None and etype == "Battles" and adhoc1 is not None and adhoc1.kind is None and not _adhoc_armed(adhoc1):
            # "traders and hawkers clashed": people who are not an armed group
            a1 = _generic("Rioters", 5, country)
        if a1 is None:
            if etype in VIOLENT or sub in ("Looting/property destruction",):
                a1 = _generic("Unidentified Armed Group", 3, country) if (adhoc1 is None or _adhoc_armed(adhoc1)
                                                                           or etype in VIOLENT) else None
            elif sub == "Arrests":
                a1 = _generic_state("police", country)
            else:
                a1 = _strategic_actor(doc, ev, country, used, sub)
        if etype == "Violence against civilians":
            if a2 is None or a2.inter not in (7,):
                if a2 is not None and a2.inter in (1, 2, 3, 4):
                    assoc2.append(a2.name)
                a2 = _generic("Civilians", 7, country)
        elif a2 is None and adhoc2 is not None and etype == "Explosions/Remote violence":
            a2 = _generic("Civilians", 7, country)
    if etype == "Battles" and a2 is None and a1 is not None and a1.inter != 3:
        # the other side, told only as "armed men" ("gendarmes clashed with armed men")
        if any(n is None and a.kind is None and _adhoc_armed(a) for a, n in [*acts[1:], *recs]):
            a2 = _generic("Unidentified Armed Group", 3, country)
    if etype == "Battles" and a2 is None and a1 is not None:
        # the other community of a communal clash ("fighting between the Gabra and Borana")
        acting, acted = _ethnic_militias(doc, ev)
        other = next((g for g in acting + acted if _ethnic_name(g, country).name != a1.name), None)
        if other is not None:
            a2 = _ethnic_name(other, country)
    if a1 is not None and a2 is not None and a1.name == a2.name and etype not in ("Battles", "Riots"):
        a2 = None
    return {
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": "; ".join(assoc1) or None,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": "; ".join(assoc2) or None,
        "inter2": a2.inter if a2 else None,
    }


def _better_actor(doc: Document, ev: Event, country: str | None, etype: str | None, sub: str | None,
                  used: set[str], a1: Named | None, a2: Named | None) -> tuple[Named | None, Named | None]:
    """A named actor for an event whose actor is missing, unidentified or civilian: the agent of the
    weapon, a suspected group, ethnic or communal militias, the lead agent; (that actor, the recipient,
    which an ethnic clash may also name)."""
    better = None
    if etype in VIOLENT or sub in ("Looting/property destruction", "Disrupted weapons use"):
        agent = _agent_of_instrument(doc, ev, used)
        if agent is not None:
            better = acled_name(agent, country, etype, doc)
        if better is None:
            grp = _suspected_group(doc, ev, used, lone=a1 is None)
            if grp is not None:
                better = acled_name(grp, country, etype, doc)
        if better is None:
            acting, acted = _ethnic_militias(doc, ev)
            if acting:
                better = _ethnic_name(acting[0], country)
                if a2 is None and etype == "Battles" and len(acting) > 1:
                    a2 = _ethnic_name(acting[1], country)
                elif a2 is None and acted and etype == "Battles":
                    a2 = _ethnic_name(acted[0], country)
        if better is None and etype == "Battles":
            local = _place_community(doc, ev)
            if local:
                # "<Place> youths fought ...": a communal militia named after its place
                better = _generic(f"{local} Communal Militia", 4, country)
        if better is None:
            ident = _identity_clash(doc, ev)
            if ident:
                better = _generic(f"Unidentified {ident} Militia", 4, country)
                if a2 is None and etype == "Battles":
                    a2 = better
        if better is None and a1 is None:
            lead_actor = _lead_agent(doc, ev, used)
            if lead_actor is not None:
                better = acled_name(lead_actor, country, etype, doc)
    return better, a2


def _strategic_actor(doc: Document, ev: Event, country: str | None, used: set[str], sub: str | None) -> Named | None:
    """Actor 1 of a strategic development the events stage found no agent for: the named armed group the
    report is about ("200 members of X were spotted"), the communities of a truce, the state forces the
    evidence names; a disrupted weapon ("a bomb was found and defused") is by default the police's."""
    grp = _suspected_group(doc, ev, used)
    if grp is not None:
        return acled_name(grp, country, "Strategic developments", doc)
    acting, acted = _ethnic_militias(doc, ev)
    if acting:
        return _ethnic_name(acting[0], country)
    lo, hi = _evidence_range(ev)
    for a in doc.actors:
        if a.kind in ("police", "military") and any(lo <= m.start < hi for m in a.mentions):
            return acled_name(a, country, "Strategic developments", doc)
    if sub == "Disrupted weapons use":
        return _generic_state("police", country)
    return None


def _generic_state(sector: str, country: str | None) -> Named | None:
    name = country_name(country)
    return Named(STATE_KINDS[sector].format(c=name) if name else STATE_KINDS[sector].split(" of ")[0], 1)


@register("acled_actors")
class AcledActorsStage:
    name = "acled_actors"

    def initialize(self) -> None:
        """Load the ACLED actor names (`data/acled_names.json`)."""
        _data()

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            if ev.acled:
                ev.acled = {**ev.acled, **name_event(doc, ev)}
        return doc
