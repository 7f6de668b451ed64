"""HTTP(S) fetching for `sitrep extract URL`, `ingest URL` and `watch`: conditional requests (ETag /
Last-Modified, so an unchanged feed costs a 304), a size cap, a timeout, and errors that say whether
trying again later makes sense; `backoff()` says how much later.

Standard library only (urllib), so nothing is needed beyond Python itself.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

from .. import __version__

USER_AGENT = f"sitrep/{__version__} (news event monitor; +https://github.com/sitrep)"
MAX_BYTES = 20_000_000  # a response over this is refused (no article or feed is that large)
TIMEOUT = 20.0
RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A fetch that failed. `retryable`: worth trying again later (timeouts, 5xx, 429, network errors);
    `retry_after`: seconds the server asked us to wait (Retry-After), when it did."""

    def __init__(self, url: str, reason: str, status: int | None = None, retryable: bool = True,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200 (body holds the content) or 304 (not modified since the validators given)
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def charset(self) -> str | None:
        ct = self.content_type or ""
        for part in ct.split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip("\"'")
        return None


def is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        import time

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _decompress(body: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Decode a gzip/deflate body, never past max_bytes + 1 bytes (a compression bomb stops there)."""
    enc = (encoding or "").lower()
    if enc not in ("gzip", "x-gzip", "deflate"):
        return body
    wbits = 16 + zlib.MAX_WBITS if enc != "deflate" else zlib.MAX_WBITS
    try:
        return zlib.decompressobj(wbits).decompress(body, max_bytes + 1)
    except zlib.error:
        if enc != "deflate":
            raise
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)  # raw deflate


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    user_agent: str = USER_AGENT,
) -> Response:
    """GET `url`; with `etag` / `last_modified` (from an earlier response) a conditional request, which
    may come back 304. Raises FetchError for anything but 200 and 304."""
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL", retryable=False)
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
               "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                         "application/xml;q=0.9,*/*;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only, checked above
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            length = hdrs.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, f"response is {int(length):,} bytes, over {max_bytes:,}", resp.status, False)
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(url, f"response is over {max_bytes:,} bytes", resp.status, False)
            final = resp.geturl() or url
            status = resp.status
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url, 304, b"", {k.lower(): v for k, v in exc.headers.items()})
        ra = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}", exc.code, exc.code in RETRYABLE_STATUS, ra) from None
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(url, f"timed out after {timeout:g}s") from None
    except urllib.error.URLError as exc:
        reason: Any = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(url, f"timed out after {timeout:g}s") from None
        raise FetchError(url, f"cannot connect: {reason}") from None
    except (OSError, ValueError) as exc:  # connection reset, bad URL, http.client.IncompleteRead, ...
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
    try:
        body = _decompress(body, hdrs.get("content-encoding"), max_bytes)
    except zlib.error as exc:
        raise FetchError(url, f"cannot decompress the response: {exc}") from None
    if len(body) > max_bytes:
        raise FetchError(url, f"response is over {max_bytes:,} bytes once decompressed", status, False)
    return Response(final, status, body, hdrs)


def backoff(failures: int, base: float = 60.0, cap: float = 6 * 3600.0) -> float:
    """Seconds to wait before trying again after `failures` failures in a row: base, 2 base, 4 base, ...
    up to cap."""
    if failures <= 0:
        return 0.0
    return min(cap, base * 2 ** min(failures - 1, 30))


def normalize_link(url: str) -> str:
    """A link as a dedupe key: scheme and host in lower case, no fragment, no utm_* tracking parameters."""
    parts = urllib.parse.urlsplit(url.strip())
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    )
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))
