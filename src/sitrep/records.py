"""The records of the output format (`sitrep.document/1`, docs/output-format.md) as TypedDicts.

`Document.to_contract()` builds a `DocumentRecord`; the exporters (`sitrep.export`), the store
(`sitrep.store`) and the API read and write these. They describe the JSON exactly: a record read back from
JSON (the store's data column, a `.jsonl` file) has the same shape. Fields the contract makes optional or
that only some producers add are `NotRequired`.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class SpanRecord(TypedDict):
    """A stretch of the input text: `text[start:end] == record["text"]`."""

    start: int
    end: int
    text: str


class EvidenceRecord(SpanRecord):
    """An evidence span; a merged (stored) event's spans name the article they are from."""

    article_id: NotRequired[str]


class ActorRef(TypedDict):
    """How events, claims and attributions refer to an actor."""

    id: str
    name: str
    kind: NotRequired[str | None]  # added by the store's control queries (`Store.territorial_events`), not output


class ActorRecord(TypedDict):
    id: str
    name: str
    kind: str | None
    country: str | None  # ISO 3166-1 alpha-3
    mentions: list[SpanRecord]


class PlaceRecord(TypedDict):
    """A resolved place, without offsets (an event's `place`)."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1_code: str | None  # ISO 3166-2
    admin1_name: str | None
    admin2_name: str | None
    kind: str  # one of document.PLACE_KINDS


class PlaceMentionRecord(PlaceRecord):
    """A toponym found in the text, with its resolution (the document's `places`)."""

    start: int
    end: int
    text: str


class TimeRecord(TypedDict):
    """A TIMEX3 expression (the document's `times`)."""

    start: int
    end: int
    text: str
    type: str  # one of document.TIME_TYPES
    value: str


class DateRecord(TypedDict):
    """An event's date interval."""

    start: str  # "YYYY[-MM[-DD]]"
    end: str
    precision: str  # one of document.PRECISIONS


class PloverRecord(TypedDict):
    event: str
    mode: str | None
    context: list[str]


class AcledRecord(TypedDict):
    """An event's ACLED coding; `assoc_actor_*` and `inter*` are added by the events stage."""

    event_type: str
    sub_event_type: str
    actor1: NotRequired[str | None]
    actor2: NotRequired[str | None]
    assoc_actor_1: NotRequired[str | None]
    assoc_actor_2: NotRequired[str | None]
    inter1: NotRequired[int | None]
    inter2: NotRequired[int | None]


class MagnitudeRecord(TypedDict):
    killed: int | None
    injured: int | None
    arrested: int | None


class ClaimRecord(TypedDict):
    """Who says an event happened, and how (an event's `claims`)."""

    source: ActorRef | None
    speaker: str | None
    source_kind: str | None  # one of document.SOURCE_KINDS
    anonymous: bool
    stance: str  # one of document.STANCES
    channel: str | None
    attribution: int | None  # index into the document's attributions
    magnitude: dict[str, int | None] | None
    start: int
    end: int
    text: str
    article_id: NotRequired[str]  # in a merged (stored) event: the article the claim is from


class EventRecord(TypedDict):
    id: str
    plover: PloverRecord | None
    acled: AcledRecord | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    place: PlaceRecord | None
    date: DateRecord | None
    timeframe: str  # one of document.TIMEFRAMES
    status: str  # one of document.STATUSES
    claims: list[ClaimRecord]
    magnitude: MagnitudeRecord
    evidence: list[EvidenceRecord]
    trigger: SpanRecord | None
    confidence: float


class SourceRecord(TypedDict):
    """An article a stored event was read from."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None


class StoredEvent(EventRecord, total=False):
    """A merged event as the store returns it: the contract event plus where it comes from."""

    n_articles: int
    merge: dict[str, Any]  # {"articles": [...], "mentions": [{"article_id", "event_id", "status", "why"}]}
    sources: list[SourceRecord]
    articles: list[dict[str, Any]]  # `Store.get_event` only: each article's text and highlighted mentions


class AttributionRecord(TypedDict):
    """Who said what (the document's `attributions`)."""

    source: SpanRecord | None
    party: ActorRef | None
    source_kind: str | None
    anonymous: bool
    cue: SpanRecord
    content: list[SpanRecord]
    stance: str


class DocumentRecord(TypedDict):
    """One processed article, ``"schema": "sitrep.document/1"``."""

    schema: str
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None  # "YYYY-MM-DD"
    time_anchor: NotRequired[str | None]  # how relative dates were anchored (set by the times stage)
    places: list[PlaceMentionRecord]
    times: list[TimeRecord]
    actors: list[ActorRecord]
    events: list[EventRecord]
    attributions: NotRequired[list[AttributionRecord]]  # absent in the store's one-event documents


class ErrorRecord(TypedDict):
    """What `--format jsonl` writes in place of an item that could not be processed."""

    id: str | None
    error: str


OutputRecord = DocumentRecord | ErrorRecord  # what `sitrep extract --format jsonl` writes, one a line
