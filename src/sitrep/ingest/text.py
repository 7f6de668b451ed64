"""Checks and clean-ups of input strings: text that cannot be stored (lone surrogates, NUL), ids for error
records, publication dates, and decoding bytes as UTF-8 (whole, or line by line)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from .errors import InputError


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


def strip_nul(s: str) -> str:
    """NUL characters (which PostgreSQL cannot store) replaced by U+FFFD: same length, so offsets hold."""
    return s.replace("\x00", "\ufffd") if "\x00" in s else s


def decode_text(raw: bytes, where: str, doc_id: str | None = None) -> str | InputError:
    if b"\x00" in raw[:8192]:
        return InputError(doc_id, where, "looks like a binary file (NUL bytes), not text; give a .txt, .html or .jsonl file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            doc_id, where, f"not valid UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r}); re-encode the file as UTF-8"
        )
    return text


def is_text_like(head: bytes) -> bool:
    """A few stray NUL bytes in mostly printable text (one bad JSONL line) rather than a binary file."""
    return head.count(b"\x00") * 100 < len(head) and not head.startswith((b"PK\x03\x04", b"\x1f\x8b", b"%PDF"))


def decode_lines(raw: bytes) -> Iterator[str | UnicodeDecodeError]:
    """The lines of `raw` (split on b"\\n"), each decoded as UTF-8 on its own; a line that is not valid
    UTF-8 comes out as its UnicodeDecodeError."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for line in raw.split(b"\n"):
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def stream_lines(stream: IO[str]) -> Iterator[str | UnicodeDecodeError]:
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
