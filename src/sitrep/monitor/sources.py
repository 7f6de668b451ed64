"""The SOURCE arguments of `sitrep watch`: feed or page URLs, folders, article files, and files that list
sources (one a line; blank lines and lines starting with # ignored). A listing is read again on every
pass, so sources can be added or removed without restarting the watcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fetch import is_url

MAX_LISTING_BYTES = 1_000_000


@dataclass(frozen=True)
class Source:
    spec: str  # the URL or path as given: the key of its state in the store
    kind: str  # "url", "folder", "file"


def _listing(path: Path) -> list[str] | None:
    """The entries of a listing file, or None when the file is not one (an article, a feed, JSONL)."""
    try:
        if path.stat().st_size > MAX_LISTING_BYTES:
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [ln.strip() for ln in text.splitlines()]
    entries = [ln for ln in lines if ln and not ln.startswith("#")]
    if not entries:
        return [] if any(ln.startswith("#") for ln in lines) else None
    if any(len(e.split()) != 1 or e.startswith(("<", "{")) for e in entries):
        return None  # sentences, markup or JSON: an article file, not a listing
    resolved: list[str] = []
    for e in entries:
        if is_url(e):
            resolved.append(e)
            continue
        p = Path(e).expanduser()
        resolved.append(str(p if p.is_absolute() else path.parent / p))
    return resolved


def expand(specs: list[str] | tuple[str, ...]) -> tuple[list[Source], list[str]]:
    """(the sources, problems such as a path that does not exist). Listings are expanded one level."""
    out: list[Source] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(src: Source) -> None:
        if src.spec not in seen:
            seen.add(src.spec)
            out.append(src)

    for spec in specs:
        if is_url(spec):
            add(Source(spec, "url"))
            continue
        path = Path(spec).expanduser()
        if path.is_dir():
            add(Source(str(path), "folder"))
        elif path.is_file():
            entries = _listing(path)
            if entries is None:
                add(Source(str(path), "file"))
                continue
            for e in entries:
                if is_url(e):
                    add(Source(e, "url"))
                elif Path(e).is_dir():
                    add(Source(e, "folder"))
                elif Path(e).is_file():
                    add(Source(e, "file"))
                else:
                    problems.append(f"{path}: {e}: no such file, folder or URL")
        else:
            problems.append(f"{spec}: no such file, folder or URL")
    return out, problems
