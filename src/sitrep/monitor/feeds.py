"""Feed entries (RSS/Atom, through feedparser) as the watcher needs them: the link to fetch, what the feed
says about the entry, and a fingerprint that changes when the entry does (an updated article)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..document import Document


@dataclass
class Entry:
    id: str
    link: str | None
    title: str
    summary: str
    published: date | None
    fingerprint: str
    source: str | None = None

    def meta(self) -> dict[str, Any]:
        return {"link": self.link, "title": self.title or None, "source": self.source,
                "published": self.published.isoformat() if self.published else None}

    def document(self, doc_id: str) -> Document:
        """The entry's own text (title and summary), for an entry without a link."""
        text = ". ".join(x for x in (self.title.rstrip("."), self.summary) if x)
        return Document(text=text, id=doc_id, title=self.title or None, url=None, source=self.source,
                        published=self.published, meta={"where": doc_id})


def _day(parsed: Any) -> date | None:
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except (AttributeError, ValueError):
        return None


def parse_entries(raw: bytes, where: str) -> list[Entry]:
    """The entries of a feed, in feed order (an unparsable feed: none)."""
    import feedparser

    from ..ingest import _strip_html

    feed = feedparser.parse(raw)
    source = feed.feed.get("title") if hasattr(feed, "feed") else None
    out: list[Entry] = []
    for n, e in enumerate(feed.entries, 1):
        title = str(e.get("title") or "").strip()
        summary = _strip_html(str(e.get("summary") or e.get("description") or ""))
        link = str(e.get("link") or "").strip() or None
        if link and not link.lower().startswith(("http://", "https://")):
            link = None
        eid = str(e.get("id") or link or f"{where}-{n}")
        have = set(e.keys())  # (e.get("updated") on an entry without one warns: feedparser maps it)
        published = _day(e.get("published_parsed") or (e["updated_parsed"] if "updated_parsed" in have else None))
        stamps = [str(e[k]) for k in ("updated", "published") if k in have]
        h = hashlib.sha256()
        for part in (eid, link or "", title, summary, *stamps):
            h.update(part.encode("utf-8", "replace") + b"\x00")
        if title or summary or link:
            out.append(Entry(eid, link, title, summary, published, h.hexdigest(), source))
    return out
