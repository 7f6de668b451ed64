"""POST /api/articles/batch: a JSONL body of many articles through the one runner (`iter_results` into
`Store.ingest_stream`), answered line by line in input order; a bad line or a refused article costs only
itself. Articles are invented."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store import Store

TOKEN = "batch-token-77"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}


@pytest.fixture
def client(db_url: str, fake_pipeline: Any) -> TestClient:
    Store(db_url).close()
    return TestClient(create_app(db_url, pipeline=fake_pipeline, token=TOKEN))


def _body(lines: list[Any]) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode("utf-8") + b"\n"


def test_batch_answers_each_line_in_order(client: TestClient) -> None:
    body = _body([
        {"id": "b1", "text": "A bomb blew up near the invented town of Orvel.", "published": "2021-09-07"},
        "{not json",
        {"id": "b3", "text": "FAIL this article in the events stage."},
        {"id": "b4", "text": "   "},
        {"id": "b5", "text": "Fighters took control of an invented pass.", "published": "2021-09-06"},
    ])
    r = client.post("/api/articles/batch", content=body, headers=AUTH)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    out = [json.loads(x) for x in r.text.splitlines()]
    assert [o.get("action") for o in out] == ["added", None, None, None, "added"]
    assert out[1]["error"].startswith("line 2: ")
    assert out[2] == {"id": "b3", "error": "line 3: events stage failed: RuntimeError: invented failure"}
    assert out[3]["error"].startswith("line 4: text: ") and "whitespace" in out[3]["error"]
    assert out[0]["events"] == 1 and out[0]["event_ids"]
    again = [json.loads(x) for x in client.post("/api/articles/batch", content=body, headers=AUTH).text.splitlines()]
    assert [o.get("action") for o in again] == ["unchanged", None, None, None, "unchanged"]
    assert again[0]["event_ids"] == out[0]["event_ids"]
    total = client.get("/api/events").json()["total"]
    assert total == 2


def test_batch_needs_the_token_and_has_its_own_limit(client: TestClient, monkeypatch: Any) -> None:
    body = _body([{"id": "t1", "text": "A bomb blew up near an invented town."}])
    assert client.post("/api/articles/batch", content=body).status_code == 401
    assert client.post("/api/articles/batch", content=body, headers={"Authorization": "Bearer no"}).status_code == 401
    # over the single-article limit, under the batch limit: taken
    many = _body([{"id": f"m{i}", "text": f"A bomb blew up near invented town {i}. " + "Filler words. " * 900}
                  for i in range(100)])
    assert len(many) > 1_010_000
    r = client.post("/api/articles/batch", content=many, headers=AUTH)
    assert r.status_code == 200 and len(r.text.splitlines()) == 100
    assert all(json.loads(x)["action"] == "added" for x in r.text.splitlines())


def test_batch_store_failure_costs_one_article(client: TestClient, monkeypatch: Any) -> None:
    real = Store._add_mention

    def refuse(self: Store, conn: Any, aid: str, *a: Any, **kw: Any) -> Any:
        if aid == "f2":
            raise RuntimeError("invented store failure")
        return real(self, conn, aid, *a, **kw)

    monkeypatch.setattr(Store, "_add_mention", refuse)
    body = _body([{"id": f"f{i}", "text": f"A bomb blew up near invented village {i}."} for i in range(1, 4)])
    out = [json.loads(x) for x in client.post("/api/articles/batch", content=body, headers=AUTH).text.splitlines()]
    assert [o.get("action") for o in out] == ["added", None, "added"]
    assert out[1]["error"] == "line 2: could not store: RuntimeError: invented store failure"
    ids = {s["id"] for e in client.get("/api/events").json()["events"] for s in e["sources"]}
    assert ids == {"f1", "f3"}


def test_single_post_store_failure_is_a_500_with_the_reason(client: TestClient, monkeypatch: Any) -> None:
    def refuse(self: Store, *a: Any, **kw: Any) -> Any:
        raise RuntimeError("invented store failure")

    monkeypatch.setattr(Store, "_add_mention", refuse)
    r = client.post("/api/articles", json={"id": "s1", "text": "A bomb blew up near an invented hamlet."},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 500 and "invented store failure" in r.json()["detail"]
    assert client.get("/api/events").json()["total"] == 0
