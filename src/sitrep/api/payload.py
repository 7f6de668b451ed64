"""Large JSON answers the page asks for on every load (the map's points, the first list page): serialised
and gzipped once per store version and filter, then sent as bytes (gzip when the client accepts it)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

GZIP_MIN = 2048  # bytes: smaller bodies are sent as they are
GZIP_LEVEL = 1  # fast: the points of 10,000 events (0.9 MB) in a few ms, about a fifth of the size


@dataclass(frozen=True)
class Payload:
    body: bytes
    gz: bytes | None
    media_type: str = "application/json"


def make_payload(body: bytes | Any, media_type: str = "application/json") -> Payload:
    """`body` (bytes, or an object dumped as compact JSON) with its gzipped form when it is large."""
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    gz = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0) if len(raw) >= GZIP_MIN else None
    return Payload(raw, gz, media_type)


def accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").split(","):
        token, _, q = part.strip().partition(";")
        if token.strip().lower() == "gzip":
            return q.strip().replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def send(request: Request, p: Payload, headers: dict[str, str] | None = None) -> Response:
    h = dict(headers or {})
    h["Vary"] = "Accept-Encoding"
    if p.gz is not None and accepts_gzip(request):
        h["Content-Encoding"] = "gzip"
        return Response(p.gz, media_type=p.media_type, headers=h)
    return Response(p.body, media_type=p.media_type, headers=h)
