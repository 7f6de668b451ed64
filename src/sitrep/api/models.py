"""Typed response bodies of the HTTP API (the OpenAPI schemas). Contract objects keep any field they
carry beyond the ones named here (`extra="allow"`), so a newer store never loses data in the API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ActorRef(_Open):
    id: str | None = None
    name: str | None = None


class PlaceOut(_Open):
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1_code: str | None = None
    admin1_name: str | None = None
    kind: str | None = None


class EventDate(_Open):
    start: str | None = None
    end: str | None = None
    precision: str | None = None


class Span(_Open):
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ClaimOut(_Open):
    source: ActorRef | None = None
    speaker: str | None = None
    stance: str | None = None
    channel: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    article_id: str | None = None


class Magnitude(_Open):
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None


class SourceOut(_Open):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class AcledType(_Open):
    event_type: str | None = None
    sub_event_type: str | None = None


class PloverType(_Open):
    event: str | None = None
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class EventOut(_Open):
    """A merged event (contract event `sitrep.document/1` merged across its source articles)."""

    id: str
    plover: PloverType | None = None
    acled: AcledType | None = None
    actor: list[ActorRef] = Field(default_factory=list)
    recipient: list[ActorRef] = Field(default_factory=list)
    place: PlaceOut | None = None
    date: EventDate | None = None
    timeframe: str | None = None
    status: str | None = None
    claims: list[ClaimOut] = Field(default_factory=list)
    magnitude: Magnitude | None = None
    evidence: list[Span] = Field(default_factory=list)
    trigger: Span | None = None
    confidence: float | None = None
    n_articles: int | None = None
    sources: list[SourceOut] = Field(default_factory=list)


class EventPage(BaseModel):
    total: int = Field(description="how many events match the filters in all")
    events: list[EventOut] = Field(description="this page of them, newest first")
    limit: int
    offset: int


class MentionOut(_Open):
    event_id: str | None = None
    status: str | None = None
    trigger: Span | None = None
    evidence: list[Span] = Field(default_factory=list)
    claims: list[ClaimOut] = Field(default_factory=list)
    why: dict[str, Any] | None = None


class ArticleText(_Open):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    text: str | None = None
    mentions: list[MentionOut] = Field(default_factory=list)


class EventDetail(EventOut):
    articles: list[ArticleText] = Field(default_factory=list)


class Points(BaseModel):
    columns: list[str]
    total: int
    rows: list[list[Any]] = Field(description="one row per event, values in the order of `columns`")


class ControlPeriod(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from", serialization_alias="from")
    until: str | None = None
    controller: str | None = None
    status: str | None = None
    contested: bool = False
    events: int = 0


class ProvinceControl(BaseModel):
    admin1: str
    name: str
    lat: float | None = None
    lon: float | None = None
    periods: list[ControlPeriod]


class ControlMap(BaseModel):
    provinces: list[ProvinceControl]


class Timeline(_Open):
    admin1: str
    periods: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    days: list[dict[str, Any]]
    summary: list[str]


class CodeName(BaseModel):
    code: str
    name: str


class Facets(_Open):
    countries: list[str]
    admin1: list[CodeName]
    types: list[str]
    sub_types: list[str]
    plover: list[str]
    statuses: list[str]
    timeframes: list[str] = Field(default_factory=list)
    date_range: list[str | None]
    articles: int
    events: int


class GeoJSONPoint(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float]


class GeoJSONFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str | None = None
    geometry: GeoJSONPoint
    properties: dict[str, str | int | float | None]


class GeoJSONCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[GeoJSONFeature]
