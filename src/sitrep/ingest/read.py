"""Reading inputs: files, folders, http(s) URLs and standard input, each read as what its content is
(`sniff`), streamed as `Document`s and `InputError`s in input order."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from ..document import Document
from .errors import InputError
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl_lines
from .text import decode_lines, decode_text, is_text_like, parse_date, stream_lines

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_FILE_BYTES = 50_000_000  # a single file over this is refused before reading (split it first)


def read_inputs(
    paths: Iterable[str],
    published: date | str | None = None,
    stdin_jsonl: bool = False,
    stdin: IO[str] | None = None,
    check_language: bool = True,
) -> Iterator[Document | InputError]:
    """Stream documents from every path (files, folders, http(s) URLs, or "-" for standard input).
    `stdin_jsonl`: JSONL is expected on standard input (a broken first line starting with "{" is then
    reported as a bad line rather than read as text); prose or HTML is still recognised as such.
    `check_language`: an article that is confidently not English becomes an InputError."""
    default_pub = parse_date(published)
    for item in _read_all(paths, default_pub, stdin_jsonl, stdin):
        if check_language and isinstance(item, Document):
            from .language import language_message, non_english

            lang = non_english(item.text)
            if lang is not None:
                yield InputError(item.id, str(item.meta.get("where", item.id)), language_message(lang))
                continue
        yield item


def warnings_of(doc: Document) -> list[str]:
    """The warnings reading gave for a document (e.g. an HTML page without a publication date)."""
    return [str(w) for w in doc.meta.get("warnings") or []]


def _read_all(
    paths: Iterable[str], default_pub: date | None, stdin_jsonl: bool, stdin: IO[str] | None
) -> Iterator[Document | InputError]:
    for p in paths:
        if p == "-":
            yield from _read_stdin(stdin or sys.stdin, default_pub, stdin_jsonl)
            continue
        if p.lower().startswith(("http://", "https://")):
            yield from read_url(p, default_pub)
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


def _read_stdin(stream: IO[str], published: date | None, jsonl: bool) -> Iterator[Document | InputError]:
    """Standard input: JSONL when its first non-blank line is a JSON object (or, when `jsonl` is asked
    for, starts like one), else HTML, a feed or text, sniffed from the content. JSONL is streamed line by
    line."""
    from itertools import chain

    from .sniff import looks_like_jsonl

    lines = stream_lines(stream)
    head: list[str | UnicodeDecodeError] = []
    for line in lines:
        head.append(line)
        if isinstance(line, UnicodeDecodeError) or line.strip():
            break
    first = head[-1] if head else ""
    if isinstance(first, str) and (looks_like_jsonl(first) or jsonl and first.lstrip().startswith("{")):
        yield from read_jsonl_lines(chain(head, lines), "<stdin>", published)
        return
    buf = getattr(stream, "buffer", None)
    if buf is not None:
        raw = b"\n".join(x.object if isinstance(x, UnicodeDecodeError) else x.encode("utf-8") for x in head)
        rest = buf.read()
        raw = raw + (b"\n" + rest if rest else b"")
    else:
        rest_text = stream.read()
        raw = "\n".join(x for x in head if isinstance(x, str)).encode("utf-8")
        raw = raw + (("\n" + rest_text).encode("utf-8") if rest_text else b"")
    yield from read_bytes(raw, "<stdin>", "stdin", published)


def read_url(url: str, published: date | None = None, timeout: float = 30.0) -> Iterator[Document | InputError]:
    """Fetch an http(s) URL and read it as what its content is (HTML page, feed, JSONL or text)."""
    from ..monitor.fetch import FetchError, fetch

    try:
        resp = fetch(url, timeout=timeout)
    except FetchError as exc:
        yield InputError(url, url, f"could not fetch: {exc.reason}")
        return
    yield from read_bytes(resp.body, url, url, published, content_type=resp.content_type, url=resp.url,
                          charset=resp.charset)


def read_bytes(
    raw: bytes,
    where: str,
    doc_id: str,
    published: date | None = None,
    *,
    content_type: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    kind: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents from the bytes of one input whose kind (`sniff.KINDS`) is sniffed unless given."""
    from .sniff import sniff

    kind = kind or sniff(raw, content_type)
    if kind == "jsonl":
        if b"\x00" in raw[:8192] and not is_text_like(raw[:8192]):
            yield InputError(None, where, "looks like a binary file (NUL bytes), not text; give a .txt, .html or .jsonl file")
            return
        # decoded line by line, so one invalid UTF-8 byte costs that line only; split on "\n" only: JSON
        # strings may hold U+2028, U+0085 or form feeds, which splitlines() breaks on
        yield from read_jsonl_lines(decode_lines(raw), where, published)
    elif kind == "feed":
        yield from read_feed(raw, where, published)
    elif kind == "html":
        yield from read_html(raw, where, doc_id, published, url=url, charset=charset)
    else:
        text = decode_text(raw, where, doc_id)
        if isinstance(text, InputError):
            yield text
            return
        for item in _text_item(where, doc_id, text, published):
            if url and isinstance(item, Document):
                item.url = url
            yield item


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
    kind = {**dict.fromkeys(JSONL_SUFFIXES, "jsonl"), **dict.fromkeys(FEED_SUFFIXES, "feed"),
            **dict.fromkeys(HTML_SUFFIXES, "html")}.get(suffix)
    # a known suffix is trusted; .txt and other names are read as what their content is
    yield from read_bytes(raw, where, doc_id, published, kind=kind)


def _text_item(where: str, doc_id: str, text: str, published: date | None) -> Iterator[Document | InputError]:
    if not text.strip():
        yield InputError(doc_id, where, "empty text: nothing to extract")
        return
    yield Document(text=text, id=doc_id, published=published, meta={"where": where})
