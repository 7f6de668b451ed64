"""Streaming ingest: `Store.ingest_stream` stores a stream of processed documents in bounded memory.

The stream is what `sitrep.pipeline.iter_results` yields: processed `Document`s (their `meta["error"]` set
when a stage failed), contract dicts, and the items that were never documents (an `ingest.InputError`, an
error record). Each item is read, stored in its own transaction and answered with one `StreamOutcome`
before the next item is read, so memory does not grow with the stream. A bad item, or one whose
transaction fails, becomes an outcome with `error` set and the stream goes on; a failed transaction is
rolled back whole, so the store never holds part of an article. `sitrep ingest`, `sitrep watch` and the
API's POST /api/articles store through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document import Document, error_record
from ..records import ErrorRecord

if TYPE_CHECKING:
    from .core import IngestResult


@dataclass
class StreamOutcome:
    """What became of one item of the stream: `result` when it was stored (or found unchanged), `error`
    (a message that names where the item came from) otherwise. `item` is the item itself."""

    where: str
    item: Any
    result: IngestResult | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def doc_id(self) -> str | None:
        if isinstance(self.item, Document):
            return self.item.id
        if isinstance(self.item, dict):
            return self.item.get("id")
        return getattr(self.item, "id", None)

    def record(self) -> ErrorRecord | dict[str, Any]:
        """A JSON record: the error record (`{"id", "error"}`, as `sitrep extract` writes) or what was
        stored (`{"id", "action", "events", "merged", "event_ids"}`)."""
        if self.result is None:
            return error_record(self.doc_id, self.error or f"{self.where}: not stored")
        r = self.result
        return {"id": r.article_id, "action": r.action, "events": r.events, "merged": r.merged,
                "event_ids": list(r.event_ids)}


def where_of(item: Any) -> str:
    """Where an item of the stream came from: FILE:LINE (`meta["where"]`, an InputError's `where`) or its id."""
    if isinstance(item, Document):
        return str(item.meta.get("where", item.id))
    if isinstance(item, dict):
        return str(item.get("where") or item.get("id") or "?")
    return str(getattr(item, "where", None) or getattr(item, "id", None) or "?")


class StoreStream:
    """`Store.ingest_stream` (a mixin of `Store`, which provides `ingest`)."""

    ingest: Callable[..., IngestResult]

    def ingest_stream(self, items: Iterable[Any]) -> Iterator[StreamOutcome]:
        """Store each item of `items` in its own transaction and yield its outcome, in input order, one
        item at a time (the stream is read lazily, so memory is bounded by one article). Items:

        - a processed `Document` (stored with `doc.meta["content_hash"]` when set); one with
          `meta["error"]` is not stored: its outcome carries the error;
        - a contract dict (`sitrep.document/1`, with its `text`); an error record (`{"id", "error"}`) is
          passed on as an error;
        - anything else with a `where` and a message (an `ingest.InputError`): passed on as an error.

        A failure while storing (a driver error, a constraint, a bug) rolls that article's transaction
        back whole and becomes an error outcome ("could not store: ..."); the next item is stored as if
        nothing happened. KeyboardInterrupt and SystemExit are not caught (the open transaction is
        rolled back; what was committed before stays)."""
        for item in items:
            yield self._ingest_one(item)

    def _ingest_one(self, item: Any) -> StreamOutcome:
        where = where_of(item)
        if isinstance(item, Document):
            if "error" in item.meta:
                return StreamOutcome(where, item, error=f"{where}: {item.meta['error']}")
            args: tuple[Any, ...] = (item,)
            chash = item.meta.get("content_hash")
        elif isinstance(item, dict):
            if "error" in item:
                return StreamOutcome(where, item, error=str(item["error"]))  # its message names its place
            args, chash = (item,), None
        else:
            return StreamOutcome(where, item, error=str(item))
        try:
            res = self.ingest(*args, chash=chash)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the stream
            return StreamOutcome(where, item, error=f"{where}: could not store: {type(exc).__name__}: {exc}")
        return StreamOutcome(where, item, result=res)
