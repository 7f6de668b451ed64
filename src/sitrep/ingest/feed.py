"""RSS/Atom feeds: one `Document` per entry (title and summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..document import Document
from .errors import InputError


def read_feed(raw: bytes, where: str, published: date | None) -> Iterator[Document | InputError]:
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
