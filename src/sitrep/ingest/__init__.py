"""ingest stage: files, folders, JSONL, HTML, RSS/Atom and standard input -> `Document`s.

`read_inputs()` streams `Document`s and `InputError`s in input order. Nothing bad in one item stops the
others: an unreadable file, a line that is not JSON, or an HTML page without an article each become an
`InputError` that names the file, the line (for JSONL) and what to do.
"""

from __future__ import annotations

import json
import re
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
                yield from _read_jsonl_lines(_stream_lines(stream), "<stdin>", default_pub)
            else:
                buf = getattr(stream, "buffer", None)
                text = _decode(buf.read(), "<stdin>", "stdin") if buf is not None else stream.read()
                if isinstance(text, InputError):
                    yield text
                else:
                    yield from _text_item("<stdin>", "stdin", text, default_pub)
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
        if b"\x00" in raw[:8192] and not _is_text_like(raw[:8192]):
            yield InputError(None, where, "looks like a binary file (NUL bytes), not text; give a .txt, .html or .jsonl file")
            return
        # decoded line by line, so one invalid UTF-8 byte costs that line only; split on "\n" only: JSON
        # strings may hold U+2028, U+0085 or form feeds, which splitlines() breaks on
        yield from _read_jsonl_lines(_decode_lines(raw), where, published)
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


def _read_html(raw: bytes, where: str, doc_id: str, published: date | None) -> Iterator[Document | InputError]:
    import trafilatura

    html = decode_html(raw)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        yield InputError(doc_id, where, "no article text found in this HTML page (is it an index or a script-only page?)")
        return
    if not has_prose(text):
        yield InputError(
            doc_id, where,
            "this HTML page holds only navigation, menus or link lists, no article sentences (is it an index page?)",
        )
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


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+")


def has_prose(text: str) -> bool:
    """Whether extracted page text holds at least one sentence (six words or more ending in . ! ? or …)
    on one line: navigation bars, menus and link lists do not. Linear in len(text)."""
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line.strip()):
            if part.rstrip("\"'”’») ").endswith((".", "!", "?", "…")) and len(part.split()) >= 6:
                return True
    return False


_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""")


def declared_encoding(raw: bytes) -> str | None:
    """The encoding an HTML page declares: a byte-order mark, `<meta charset>` or `<meta http-equiv
    content="...; charset=...">` in the first 4 KB, or an XML declaration; None when it declares none
    (or one Python does not know)."""
    import codecs

    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return name
    head = raw[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        name = "cp1252"  # what browsers do (WHATWG encoding standard)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(raw: bytes) -> str:
    """HTML bytes -> text: the declared encoding, else UTF-8, else Windows-1252 (never fails)."""
    enc = declared_encoding(raw)
    if enc is not None:
        if enc == "utf-16":
            return raw.decode("utf-16", errors="replace")
        return raw.decode(enc, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


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

    return html.unescape(re.sub(r"<[^<>]+>", " ", s)).strip()  # [^<>]: linear on "<<<<..."
