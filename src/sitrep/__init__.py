"""sitrep: sourced, structured conflict event records from news text.

    >>> import sitrep
    >>> doc = sitrep.extract("The Taliban said on Monday (6) they had taken Panjshir.", published="2021-09-06")
    >>> doc.to_contract()["events"][0]["acled"]

`extract()` runs the default pipeline on one text; `extract_batch()` streams many.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from .document import Actor, Claim, Document, Event, EventDate, Place, PlaceMention, Span, TimeMention

__version__ = "0.1.0"


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def make_document(text: str, published: str | date | None = None, **meta: Any) -> Document:
    """A `Document` ready for the pipeline (no stage run yet)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return Document(
        text=text,
        id=str(meta.pop("id", "doc")),
        title=meta.pop("title", None),
        url=meta.pop("url", None),
        source=meta.pop("source", None),
        published=_as_date(published),
        meta=meta,
    )


def extract(text: str, published: str | date | None = None, **meta: Any) -> Document:
    """Run the whole pipeline on one article and return the filled `Document`.

    Raises `sitrep.ExtractionError` if a stage fails on this text.
    """
    from .pipeline import default_pipeline

    doc = default_pipeline()(make_document(text, published, **meta))
    if "error" in doc.meta:
        raise ExtractionError(doc.meta["error"])
    return doc


def extract_batch(docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
    """Stream many documents through the pipeline; failures come out with `doc.meta["error"]` set."""
    from .pipeline import default_pipeline

    pipe = default_pipeline()
    pipe.batch_size = batch_size
    yield from pipe.pipe(docs)


class ExtractionError(RuntimeError):
    """A document could not be processed."""


__all__ = [
    "Actor",
    "Claim",
    "Document",
    "Event",
    "EventDate",
    "ExtractionError",
    "Place",
    "PlaceMention",
    "Span",
    "TimeMention",
    "extract",
    "extract_batch",
    "make_document",
]
