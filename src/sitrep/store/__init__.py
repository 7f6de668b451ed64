"""Event store: articles, cross-article merged events, claims, actors, places and control timelines
on SQLite (default ``./sitrep.db``) or PostgreSQL (``postgresql://...``)."""

from .core import DEFAULT_DB, IngestResult, Store, content_hash, make_engine, normalize_url
from .schema import LATEST as SCHEMA_VERSION
from .schema import MIGRATIONS
from .stream import StreamOutcome

__all__ = [
    "DEFAULT_DB",
    "IngestResult",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Store",
    "StreamOutcome",
    "content_hash",
    "make_engine",
    "normalize_url",
]
