"""A web page's publication date, from its metadata only.

Read in this order: JSON-LD (``datePublished`` of the page's article object), ``<meta>`` elements that
name a publication date (Open Graph / article, Dublin Core, common publisher names), microdata
(``itemprop="datePublished"``), and ``<time pubdate>``. Never guessed from the text, links to related
stories, URLs or copyright footers: a page without such metadata has no known date (the caller warns).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

# meta names/properties that state when the page was first published (lower case)
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)")


def _day(value: Any) -> date | None:
    """An ISO 8601 date or timestamp (or YYYYMMDD) -> date; anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.match(value) or _COMPACT_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _jsonld_dates(obj: Any, depth: int = 0) -> list[date]:
    out: list[date] = []
    if depth > 6:
        return out
    if isinstance(obj, list):
        for x in obj:
            out += _jsonld_dates(x, depth + 1)
    elif isinstance(obj, dict):
        d = _day(obj.get("datePublished"))
        if d is not None:
            out.append(d)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in obj:
                out += _jsonld_dates(obj[key], depth + 1)
    return out


def published_from_metadata(html: str) -> date | None:
    """The publication date the page's metadata states, or None."""
    try:
        import lxml.html

        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", html[:200]) + html[200:])
    except Exception:  # noqa: BLE001 - unparsable markup has no metadata to read
        return None
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            found = _jsonld_dates(json.loads(script.text))
        except (ValueError, RecursionError):
            continue
        if found:
            return found[0]
    metas: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in PUBLISHED_META:
        d = _day(metas.get(key))
        if d is not None:
            return d
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        d = _day(el.get("datetime") or el.get("content") or el.text_content())
        if d is not None:
            return d
    for el in tree.xpath("//time[@pubdate]"):
        d = _day(el.get("datetime"))
        if d is not None:
            return d
    return None


NO_DATE_WARNING = (
    "no publication date in the page's metadata (none is guessed from links or footers); "
    "relative dates are anchored on the dateline if there is one (give --published to set a date)"
)
