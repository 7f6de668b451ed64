"""JSONL input: one article a line (`{"id", "text", "published"?, "title"?, "url"?, "source"?}`); every bad
line becomes an `InputError` naming the line, and the others are read."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..document import Document
from .errors import InputError
from .text import parse_date, printable_id, strip_nul, text_problem

MAX_ID_CHARS = 1000  # longer article ids are refused (database keys; PostgreSQL btree entries are bounded)


def read_jsonl_lines(
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
