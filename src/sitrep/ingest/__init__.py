"""ingest stage: files, folders, URLs, JSONL, HTML, RSS/Atom and standard input -> `Document`s.

The kind of an input is sniffed from its content as well as its name (`sniff`): a page saved without
``.html`` is HTML, JSON lines on standard input are JSONL. An HTML page's publication date comes from its
metadata only (`pagemeta`); when it has none, the document carries a warning in ``meta["warnings"]``.
An article that is confidently not English becomes an `InputError` "not English: fr, skipped".

`read_inputs()` streams `Document`s and `InputError`s in input order. Nothing bad in one item stops the
others: an unreadable file, a line that is not JSON, or an HTML page without an article each become an
`InputError` that names the file, the line (for JSONL) and what to do.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..document import Document
from .errors import InputError
from .html import declared_encoding, decode_html, has_prose, read_html

__all__ = [
    "InputError", "decode_html", "declared_encoding", "has_prose", "parse_date", "read_bytes", "read_file",
    "read_inputs", "read_url", "strip_nul", "text_problem", "warnings_of",
]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_FILE_BYTES = 50_000_000  # a single file over this is refused before reading (split it first)
MAX_ID_CHARS = 1000  # longer article ids are refused (database keys; PostgreSQL btree entries are bounded)


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored as article text, or None: lone surrogates (from JSON escapes such as
    "\\ud800") have no UTF-8 form; NUL characters are refused by PostgreSQL."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"holds a lone surrogate (U+{ord(value[exc.start]):04X} at character {exc.start}), which is not valid Unicode text"
    if "\x00" in value:
        return f"holds a NUL character (at character {value.index(chr(0))})"
    return None


def printable_id(value: str | None) -> str | None:
    """An id that can be written as UTF-8 (lone surrogates escaped), for error records."""
    if value is None:
        return None
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


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

    lines = _stream_lines(stream)
    head: list[str | UnicodeDecodeError] = []
    for line in lines:
        head.append(line)
        if isinstance(line, UnicodeDecodeError) or line.strip():
            break
    first = head[-1] if head else ""
    if isinstance(first, str) and (looks_like_jsonl(first) or jsonl and first.lstrip().startswith("{")):
        yield from _read_jsonl_lines(chain(head, lines), "<stdin>", published)
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
        if b"\x00" in raw[:8192] and not _is_text_like(raw[:8192]):
            yield InputError(None, where, "looks like a binary file (NUL bytes), not text; give a .txt, .html or .jsonl file")
            return
        # decoded line by line, so one invalid UTF-8 byte costs that line only; split on "\n" only: JSON
        # strings may hold U+2028, U+0085 or form feeds, which splitlines() breaks on
        yield from _read_jsonl_lines(_decode_lines(raw), where, published)
    elif kind == "feed":
        yield from _read_feed(raw, where, published)
    elif kind == "html":
        yield from read_html(raw, where, doc_id, published, url=url, charset=charset)
    else:
        text = _decode(raw, where, doc_id)
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


def _is_text_like(head: bytes) -> bool:
    """A few stray NUL bytes in mostly printable text (one bad JSONL line) rather than a binary file."""
    return head.count(b"\x00") * 100 < len(head) and not head.startswith((b"PK\x03\x04", b"\x1f\x8b", b"%PDF"))


def _decode_lines(raw: bytes) -> Iterator[str | UnicodeDecodeError]:
    """The lines of `raw` (split on b"\\n"), each decoded as UTF-8 on its own; a line that is not valid
    UTF-8 comes out as its UnicodeDecodeError."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for line in raw.split(b"\n"):
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def _stream_lines(stream: IO[str]) -> Iterator[str | UnicodeDecodeError]:
    """Lines of a text stream; from its byte buffer when it has one, each line decoded on its own."""
    buf = getattr(stream, "buffer", None)
    if buf is None:
        yield from (line.rstrip("\n") for line in stream)
        return
    for raw in buf:
        try:
            yield raw.rstrip(b"\n").decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def _text_item(where: str, doc_id: str, text: str, published: date | None) -> Iterator[Document | InputError]:
    if not text.strip():
        yield InputError(doc_id, where, "empty text: nothing to extract")
        return
    yield Document(text=text, id=doc_id, published=published, meta={"where": where})


def _read_jsonl_lines(
    lines: Iterable[str | UnicodeDecodeError], where: str, published: date | None
) -> Iterator[Document | InputError]:
    for n, line in enumerate(lines, 1):
        loc = f"{where}:{n}"
        if isinstance(line, UnicodeDecodeError):
            bad = line.object[line.start:line.start + 1]
            yield InputError(None, loc, f"line is not valid UTF-8 (byte {line.start} of the line: {bad!r}); re-encode it as UTF-8")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(None, loc, f"line is not JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(None, loc, "line is JSON nested too deeply to read; an article is one flat object")
            continue
        if not isinstance(obj, dict):
            yield InputError(None, loc, f"line is a JSON {type(obj).__name__}, expected an object with \"text\"")
            continue
        doc_id = obj.get("id")
        doc_id = str(doc_id) if doc_id is not None else f"{Path(where).stem}-{n}"
        problem = text_problem(doc_id)
        if problem is None and len(doc_id) > MAX_ID_CHARS:
            problem = f"is {len(doc_id):,} characters, over {MAX_ID_CHARS:,}"
        if problem:
            yield InputError(printable_id(doc_id[:200]), loc, f"\"id\" {problem}")
            continue
        bad_field = next(
            (
                (k, p)
                for k in ("text", "title", "url", "source")
                if isinstance(obj.get(k), str) and (p := text_problem(obj[k])) and not p.startswith("holds a NUL")
            ),
            None,
        )
        if bad_field:
            yield InputError(doc_id, loc, f"\"{bad_field[0]}\" {bad_field[1]}")
            continue
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
            text=strip_nul(text),
            id=doc_id,
            title=_clean(obj.get("title")),
            url=_clean(obj.get("url")),
            source=_clean(obj.get("source")),
            published=pub,
            meta={"where": loc},
        )


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def _clean(v: Any) -> str | None:
    s = _str_or_none(v)
    return None if s is None else strip_nul(s)


def strip_nul(s: str) -> str:
    """NUL characters (which PostgreSQL cannot store) replaced by U+FFFD: same length, so offsets hold."""
    return s.replace("\x00", "\ufffd") if "\x00" in s else s


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

    return html.unescape(re.sub(r"<[^<>]+>", " ", s)).strip()  # [^<>]: linear on "<<<<..."
