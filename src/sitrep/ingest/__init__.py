"""ingest stage: files, folders, JSONL, HTML, RSS/Atom and standard input -> `Document`s.

`read_inputs()` streams `Document`s and `InputError`s in input order. Nothing bad in one item stops the
others: an unreadable file, a line that is not JSON, or an HTML page without an article each become an
`InputError` that names the file, the line (for JSONL) and what to do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..document import Document, error_record

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_FILE_BYTES = 50_000_000  # a single file over this is refused before reading (split it first)


@dataclass
class InputError:
    """An input item that could not be read. `where` is "path" or "path:line"."""

    id: str | None
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def record(self) -> dict[str, Any]:
        return error_record(self.id, str(self))


def parse_date(value: Any, where: str = "published") -> date | None:
    """`YYYY-MM-DD` (or a longer ISO timestamp) -> date; None/"" -> None; anything else -> ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date in YYYY-MM-DD form") from None


def read_inputs(
    paths: Iterable[str],
    published: date | str | None = None,
    stdin_jsonl: bool = False,
    stdin: IO[str] | None = None,
) -> Iterator[Document | InputError]:
    """Stream documents from every path (files, folders, or "-" for standard input)."""
    default_pub = parse_date(published)
    for p in paths:
        if p == "-":
            stream = stdin or sys.stdin
            if stdin_jsonl:
                yield from _read_jsonl_lines(stream, "<stdin>", default_pub)
            else:
                yield from _text_item("<stdin>", "stdin", stream.read(), default_pub)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            if not files:
                yield InputError(None, str(path), f"folder holds no {', '.join(sorted(SUPPORTED))} files")
            for f in files:
                yield from read_file(f, default_pub)
        else:
            yield from read_file(path, default_pub)


def read_file(path: Path, published: date | None = None) -> Iterator[Document | InputError]:
    """Documents from one file; any failure to read it becomes an `InputError` naming the file."""
    try:
        yield from _read_file(path, published)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the batch
        yield InputError(path.stem, str(path), f"could not read: {type(exc).__name__}: {exc}")


def _read_file(path: Path, published: date | None = None) -> Iterator[Document | InputError]:
    where = str(path)
    doc_id = path.stem
    if not path.exists():
        yield InputError(doc_id, where, "no such file")
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(doc_id, where, f"file is {size:,} bytes, over {MAX_FILE_BYTES:,}; split it into smaller files or a .jsonl of articles")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(doc_id, where, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        text = _decode(raw, where)
        if isinstance(text, InputError):
            yield text
            return
        # split on "\n" only: JSON strings may hold U+2028, U+0085 or form feeds, which splitlines() breaks on
        yield from _read_jsonl_lines(text.split("\n"), where, published)
    elif suffix in FEED_SUFFIXES:
        yield from _read_feed(raw, where, published)
    elif suffix in HTML_SUFFIXES:
        yield from _read_html(raw, where, doc_id, published)
    else:
        text = _decode(raw, where, doc_id)
        if isinstance(text, InputError):
            yield text
            return
        yield from _text_item(where, doc_id, text, published)


def _decode(raw: bytes, where: str, doc_id: str | None = None) -> str | InputError:
    if b"\x00" in raw[:8192]:
        return InputError(doc_id, where, "looks like a binary file (NUL bytes), not text; give a .txt, .html or .jsonl file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            doc_id, where, f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); re-encode the file as UTF-8"
        )
    return text


def _text_item(where: str, doc_id: str, text: str, published: date | None) -> Iterator[Document | InputError]:
    if not text.strip():
        yield InputError(doc_id, where, "empty text: nothing to extract")
        return
    yield Document(text=text, id=doc_id, published=published, meta={"where": where})


def _read_jsonl_lines(lines: Iterable[str], where: str, published: date | None) -> Iterator[Document | InputError]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        loc = f"{where}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(None, loc, f"line is not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(None, loc, f"line is a JSON {type(obj).__name__}, expected an object with \"text\"")
            continue
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id is not None else f"{Path(where).stem}-{n}"
        text = obj.get("text")
        if not isinstance(text, str):
            what = "has no \"text\" field" if text is None else f"\"text\" is a {type(text).__name__}, not a string"
            yield InputError(doc_id, loc, f"article {what}")
            continue
        if not text.strip():
            yield InputError(doc_id, loc, "empty \"text\": nothing to extract")
            continue
        try:
            pub = parse_date(obj.get("published"), "\"published\"") or published
        except ValueError as exc:
            yield InputError(doc_id, loc, str(exc))
            continue
        yield Document(
            text=text,
            id=doc_id,
            title=_str_or_none(obj.get("title")),
            url=_str_or_none(obj.get("url")),
            source=_str_or_none(obj.get("source")),
            published=pub,
            meta={"where": loc},
        )


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def _read_html(raw: bytes, where: str, doc_id: str, published: date | None) -> Iterator[Document | InputError]:
    import trafilatura

    html = raw.decode("utf-8", errors="replace")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        yield InputError(doc_id, where, "no article text found in this HTML page (is it an index or a script-only page?)")
        return
    title = None
    pub = published
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional
        meta = None
    if meta is not None:
        title = meta.title
        if pub is None and meta.date:
            try:
                pub = parse_date(meta.date)
            except ValueError:
                pub = None
    yield Document(
        text=text, id=doc_id, title=title, url=getattr(meta, "url", None), source=getattr(meta, "sitename", None),
        published=pub, meta={"where": where},
    )


def _read_feed(raw: bytes, where: str, published: date | None) -> Iterator[Document | InputError]:
    import feedparser

    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        yield InputError(None, where, f"not an RSS/Atom feed ({feed.get('bozo_exception')})")
        return
    source = feed.feed.get("title") if hasattr(feed, "feed") else None
    for n, entry in enumerate(feed.entries, 1):
        title = (entry.get("title") or "").strip()
        summary = _strip_html(entry.get("summary") or entry.get("description") or "")
        text = ". ".join(x for x in (title.rstrip("."), summary) if x)
        doc_id = str(entry.get("id") or entry.get("link") or f"{Path(where).stem}-{n}")
        if not text.strip():
            yield InputError(doc_id, f"{where}: entry {n}", "feed entry has no title or summary")
            continue
        pub = published
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            pub = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
        yield Document(text=text, id=doc_id, title=title or None, url=entry.get("link"), source=source,
                       published=pub, meta={"where": f"{where}: entry {n}"})


def _strip_html(s: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", s)).strip()
