"""What the API reads: the filter that its listings and exports share, and the article a POST carries."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Query
from pydantic import BaseModel, Field, field_validator

from ..ingest import strip_nul, text_problem

MAX_ARTICLE_BYTES = int(os.environ.get("SITREP_MAX_ARTICLE_BYTES", "1000000"))
MAX_BATCH_BYTES = int(os.environ.get("SITREP_MAX_BATCH_BYTES", "20000000"))  # a JSONL body of many articles
Status = Literal["reported", "claimed", "contested", "denied", "hypothetical"]
Timeframe = Literal["current", "recent", "historical", "future", "unknown"]


@dataclass
class EventFilter:
    """The filters that /api/events, its exports, /api/points and the page's URL share."""

    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2, e.g. AF")] = None
    admin1: Annotated[str | None, Query(max_length=10, description="ISO 3166-2, e.g. AF-PAN")] = None
    since: Annotated[date | None, Query(description="events on or after this day")] = None
    until: Annotated[date | None, Query(description="events on or before this day")] = None
    type: Annotated[
        str | None, Query(max_length=100, description="ACLED event type or sub-event type, or PLOVER event")
    ] = None
    status: Status | None = None
    timeframe: Annotated[Timeframe | None, Query(description="current news or background")] = None
    actor: Annotated[
        str | None, Query(max_length=200, description="part of an actor's or recipient's name or id")
    ] = None
    q: Annotated[
        str | None,
        Query(max_length=500, description="words that must all occur (full text: evidence, claims, names, place)"),
    ] = None
    min_fatalities: Annotated[int | None, Query(ge=0, le=10**9, description="at least this many killed")] = None
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="confidence at least this")] = None

    def store_args(self) -> dict[str, Any]:
        for v in (self.country, self.admin1, self.type, self.actor, self.q):
            if v and "\x00" in v:
                raise HTTPException(422, "NUL character in a parameter")
        return {
            "country": self.country,
            "admin1": self.admin1,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "type": self.type,
            "status": self.status,
            "timeframe": self.timeframe,
            "actor": self.actor,
            "q": self.q,
            "min_fatalities": self.min_fatalities,
            "min_confidence": self.min_confidence,
        }


class ArticleIn(BaseModel):
    """One article, as a line of the JSONL input format."""

    id: str | None = Field(None, max_length=300, description="Stable id; default: a hash of the content.")
    text: str = Field(..., min_length=1, max_length=MAX_ARTICLE_BYTES)
    published: date | None = Field(None, description="YYYY-MM-DD; else the dateline anchors relative dates.")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)

    @field_validator("id")
    @classmethod
    def _id_storable(cls, v: str | None) -> str | None:
        if v is not None and (problem := text_problem(v)):
            raise ValueError(f"id {problem}")
        return v

    @field_validator("text", "title", "url", "source")
    @classmethod
    def _text_storable(cls, v: str | None) -> str | None:
        if v is None:
            return v
        problem = text_problem(v)
        if problem and not problem.startswith("holds a NUL"):
            raise ValueError(problem)
        return strip_nul(v)  # NUL -> U+FFFD: same length, so offsets hold; PostgreSQL refuses NUL

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is only whitespace: nothing to extract")
        return v


class ArticleOut(BaseModel):
    id: str
    action: Literal["added", "replaced", "unchanged"]
    events: int
    merged: int
    event_ids: list[str]


class ReclusterOut(BaseModel):
    mentions: int
    events_before: int
    events_after: int
    moved: int
