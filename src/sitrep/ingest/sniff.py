"""What kind of input a byte string is, from its content (and a hint from a file name or a media type).

A name alone misleads: a page saved without ``.html``, a feed served as ``text/plain``, JSON lines piped
on standard input. `sniff()` looks at the first bytes: JSON objects line by line are JSONL, an RSS/Atom
root element is a feed, HTML markup is HTML; anything else is plain text.
"""

from __future__ import annotations

import json
import re

KINDS = ("text", "html", "feed", "jsonl")

_HEAD = 4096
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_MARK = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]|<div[\s>]|<p>",
    re.IGNORECASE,
)
_MEDIA_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}


def media_kind(content_type: str | None) -> str | None:
    """The kind a Content-Type header names (without its parameters), or None when it names none."""
    if not content_type:
        return None
    return _MEDIA_KINDS.get(content_type.split(";", 1)[0].strip().lower())


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def looks_like_jsonl(first_line: str) -> bool:
    """Whether a first non-blank line is a JSON object (an article of a JSONL stream)."""
    s = first_line.strip()
    if not s.startswith("{"):
        return False
    try:
        return isinstance(json.loads(s), dict)
    except (ValueError, RecursionError):
        return s.endswith("}")  # a broken first line of what is still meant as JSONL


def sniff(raw: bytes, content_type: str | None = None) -> str:
    """One of KINDS for `raw`. Content decides; a media type is trusted only where content says nothing
    (a feed or page is recognised by its markup whatever the server calls it)."""
    head = _strip_bom(raw[:_HEAD])
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:200] and head.count(b"\x00") * 3 > len(head):
        try:  # UTF-16 text (a BOM, or every other byte NUL): sniff its ASCII form
            head = raw[:_HEAD * 2].decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
        except Exception:  # noqa: BLE001 - leave the bytes as they are
            pass
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0].decode("utf-8", errors="replace")
        if looks_like_jsonl(first):
            return "jsonl"
    if stripped.startswith(b"<"):
        if _FEED_ROOT.search(head) and not re.search(rb"<html[\s>]", head, re.IGNORECASE):
            return "feed"
        if _HTML_MARK.search(head):
            return "html"
    by_type = media_kind(content_type)
    if by_type == "html" and b"<" in head:
        return "html"
    return "text"
