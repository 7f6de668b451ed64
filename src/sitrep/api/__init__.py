"""HTTP API over the event store, and the map page.

GET  /api/events                   merged events (filters: admin1, country, since, until, type, status, limit, offset)
GET  /api/events/{id}              one event with its evidence, claims and the article texts to highlight them in
GET  /api/regions/{admin1}/timeline  control timeline of a province
GET  /api/facets                   values the page's filters can take
POST /api/articles                 extract and store one article (bearer token from env SITREP_API_TOKEN)
POST /api/recluster                re-merge all stored article events in a content-fixed order (same token)
GET  /docs                         OpenAPI docs;  GET /  the map page
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from ..ingest import strip_nul, text_problem
from ..store import Store

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_ARTICLE_BYTES = int(os.environ.get("SITREP_MAX_ARTICLE_BYTES", "1000000"))
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
Status = Literal["reported", "claimed", "contested", "denied", "hypothetical"]


class ArticleIn(BaseModel):
    """One article, as a line of the JSONL input format."""

    id: str | None = Field(None, max_length=300, description="Stable id; default: a hash of the content.")
    text: str = Field(..., min_length=1, max_length=MAX_ARTICLE_BYTES)
    published: date | None = Field(None, description="YYYY-MM-DD; else the dateline anchors relative dates.")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)

    @field_validator("id")
    @classmethod
    def _id_storable(cls, v: str | None) -> str | None:
        if v is not None and (problem := text_problem(v)):
            raise ValueError(f"id {problem}")
        return v

    @field_validator("text", "title", "url", "source")
    @classmethod
    def _text_storable(cls, v: str | None) -> str | None:
        if v is None:
            return v
        problem = text_problem(v)
        if problem and not problem.startswith("holds a NUL"):
            raise ValueError(problem)
        return strip_nul(v)  # NUL -> U+FFFD: same length, so offsets hold; PostgreSQL refuses NUL

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is only whitespace: nothing to extract")
        return v


class ArticleOut(BaseModel):
    id: str
    action: Literal["added", "replaced", "unchanged"]
    events: int
    merged: int
    event_ids: list[str]


def create_app(db_url: str | None = None, pipeline: Any = None, token: str | None = None) -> FastAPI:
    """The API app over the store at `db_url`. `pipeline` (default: `sitrep.pipeline.default_pipeline()`,
    loaded on first POST) and `token` (default: env SITREP_API_TOKEN) can be given for tests."""
    store = Store(db_url)
    app = FastAPI(
        title="sitrep",
        description="Sourced, structured conflict events merged across articles.",
        version="1",
        docs_url=None,  # served below from the package's own copy of Swagger UI (no CDN)
        redoc_url=None,
    )
    app.state.store = store

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Any, exc: RequestValidationError) -> Response:
        # ASCII JSON: an input holding a lone surrogate is echoed as its escape instead of failing to encode
        errors = [{k: v for k, v in e.items() if k != "input"} for e in exc.errors()]
        body = json.dumps({"detail": errors}, ensure_ascii=True, default=str)
        return Response(body, status_code=422, media_type="application/json")
    lock = threading.Lock()  # the pipeline's models are not shared across threads
    bearer = HTTPBearer(auto_error=False)

    def require_token(cred: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        expected = token if token is not None else os.environ.get("SITREP_API_TOKEN")
        if not expected:
            raise HTTPException(503, "posting articles is disabled: set SITREP_API_TOKEN on the server")
        if cred is None or not hmac.compare_digest(cred.credentials.encode(), expected.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    @app.get("/api/events", tags=["events"])
    def list_events(
        admin1: str | None = Query(None, description="ISO 3166-2, e.g. AF-PAN"),
        country: str | None = Query(None, description="ISO 3166-1 alpha-2, e.g. AF"),
        since: date | None = None,
        until: date | None = None,
        type: str | None = Query(None, description="ACLED event type or sub-event type, or PLOVER event"),
        status: Status | None = None,
        limit: int = Query(100, ge=1, le=5000),
        offset: int = Query(0, ge=0, le=2**62),
    ) -> dict[str, Any]:
        evs = store.query_events(
            admin1=admin1,
            country=country,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            type=type,
            status=status,
            limit=limit,
            offset=offset,
        )
        return {"events": evs, "count": len(evs), "limit": limit, "offset": offset}

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: str) -> dict[str, Any]:
        ev = store.get_event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ev

    @app.get("/api/regions/{admin1}/timeline", tags=["regions"])
    def region_timeline(admin1: str, until: date | None = None) -> dict[str, Any]:
        return store.timeline(admin1, until=until.isoformat() if until else None)

    @app.get("/api/facets", tags=["events"])
    def facets() -> dict[str, Any]:
        return store.facets()

    @app.post(
        "/api/articles",
        status_code=201,
        response_model=ArticleOut,
        tags=["articles"],
        dependencies=[Depends(require_token)],
    )
    def post_article(article: ArticleIn) -> ArticleOut:
        from ..document import Document

        nonlocal pipeline
        from ..store import content_hash

        aid = article.id or "api-" + hashlib.sha256(article.text.encode()).hexdigest()[:16]
        chash = content_hash(article.text, article.title, article.published, article.url)
        if store.has_article(aid, chash):
            return ArticleOut(
                id=aid, action="unchanged", events=0, merged=0, event_ids=store.article_event_ids(aid)
            )
        doc = Document(
            text=article.text,
            id=aid,
            title=article.title,
            url=article.url,
            source=article.source,
            published=article.published,
        )
        with lock:
            if pipeline is None:
                from ..pipeline import default_pipeline

                pipeline = default_pipeline()
            doc = pipeline(doc)
        if "error" in doc.meta:
            raise HTTPException(422, f"could not process the article: {doc.meta['error']}")
        res = store.ingest(doc, chash=chash)
        return ArticleOut(
            id=res.article_id,
            action=res.action,  # type: ignore[arg-type]
            events=res.events,
            merged=res.merged,
            event_ids=res.event_ids,
        )

    @app.post("/api/recluster", tags=["articles"], dependencies=[Depends(require_token)])
    def recluster() -> dict[str, int]:
        """Merge all stored article events again in an order fixed by their content (event date, article
        id), so the merged events do not depend on the order articles arrived in (`sitrep recluster`)."""
        with lock:
            return store.recluster()

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="sitrep API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_CSP})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        RequestGuard,
        max_body=MAX_ARTICLE_BYTES + 10_000,
        token=(lambda: token if token is not None else os.environ.get("SITREP_API_TOKEN")),
        protected=("/api/articles", "/api/recluster"),
    )
    return app


def _send_json(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class RequestGuard:
    """ASGI guard in front of the app, run before any body byte is read:

    - a NUL character in the path or query string -> 400 (PostgreSQL cannot compare it);
    - on the protected (writing) paths the bearer token is checked first (constant-time), so a request
      without the right token is refused (401/503) without its body being read;
    - every request body, whatever its transfer encoding (Content-Length or chunked), is limited to
      `max_body` bytes: a declared length over it -> 413 at once; otherwise the body is read in chunks
      up to the limit only, and one byte more -> 413 (the rest is never read).
    """

    def __init__(self, app: Any, max_body: int, token: Any, protected: tuple[str, ...]) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token
        self.protected = protected

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
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                resp = _send_json(413, f"request body larger than {self.max_body} bytes")
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
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return _send_json(413, f"request body larger than {self.max_body} bytes")
        return None


__all__ = ["ArticleIn", "create_app"]
