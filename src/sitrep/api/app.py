"""The API app: `create_app` wires the store, the routes (read, export, write, page) and the middleware."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..pipeline import iter_results
from ..records import StoredEvent
from ..store import Store
from ..store.timeline import Timeline as TimelineRecord
from .guard import RequestGuard
from .inputs import MAX_ARTICLE_BYTES, MAX_BATCH_BYTES, ArticleIn, ArticleOut, EventFilter, ReclusterOut
from .models import ControlMap, EventDetail, EventPage, Facets, GeoJSONCollection, Points, Timeline
from .payload import Payload, make_payload, send

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Pipeline

T = TypeVar("T")

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CACHE_SECONDS = 60.0
MAX_PAYLOADS = 32  # serialised answers kept (the map's points of 10,000 events: about 1 MB with its gzip)
VERSION_SECONDS = 2.0
MAX_EXPORT = int(os.environ.get("SITREP_MAX_EXPORT", "100000"))
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
PAGE_SIZE = 100  # the page's list page (app.js PAGE): warmed at start
POINT_COLUMNS = ("id", "lat", "lon", "status", "date", "fatalities", "timeframe", "n_articles")


class _AppState:
    """What the routes of one app share: the store, a small cache of slow answers keyed on the store's
    version, the pipeline (loaded on first POST) and the lock that keeps its models to one thread."""

    def __init__(self, store: Store, pipeline: Pipeline | None) -> None:
        self.store = store
        self.pipeline = pipeline
        self.lock = threading.Lock()  # the pipeline's models are not shared across threads
        self.cache: dict[Hashable, tuple[float, Any, Any]] = {}  # key -> (time, store version, value)
        self.payloads: dict[Hashable, tuple[float, Any, Any]] = {}  # the same for serialised bodies (larger)
        self.seen_version: list[Any] = [0.0, None]  # when the store's version was last read, and what it was

    def cached(self, key: Hashable, fn: Callable[[], T], big: bool = False) -> T:
        """`fn()`, reused while the store's version is the same (and for at most CACHE_SECONDS). The
        version is read at most every VERSION_SECONDS (writes through this app clear the cache at once).
        `big` values (serialised bodies) go to a smaller cache."""
        now = time.monotonic()
        if self.seen_version[1] is None or now - self.seen_version[0] > VERSION_SECONDS:
            self.seen_version[:] = [now, self.store.version()]
        version = self.seen_version[1]
        cache = self.payloads if big else self.cache
        hit = cache.get(key)
        if hit and hit[1] == version and now - hit[0] < CACHE_SECONDS:
            return cast("T", hit[2])
        value = fn()
        if len(cache) >= (MAX_PAYLOADS if big else 256):
            cache.pop(next(iter(cache)))  # the oldest entry
        cache[key] = (now, version, value)
        return value

    def default_pipeline(self) -> Pipeline:
        """The pipeline given to `create_app`, else `sitrep.pipeline.default_pipeline()` (loaded now)."""
        if self.pipeline is None:
            from ..pipeline import default_pipeline

            self.pipeline = default_pipeline()
        return self.pipeline

    def invalidate(self) -> None:
        self.cache.clear()
        self.payloads.clear()
        self.seen_version[1] = None

    def points(self, args: dict[str, Any]) -> Payload:
        """The body of /api/points for these filters."""
        def build() -> Payload:
            rows = self.store.event_points(**args)
            return make_payload({"columns": list(POINT_COLUMNS), "total": len(rows), "rows": rows})

        return self.cached(("points", tuple(sorted(args.items()))), build, big=True)

    def event_page(self, args: dict[str, Any], limit: int, offset: int) -> Payload:
        """The body of /api/events: serialised through its model, as FastAPI would."""
        def build() -> Payload:
            total, evs = self.store.search_events(limit=limit, offset=offset, **args)
            page = EventPage.model_validate({"total": total, "events": evs, "limit": limit, "offset": offset})
            return make_payload(page.model_dump_json(by_alias=True).encode())

        return self.cached(("events", tuple(sorted(args.items())), limit, offset), build, big=True)

    def warm(self) -> None:
        """What the page's first load asks for, computed before the first request (a failure here only
        leaves the cache cold)."""
        try:
            args = EventFilter().store_args()
            self.points(args)
            self.event_page(args, PAGE_SIZE, 0)
            self.cached("facets", self.store.facets)
        except Exception as exc:  # noqa: BLE001 - a store that cannot answer yet answers later
            logging.getLogger(__name__).warning("cache not warmed: %s", exc)


def create_app(
    db_url: str | None = None,
    pipeline: Pipeline | None = None,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The API app over the store at `db_url`. `pipeline` (default: `sitrep.pipeline.default_pipeline()`,
    loaded on first POST) and `token` (default: env SITREP_API_TOKEN) can be given for tests.
    `allowed_hosts` (default: env SITREP_ALLOWED_HOSTS, comma-separated; unset: any) are the `Host`
    header values answered; any other gets 400, so a page on another name (DNS rebinding) cannot read the
    API. `sitrep serve` passes the loopback names and its --host unless --allowed-host says otherwise."""
    store = Store(db_url)
    st = _AppState(store, pipeline)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        st.warm()  # the first page load then reads serialised answers
        yield

    if allowed_hosts is None and os.environ.get("SITREP_ALLOWED_HOSTS"):
        allowed_hosts = [h.strip() for h in os.environ["SITREP_ALLOWED_HOSTS"].split(",") if h.strip()]
    app = FastAPI(
        title="sitrep",
        description="Sourced, structured conflict events merged across articles.",
        version="1",
        docs_url=None,  # served below from the package's own copy of Swagger UI (no CDN)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Any, exc: RequestValidationError) -> Response:
        # ASCII JSON: an input holding a lone surrogate is echoed as its escape instead of failing to encode
        errors = [{k: v for k, v in e.items() if k != "input"} for e in exc.errors()]
        body = json.dumps({"detail": errors}, ensure_ascii=True, default=str)
        return Response(body, status_code=422, media_type="application/json")

    bearer = HTTPBearer(auto_error=False)

    def require_token(cred: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        expected = token if token is not None else os.environ.get("SITREP_API_TOKEN")
        if not expected:
            raise HTTPException(503, "posting articles is disabled: set SITREP_API_TOKEN on the server")
        if cred is None or not hmac.compare_digest(cred.credentials.encode(), expected.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    app.middleware("http")(_security_headers)
    _read_routes(app, st)
    _export_routes(app, st)
    _write_routes(app, st, require_token)
    _page_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(
        RequestGuard,
        max_body=MAX_ARTICLE_BYTES + 10_000,
        token=(lambda: token if token is not None else os.environ.get("SITREP_API_TOKEN")),
        protected=("/api/articles", "/api/articles/batch", "/api/recluster"),
        limits={"/api/articles/batch": MAX_BATCH_BYTES},
    )
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app


async def _security_headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    path = request.url.path
    if path.startswith(("/static/vendor/", "/static/swagger/", "/static/countries-", "/static/admin1/")):
        # third-party files that change only with the package version
        response.headers.setdefault("Cache-Control", "public, max-age=86400")
    elif path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-cache")  # revalidated (ETag) on every load
    if request.url.path.startswith("/api/"):
        response.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _read_routes(app: FastAPI, st: _AppState) -> None:
    store = st.store

    @app.get("/api/events", tags=["events"], response_model=EventPage)
    def list_events(
        request: Request,
        f: Annotated[EventFilter, Depends()],
        limit: int = Query(100, ge=1, le=5000),
        offset: int = Query(0, ge=0, le=2**62),
    ) -> Response:
        """A page of the merged events that match every filter given, newest first, and how many match
        in all (`total`)."""
        return send(request, st.event_page(f.store_args(), limit, offset))

    @app.get("/api/points", tags=["events"], response_model=Points)
    def points(request: Request, f: Annotated[EventFilter, Depends()]) -> Response:
        """Every matching event as one compact row, for the page's map and charts: the columns are
        named in `columns`."""
        # no validation pass over thousands of rows: the store's columns are the model's already
        return send(request, st.points(f.store_args()))

    @app.get("/api/events/{event_id}", tags=["events"], response_model=EventDetail)
    def get_event(event_id: str) -> StoredEvent:
        """One event with its sources, and each source article's text with the evidence spans and
        claims (offsets into that text)."""
        ev = store.get_event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ev

    @app.get("/api/regions/{admin1}/timeline", tags=["regions"], response_model=Timeline)
    def region_timeline(admin1: str, until: date | None = None) -> TimelineRecord:
        """Who is said to control a province, from when, and whether that is contested: territorial
        events only (overtakes / regains / transfers territory, base established) whose actor is an
        armed group, a state force or a government."""
        return store.timeline(admin1, until=until.isoformat() if until else None)

    @app.get("/api/control", tags=["regions"], response_model=ControlMap)
    def control(country: str | None = Query(None, max_length=2)) -> dict[str, Any]:
        """Every province with territorial events: a point to draw it at and its control periods (the
        page's time slider picks the period of a day)."""
        key = ("control", (country or "").upper())
        return {"provinces": st.cached(key, lambda: store.control_map(country=country))}

    @app.get("/api/facets", tags=["events"], response_model=Facets)
    def facets() -> dict[str, Any]:
        return st.cached("facets", store.facets)


def _export_events(store: Store, f: EventFilter) -> list[StoredEvent]:
    total, evs = store.search_events(limit=MAX_EXPORT + 1, offset=0, **f.store_args())
    if len(evs) > MAX_EXPORT:
        raise HTTPException(413, f"{total} events match; narrow the filter to at most {MAX_EXPORT}")
    return evs


def _export_routes(app: FastAPI, st: _AppState) -> None:
    store = st.store

    @app.get(
        "/api/events.csv",
        tags=["export"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style CSV"}},
    )
    def export_csv(
        f: Annotated[EventFilter, Depends()],
        include: str | None = Query(None, description="also historical, hypothetical, denied (comma-separated)"),
    ) -> Response:
        """Every event that matches the filter (same parameters as /api/events) as ACLED CSV, through the
        exporter of `sitrep events --format acled-csv`: by default current events that are reported,
        claimed or contested; `include` widens. Header X-Sitrep-Undated counts rows left out for want of a
        date or country."""
        from ..export import export_acled_csv, parse_include

        try:
            widen = parse_include(include)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        buf = io.StringIO()
        stats = export_acled_csv(store.event_documents(_export_events(store, f)), buf, widen)
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"X-Sitrep-Rows": str(stats.rows), "X-Sitrep-Undated": str(stats.undated),
                     "Content-Disposition": 'attachment; filename="sitrep-events.csv"'},
        )

    @app.get("/api/events.geojson", tags=["export"], response_model=GeoJSONCollection)
    def export_geojson(f: Annotated[EventFilter, Depends()]) -> JSONResponse:
        """Every event with a place that matches the filter, as GeoJSON Point features whose properties
        are flat (strings and numbers only), as GIS tools read them."""
        from ..export import geojson

        gj = geojson(store.event_documents(_export_events(store, f)))
        for feat in gj["features"]:
            feat["properties"] = flat_properties(feat["properties"])
        return JSONResponse(
            gj,
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="sitrep-events.geojson"'},
        )


def _write_routes(app: FastAPI, st: _AppState, require_token: Any) -> None:
    store = st.store

    @app.post(
        "/api/articles",
        status_code=201,
        response_model=ArticleOut,
        tags=["articles"],
        dependencies=[Depends(require_token)],
    )
    def post_article(article: ArticleIn) -> ArticleOut:
        """Extract the events of one article and store them (the same runner as `sitrep ingest`:
        `iter_results` into `Store.ingest_stream`). An article stored with the same id and content is
        not processed again (`unchanged`)."""
        doc, aid, chash = _article_document(article)
        if store.has_article(aid, chash):
            return ArticleOut(
                id=aid, action="unchanged", events=0, merged=0, event_ids=store.article_event_ids(aid)
            )
        with st.lock:
            (doc,) = iter_results([doc], st.default_pipeline)
        (out,) = store.ingest_stream([doc])
        if out.result is None and "error" in doc.meta:
            raise HTTPException(422, f"could not process the article: {doc.meta['error']}")
        if out.result is None:
            raise HTTPException(500, f"could not store the article: {out.error}")
        st.invalidate()
        res = out.result
        return ArticleOut(
            id=res.article_id,
            action=res.action,  # type: ignore[arg-type]
            events=res.events,
            merged=res.merged,
            event_ids=res.event_ids,
        )

    @app.post(
        "/api/articles/batch",
        tags=["articles"],
        dependencies=[Depends(require_token)],
        response_class=StreamingResponse,
        responses={200: {"content": {"application/x-ndjson": {}},
                         "description": "one JSON line per input line, in input order"}},
    )
    async def post_articles(request: Request) -> StreamingResponse:
        """Extract and store many articles: the body is JSONL (one article per line, the fields of
        POST /api/articles; at most SITREP_MAX_BATCH_BYTES, 20 MB by default). The answer streams one
        JSON line per input line as each is stored, in input order: what was stored
        (`{"id", "action", "events", "merged", "event_ids"}`) or `{"id", "error"}` naming the line; a bad
        line costs only itself. Each article is one transaction; the pipeline batches the articles."""
        body = await request.body()
        return StreamingResponse(_batch_lines(st, body), media_type="application/x-ndjson")

    @app.post("/api/recluster", tags=["articles"], dependencies=[Depends(require_token)])
    def recluster() -> ReclusterOut:
        """Merge all stored article events again in an order fixed by their content (event date, article
        id), so the merged events do not depend on the order articles arrived in (`sitrep recluster`)."""
        with st.lock:
            out = ReclusterOut(**store.recluster())
        st.invalidate()
        return out


def _article_document(article: ArticleIn) -> tuple[Document, str, str]:
    """The Document of a posted article, its id (a hash of the text when it has none) and content hash."""
    from ..document import Document
    from ..store import content_hash

    aid = article.id or "api-" + hashlib.sha256(article.text.encode()).hexdigest()[:16]
    chash = content_hash(article.text, article.title, article.published, article.url)
    doc = Document(text=article.text, id=aid, title=article.title, url=article.url, source=article.source,
                   published=article.published)
    doc.meta["content_hash"] = chash
    return doc, aid, chash


@dataclass
class _Unchanged:
    """A batch line whose article is stored already with the same content: it skips the pipeline."""

    id: str


def _batch_items(st: _AppState, body: bytes) -> Iterator[Document | _Unchanged | dict[str, str | None]]:
    """The lines of a JSONL body as Documents, `_Unchanged` markers or error records naming the line
    (read lazily, one line at a time)."""
    from pydantic import ValidationError

    for n, raw in enumerate(body.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"line {n}"
        try:
            article = ArticleIn.model_validate_json(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors())
            yield {"id": None, "where": where, "error": f"{where}: {problems}"}
            continue
        doc, aid, chash = _article_document(article)
        doc.meta["where"] = where
        yield _Unchanged(aid) if st.store.has_article(aid, chash) else doc


def _batch_lines(st: _AppState, body: bytes) -> Iterator[str]:
    """One output line per input line, as each is stored: `_batch_items` through the pipeline (one
    model, so under the app's lock) into `Store.ingest_stream`. Starlette runs it in a worker thread."""
    stored = False
    line: Mapping[str, Any]
    with st.lock:
        for r in iter_results(_batch_items(st, body), st.default_pipeline):
            if isinstance(r, _Unchanged):
                line = {"id": r.id, "action": "unchanged", "events": 0, "merged": 0,
                        "event_ids": st.store.article_event_ids(r.id)}
            else:
                (out,) = st.store.ingest_stream([r])
                line = out.record()
                stored = stored or out.result is not None
            yield json.dumps(line, ensure_ascii=True) + "\n"
    if stored:
        st.invalidate()


def _page_routes(app: FastAPI) -> None:
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


def _join(items: Any) -> str:
    return "; ".join(str(x) for x in items if x not in (None, ""))


def flat_properties(p: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON properties with no nesting (strings, numbers, null), the way GIS tools read them."""
    acled = p.get("acled") or {}
    plover = p.get("plover") or {}
    d = p.get("date") or {}
    mag = p.get("magnitude") or {}
    claims = p.get("claims") or []
    srcs = p.get("sources") or []
    return {
        "id": p.get("id"),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "plover_event": plover.get("event"),
        "plover_mode": plover.get("mode"),
        "date_start": d.get("start"),
        "date_end": d.get("end"),
        "date_precision": d.get("precision"),
        "timeframe": p.get("timeframe"),
        "status": p.get("status"),
        "confidence": p.get("confidence"),
        "actor": _join(a.get("name") or a.get("id") for a in p.get("actor") or [] if a),
        "recipient": _join(a.get("name") or a.get("id") for a in p.get("recipient") or [] if a),
        "fatalities": mag.get("killed"),
        "injured": mag.get("injured"),
        "arrested": mag.get("arrested"),
        "place_name": p.get("place_name"),
        "country_code": p.get("country_code"),
        "admin1_code": p.get("admin1_code"),
        "n_articles": p.get("n_articles") or len(srcs) or 1,
        "claims": _join(
            f"{(c.get('source') or {}).get('name') or c.get('speaker') or 'unattributed'} {c.get('stance')}"
            for c in claims
        ),
        "evidence": _join(s.get("text") for s in p.get("evidence") or []),
        "source_urls": _join(s.get("url") or s.get("id") for s in srcs),
        "document_id": p.get("document_id"),
    }

