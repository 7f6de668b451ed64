"""The page's large answers (/api/points, /api/events) served from bytes serialised once per store version:
the same JSON as the models give, gzip when asked for, warmed at start, cleared by a write."""

from __future__ import annotations

import gzip
import json
import time
from typing import Any

from fastapi.testclient import TestClient

from sitrep.api import app as app_module
from sitrep.api import create_app
from sitrep.api.models import EventPage
from sitrep.api.payload import accepts_gzip, make_payload
from sitrep.store import Store
from sitrep.web.synth import make_docs


def _store(db_url: str, n: int = 60) -> None:
    s = Store(db_url)
    for d in make_docs(n, seed=5):
        s.ingest(d)
    s.close()


def test_cached_bodies_equal_the_models(db_url: str) -> None:
    _store(db_url)
    c = TestClient(create_app(db_url))
    s = Store(db_url)
    for params in ({}, {"country": "AF"}, {"status": "contested", "limit": 7, "offset": 3}):
        r = c.get("/api/events", params=params)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
        limit, offset = int(params.get("limit", 100)), int(params.get("offset", 0))
        args = {k: v for k, v in params.items() if k not in ("limit", "offset")}
        total, evs = s.search_events(limit=limit, offset=offset, **args)
        want = EventPage.model_validate({"total": total, "events": evs, "limit": limit, "offset": offset})
        assert r.json() == json.loads(want.model_dump_json(by_alias=True))
        assert c.get("/api/events", params=params).content == r.content  # the second answer: the same bytes
    pts = c.get("/api/points", params={"country": "SY"}).json()
    rows = s.event_points(country="SY")
    assert pts == {"columns": pts["columns"], "total": len(rows), "rows": json.loads(json.dumps(rows))}


def test_gzip_when_accepted(db_url: str) -> None:
    _store(db_url)
    c = TestClient(create_app(db_url))
    r = c.get("/api/points", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and "Accept-Encoding" in r.headers["vary"]
    plain = c.get("/api/points", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert r.json() == plain.json() and len(plain.content) > 2048
    assert accepts_gzip(_req("gzip, deflate, br")) and accepts_gzip(_req("br;q=1, gzip;q=0.5"))
    assert not accepts_gzip(_req("gzip;q=0")) and not accepts_gzip(_req("identity")) and not accepts_gzip(_req(""))
    small = make_payload({"a": 1})
    assert small.gz is None and small.body == b'{"a":1}'
    big = make_payload({"rows": list(range(2000))})
    assert big.gz is not None and gzip.decompress(big.gz) == big.body


def _req(accept: str) -> Any:
    from starlette.requests import Request

    return Request({"type": "http", "headers": [(b"accept-encoding", accept.encode())]})


def test_warm_and_version(db_url: str) -> None:
    _store(db_url, 30)
    app = create_app(db_url)
    with TestClient(app) as c:  # the lifespan warms the first page's answers
        first = c.get("/api/points").json()
        assert first["total"] == Store(db_url).count_events()
    # a new article changes the store's version: the next answer is computed again
    s = Store(db_url)
    for d in make_docs(40, seed=9)[30:]:
        s.ingest(d)
    n = s.count_events()
    s.close()
    time.sleep(app_module.VERSION_SECONDS + 0.1)
    with TestClient(app) as c:
        assert c.get("/api/points").json()["total"] == n
