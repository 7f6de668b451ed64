"""An ASGI guard in front of the app: NUL in path or query, the bearer token of writing paths and a
limit on every request body are checked before any body byte is read (issue 20)."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi.responses import JSONResponse, Response


def _send_json(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class RequestGuard:
    """ASGI guard in front of the app, run before any body byte is read:

    - a NUL character in the path or query string -> 400 (PostgreSQL cannot compare it);
    - on the protected (writing) paths the bearer token is checked first (constant-time), so a request
      without the right token is refused (401/503) without its body being read;
    - every request body, whatever its transfer encoding (Content-Length or chunked), is limited to
      `max_body` bytes (or the path's own entry in `limits`): a declared length over it -> 413 at once; otherwise the body is read in chunks
      up to the limit only, and one byte more -> 413 (the rest is never read).
    """

    def __init__(
        self, app: Any, max_body: int, token: Any, protected: tuple[str, ...], limits: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token
        self.protected = protected
        self.limits = limits or {}  # path -> its own body limit (the JSONL batch path takes more)

    def _limit(self, scope: Any) -> int:
        return self.limits.get(scope.get("path", ""), self.max_body)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refuse(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        limit = self._limit(scope)
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                resp = _send_json(413, f"request body larger than {limit} bytes")
                resp.headers["Connection"] = "close"
                await resp(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        data = b"".join(chunks)
        done = False

        async def replay() -> Any:
            nonlocal done
            if not done:
                done = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _refuse(self, scope: Any) -> Response | None:
        path: str = scope.get("path", "")
        query: bytes = scope.get("query_string", b"")
        if "\x00" in path or b"\x00" in query or b"%00" in query.lower():
            return _send_json(400, "NUL character in the request path or query")
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if scope["method"] == "POST" and path in self.protected:
            expected = self.token()
            if not expected:
                return _send_json(503, "posting articles is disabled: set SITREP_API_TOKEN on the server")
            auth = headers.get(b"authorization", b"")
            scheme, _, cred = auth.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(cred.strip(), expected.encode()):
                return _send_json(401, "missing or wrong bearer token", {"WWW-Authenticate": "Bearer"})
        length = headers.get(b"content-length")
        limit = self._limit(scope)
        if length is not None and (not length.isdigit() or int(length) > limit):
            return _send_json(413, f"request body larger than {limit} bytes")
        return None
