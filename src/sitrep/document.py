"""The `Document` that every pipeline stage reads and adds its part to.

Stages (see `sitrep.pipeline`) run in order: ingest -> nlp -> actors -> places -> times -> events ->
claims. Each one fills its own fields below; `to_contract()` turns the result into the output format
of `CONTRACT.md` (``sitrep.document/1``).

All offsets are Python string indices into `Document.text` exactly as given (end exclusive).

What a Document carries besides its contract fields:

- `Document.meta`: what the caller and the shells attach, and what the shells read back: any keyword given
  to `sitrep.make_document`, `"where"` (FILE:LINE or the URL an input came from, for messages),
  `"content_hash"` (set by the store and the watcher before storing), `"warnings"` (a list of lines, printed
  by the shells) and `"error"` (set when a stage failed or the document ran out of time; the shells write an
  error record instead of the document). No stage keeps its own state there.
- `Document.context` (`DocContext`): the stages' per-document scratch state (indexes and caches computed
  once per document), typed; never output.
- `Document.time_anchor`: how the times stage anchored relative dates (output as the contract's
  `time_anchor`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from .records import (
    AcledRecord,
    ActorRecord,
    ActorRef,
    AttributionRecord,
    DateRecord,
    DocumentRecord,
    ErrorRecord,
    EventRecord,
    EvidenceRecord,
    PlaceMentionRecord,
    PlaceRecord,
    PloverRecord,
    SpanRecord,
    TimeRecord,
)

SCHEMA = "sitrep.document/1"

PLACE_KINDS = ("country", "admin1", "admin2", "populated_place", "region", "landmark", "other")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
TIMEFRAMES = ("current", "historical", "future")
STATUSES = ("reported", "claimed", "contested", "denied", "hypothetical")
STANCES = ("asserts", "denies", "reports", "hedges")
SOURCE_KINDS = ("party", "media", "monitor", "witness", "other")
PRECISIONS = ("day", "week", "month", "year", "decade")


@dataclass
class Span:
    start: int
    end: int
    text: str

    def json(self) -> SpanRecord:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Place:
    """A resolved place (gazetteer entry), without offsets."""

    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1_code: str | None = None  # ISO 3166-2, e.g. "AF-PAN"
    admin1_name: str | None = None
    kind: str = "other"  # one of PLACE_KINDS
    population: int = 0
    admin2_name: str | None = None  # the second-level division (district, county), when known

    def json(self) -> PlaceRecord:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1_code": self.admin1_code,
            "admin1_name": self.admin1_name,
            "admin2_name": self.admin2_name,
            "kind": self.kind,
        }


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    score: float = 1.0  # resolver's confidence in the reading
    literal: bool = True  # False for demonyms/adjectives ("Afghan") and metonymy

    def json(self) -> PlaceMentionRecord:
        return {"start": self.start, "end": self.end, "text": self.text, **self.place.json()}


@dataclass
class TimeMention:
    """A TIMEX3 expression. `value` follows TimeML ("2021-09-06", "2021-W36", "198X", "P3D", "PAST_REF")."""

    start: int
    end: int
    text: str
    type: str  # one of TIME_TYPES
    value: str
    # The calendar interval the value covers, when it is a calendar date (for event dating):
    begin: date | None = None
    finish: date | None = None
    precision: str | None = None  # one of PRECISIONS, for DATE/TIME values that denote a date

    def json(self) -> TimeRecord:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}


@dataclass
class Actor:
    id: str
    name: str
    kind: str | None = None  # "armed_group", "government", "military", "police", "civilians", "igo", "person", ...
    country: str | None = None  # ISO 3166-1 alpha-3
    mentions: list[Span] = field(default_factory=list)
    affiliation: str | None = None  # id of the actor a person speaks/acts for
    sector: str | None = None  # for generic actors: "military", "rebels", "police", "civilians", ...

    def ref(self) -> ActorRef:
        return {"id": self.id, "name": self.name}

    def json(self) -> ActorRecord:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "mentions": [m.json() for m in self.mentions],
        }


@dataclass
class Claim:
    stance: str  # one of STANCES
    start: int
    end: int
    text: str  # the reporting frame, e.g. "denies", "said the group's spokesman, Zabihullah Mujahid"
    source: str | None = None  # Actor id of the party the claim is attributed to
    speaker: str | None = None  # the person who speaks, as written
    channel: str | None = None  # "Twitter", "Facebook", "social media images", ...
    attribution: int | None = None  # index into Document.attributions
    source_kind: str | None = None  # one of SOURCE_KINDS, from the attribution
    anonymous: bool = False
    magnitude: dict[str, int | None] | None = None  # the toll this source claims


@dataclass
class Attribution:
    """Who said (thought, intends) what: see `sitrep.claims.attributions`."""

    cue: Span  # the words that attribute ("said", "according to", "denied")
    content: list[Span]  # what is said (a quote split by its cue gives two spans)
    source: Span | None = None  # who speaks, as written; None when implicit
    party: str | None = None  # Actor id of the party the source speaks for
    source_kind: str | None = None  # one of SOURCE_KINDS
    anonymous: bool = False
    stance: str = "asserts"  # one of STANCES
    head: int = -1  # token index of the cue's head word (internal)
    source_head: int | None = None  # token index of the source's head word (internal)
    antecedent: Span | None = None  # what a pronoun source refers to (internal)
    target: Span | None = None  # who is accused or blamed ("accused the army of ..."; internal)


@dataclass
class EventDate:
    start: str  # "YYYY[-MM[-DD]]"
    end: str
    precision: str  # one of PRECISIONS

    def json(self) -> DateRecord:
        return {"start": self.start, "end": self.end, "precision": self.precision}


@dataclass
class Event:
    id: str
    trigger: Span  # the word(s) the event was read from
    evidence: list[Span]  # the sentence(s)
    plover: dict[str, Any] | None = None  # {"event", "mode", "context": [...]}
    acled: dict[str, Any] | None = None  # {"event_type", "sub_event_type", "actor1", "actor2", ...}
    actor: list[str] = field(default_factory=list)  # Actor ids
    recipient: list[str] = field(default_factory=list)
    place: Place | None = None
    date: EventDate | None = None
    timeframe: str = "current"
    status: str = "reported"
    claims: list[Claim] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    confidence: float = 0.5
    negated: bool = False  # the event is said not to have happened ("did not attack")
    modality: str | None = None  # "proposed", "conditional", "possible", "future", "intended", ...


@dataclass
class DocContext:
    """The stages' scratch state for one document: indexes and caches computed once per document (the
    stage that fills a field is named beside it). Never output; a fresh Document starts with an empty one."""

    # actors (`actors.api`): the index of actor mentions by start, an `actors.api._MentionIndex`
    mention_index: object | None = None
    # places (`geo.event_place`): why a mention does not say where an event took place, by
    # (mention start, mention end, trigger token index or -1)
    place_roles: dict[tuple[int, int, int], str | None] = field(default_factory=dict)
    # the place mentions without the dateline's, with the number of `doc.places` they were computed from
    usable_places: tuple[int, list[PlaceMention]] | None = None
    # (usable mentions, their positions sorted by start, those starts)
    usable_order: tuple[list[PlaceMention], list[int], list[int]] | None = None
    # (usable mentions, (admin1 code, country code) of the literal ones that may say where events happen)
    literal_divisions: tuple[list[PlaceMention], list[tuple[str, str | None]]] | None = None
    # times (`time.dating`): (doc.times, its length, positions sorted by start, those starts)
    times_order: tuple[list[TimeMention], int, list[int], list[int]] | None = None
    # the month a numbered release names (`time.dateline.release_month`), once read
    release_month_read: bool = False
    release_month: date | None = None
    # the times stage has run on this document (a document without time expressions is not tagged twice)
    times_tagged: bool = False


@dataclass
class Document:
    text: str
    id: str = "doc"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None  # as given by the caller
    dateline: date | None = None  # read from the text when `published` is missing
    dateline_span: tuple[int, int] | None = None
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)  # set by the claims stage
    spacy: Any = None  # spacy.tokens.Doc, set by the nlp stage
    focus_country: str | None = None  # ISO alpha-2 of the document's main country, set by the places stage
    time_anchor: str | None = None  # "published", "dateline" or "narrative", set by the times stage
    meta: dict[str, Any] = field(default_factory=dict)  # the caller's and the shells' keys (module doc)
    context: DocContext = field(default_factory=DocContext, repr=False, compare=False)

    # ----------------------------------------------------------------- helpers for stages
    @property
    def anchor(self) -> date | None:
        """The date relative expressions are resolved against: publication date, else dateline."""
        return self.published or self.dateline

    def actor_by_id(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        return [p for p in self.places if p.start >= start and p.end <= end]

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        return [t for t in self.times if t.start >= start and t.end <= end]

    # ----------------------------------------------------------------- output
    def to_contract(self) -> DocumentRecord:
        published = self.anchor
        return {
            "schema": SCHEMA,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": published.isoformat() if published else None,
            "time_anchor": self.time_anchor,  # set by the times stage
            "places": [p.json() for p in self.places],
            "times": [t.json() for t in self.times],
            "actors": [a.json() for a in self.actors],
            "events": [self._event_json(e) for e in self.events],
            "attributions": [self._attribution_json(a) for a in self.attributions],
        }

    def _attribution_json(self, a: Attribution) -> AttributionRecord:
        return {
            "source": a.source.json() if a.source else None,
            "party": self._ref(a.party),
            "source_kind": a.source_kind,
            "anonymous": a.anonymous,
            "cue": a.cue.json(),
            "content": [c.json() for c in a.content],
            "stance": a.stance,
        }

    def _ref(self, actor_id: str | None) -> ActorRef | None:
        return None if actor_id is None else self._ref_of(actor_id)

    def _ref_of(self, actor_id: str) -> ActorRef:
        a = self.actor_by_id(actor_id)
        return a.ref() if a else {"id": actor_id, "name": actor_id}

    def _event_json(self, e: Event) -> EventRecord:
        return {
            "id": e.id,
            "plover": cast("PloverRecord | None", e.plover),
            "acled": cast("AcledRecord | None", e.acled),
            "actor": [self._ref_of(a) for a in e.actor],
            "recipient": [self._ref_of(a) for a in e.recipient],
            "place": e.place.json() if e.place else None,
            "date": e.date.json() if e.date else None,
            "timeframe": e.timeframe,
            "status": e.status,
            "claims": [
                {
                    "source": self._ref(c.source),
                    "speaker": c.speaker,
                    "source_kind": c.source_kind,
                    "anonymous": c.anonymous,
                    "stance": c.stance,
                    "channel": c.channel,
                    "attribution": c.attribution,
                    "magnitude": c.magnitude,
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                }
                for c in e.claims
            ],
            "magnitude": {"killed": e.killed, "injured": e.injured, "arrested": e.arrested},
            "evidence": [cast("EvidenceRecord", s.json()) for s in e.evidence],
            "trigger": e.trigger.json(),
            "confidence": round(float(e.confidence), 4),
        }


def error_record(doc_id: str | None, message: str) -> ErrorRecord:
    """The JSONL record written in place of a document that could not be processed."""
    return {"id": doc_id, "error": message}
