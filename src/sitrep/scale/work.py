"""The work of one batch task: JSONL article lines -> contract JSON lines (or error records)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..document import error_record


def _article(obj: Any) -> dict[str, Any]:
    """The JSON object of one line as an article, or ValueError: a non-empty "text", every text field
    storable (no lone surrogate; a NUL, which PostgreSQL refuses, becomes U+FFFD except in the id)."""
    from ..ingest import strip_nul, text_problem

    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise ValueError('expected a JSON object with a non-empty "text"')
    for key in ("id", "text", "title", "url", "source"):
        v = obj.get(key)
        if isinstance(v, str) and (problem := text_problem(v)):
            if key == "id" or not problem.startswith("holds a NUL"):
                raise ValueError(f'"{key}" {problem}')
            obj[key] = strip_nul(v)
    return obj


def process_numbered(items: Iterable[tuple[int, str]], source: str = "<input>",
                     published: str | None = None) -> list[str]:
    """Process (line number, JSONL line) pairs in one worker; returns one output line per input line, in
    order. A line that is not an article becomes an error record naming `source:line`."""
    from .. import make_document
    from ..document import Document
    from ..ingest import parse_date
    from ..pipeline import default_pipeline, iter_results
    from ..records import ErrorRecord

    work: list[Document | ErrorRecord] = []  # documents, and error records at their lines' places
    for n, line in items:
        line = line.strip()
        if not line:
            continue
        obj: Any = None
        try:
            if line.startswith("\x00BAD-UTF8\x00"):
                raise ValueError("not UTF-8: " + line[len("\x00BAD-UTF8\x00"):])
            obj = json.loads(line)
            _article(obj)
            pub = parse_date(obj.get("published"), '"published"') or parse_date(published)
            work.append(make_document(obj["text"], pub, id=obj.get("id", f"line-{n}"), title=obj.get("title"),
                                      url=obj.get("url"), source=obj.get("source")))
        except (ValueError, TypeError, RecursionError) as exc:
            from ..ingest import printable_id

            rid = obj.get("id") if isinstance(obj, dict) and obj.get("id") is not None else None
            msg = "JSON nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            work.append(error_record(printable_id(str(rid)) if rid is not None else None,
                                     f"{source}:{n}: bad input line: {msg}"))
    out = []
    for r in iter_results(work, default_pipeline()):
        if isinstance(r, Document):
            r = error_record(r.id, r.meta["error"]) if "error" in r.meta else r.to_contract()
        out.append(json.dumps(r, ensure_ascii=False))
    return out


def process_lines(lines: Iterable[str], published: str | None = None) -> list[str]:
    """As `process_numbered`, numbering the lines from 1."""
    return process_numbered(enumerate(lines, 1), published=published)
