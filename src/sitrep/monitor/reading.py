"""Turning what the watcher fetched or found on disk into `Document`s (through `sitrep.ingest`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..ingest import SUPPORTED, InputError, parse_date, read_bytes, read_file
from ..ingest.pagemeta import NO_DATE_WARNING
from .fetch import Response
from .state import WatchState


@dataclass
class ReadResult:
    doc: Document | None = None
    error: str | None = None


def read_document(resp: Response, key: str, fallback_published: str | None = None) -> ReadResult:
    """The article of a fetched page. Its date: the page's metadata, else what the feed entry said."""
    for item in read_bytes(resp.body, resp.url, key, None, content_type=resp.content_type, url=resp.url,
                           charset=resp.charset):
        if isinstance(item, InputError):
            return ReadResult(error=item.message)
        if item.published is None and fallback_published:
            item.published = parse_date(fallback_published)
            item.meta["warnings"] = [w for w in item.meta.get("warnings") or [] if w != NO_DATE_WARNING]
        item.meta["where"] = resp.url
        return ReadResult(item)
    return ReadResult(error="nothing to read in the response")


def file_fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_files(
    root: Path, paths: list[Path] | None, state: WatchState
) -> Iterator[tuple[Path, str, str, list[ReadResult]]]:
    """(path, item key, fingerprint, what it holds) for each file of a folder (or the `paths` given)
    that is new or changed since the last pass: files with a suffix sitrep reads, and files without one;
    not hidden files."""
    files = paths if paths is not None else sorted(
        f for f in root.rglob("*")
        if f.is_file() and not f.name.startswith(".") and (f.suffix.lower() in SUPPORTED or not f.suffix)
    )  # a page saved without a suffix is read as what its content is (`sitrep.ingest.sniff`)
    for path in files:
        key = f"file:{path.resolve()}"
        try:
            fp = file_fingerprint(path)
        except OSError as exc:
            yield path, key, "", [ReadResult(error=f"{path}: cannot read: {exc.strerror or exc}")]
            continue
        old = state.item(key)
        if old is not None and old.get("fingerprint") == fp:
            continue
        results = [
            ReadResult(error=str(x)) if isinstance(x, InputError) else ReadResult(x) for x in read_file(path)
        ]
        yield path, key, fp, results
