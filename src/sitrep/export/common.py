"""What every exporter shares: the (document, event) pairs of contract documents, names and sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from ..records import ActorRef, DocumentRecord, EventRecord, OutputRecord, SourceRecord, StoredEvent


def iter_events(docs: Iterable[OutputRecord]) -> Iterator[tuple[DocumentRecord, EventRecord]]:
    """(document, event) pairs, skipping error records."""
    for d in docs:
        if "error" in d:
            continue
        for e in d.get("events") or []:
            yield d, e


def _names(refs: list[ActorRef] | None) -> list[str]:
    return [r.get("name") or r.get("id") or "" for r in refs or []]


def _sources(d: DocumentRecord, e: EventRecord) -> list[SourceRecord] | list[dict[str, Any]]:
    """The articles an event was read from: the store adds `sources`; a single document is its own."""
    return cast("StoredEvent", e).get("sources") or [{"id": d.get("id"), "url": d.get("url"), "source": d.get("source")}]
