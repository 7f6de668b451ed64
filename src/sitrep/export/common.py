"""What every exporter shares: the (document, event) pairs of contract documents, names and sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def iter_events(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, event) pairs, skipping error records."""
    for d in docs:
        if "error" in d:
            continue
        for e in d.get("events") or []:
            yield d, e


def _names(refs: list[dict[str, Any]] | None) -> list[str]:
    return [r.get("name") or r.get("id") or "" for r in refs or []]


def _sources(d: dict[str, Any], e: dict[str, Any]) -> list[dict[str, Any]]:
    """The articles an event was read from: the store adds `sources`; a single document is its own."""
    return e.get("sources") or [{"id": d.get("id"), "url": d.get("url"), "source": d.get("source")}]
