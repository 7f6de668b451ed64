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

from .errors import InputError
from .feed import _strip_html
from .html import declared_encoding, decode_html, has_prose, read_html
from .jsonl import MAX_ID_CHARS
from .read import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_FILE_BYTES,
    SUPPORTED,
    TEXT_SUFFIXES,
    read_bytes,
    read_file,
    read_inputs,
    read_url,
    warnings_of,
)
from .text import parse_date, printable_id, strip_nul, text_problem

__all__ = [
    "FEED_SUFFIXES", "HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_FILE_BYTES", "MAX_ID_CHARS", "SUPPORTED",
    "TEXT_SUFFIXES", "InputError", "decode_html", "declared_encoding", "has_prose", "parse_date", "printable_id",
    "read_bytes", "read_file", "read_html", "read_inputs", "read_url", "strip_nul", "text_problem", "warnings_of",
    "_strip_html",
]
