"""HTTP API: queries, event detail, timeline, protected article upload, docs and static page."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store import Store

TOKEN = "test-token-123"


@pytest.fixture
def client(db_url: str, articles: list[dict[str, Any]], fake_pipeline: Any) -> TestClient:
    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    s.close()
    return TestClient(create_app(db_url, pipeline=fake_pipeline, token=TOKEN))


def test_list_and_filter(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    evs = r.json()["events"]
    assert len(evs) == 2
    r = client.get("/api/events", params={"admin1": "AF-PAN"})
    (ev,) = r.json()["events"]
    assert ev["acled"]["sub_event_type"] == "Non-state actor overtakes territory"
    assert [s["id"] for s in ev["sources"]] == ["a1", "b1"]
    assert ev["sources"][0]["url"] == "https://example.org/a1"
    for key in (
        "plover",
        "actor",
        "recipient",
        "place",
        "date",
        "timeframe",
        "status",
        "claims",
        "magnitude",
        "evidence",
        "confidence",
    ):
        assert key in ev
    assert (
        len(client.get("/api/events", params={"country": "AF", "since": "2021-09-07"}).json()["events"]) == 1
    )
    assert (
        len(client.get("/api/events", params={"until": "2021-09-06", "status": "contested"}).json()["events"])
        == 1
    )
    assert (
        len(client.get("/api/events", params={"type": "Battles", "limit": 1, "offset": 1}).json()["events"])
        == 0
    )
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"status": "rumoured"}).status_code == 422


def test_event_detail_and_timeline(client: TestClient) -> None:
    eid = client.get("/api/events", params={"admin1": "AF-PAN"}).json()["events"][0]["id"]
    ev = client.get(f"/api/events/{eid}").json()
    assert {a["id"] for a in ev["articles"]} == {"a1", "b1"}
    for art in ev["articles"]:
        for m in art["mentions"]:
            for sp in m["evidence"] + m["claims"]:
                assert art["text"][sp["start"] : sp["end"]] == sp["text"]
    assert client.get("/api/events/nope").status_code == 404
    tl = client.get("/api/regions/AF-PAN/timeline").json()
    assert tl["periods"][0]["controller"]["name"] == "Taliban"
    assert tl["periods"][0]["from"] == "2021-09-06" and tl["periods"][0]["contested"]
    assert tl["periods"][0]["disputed_by"] == ["National Resistance Front"]
    facets = client.get("/api/facets").json()
    assert facets["countries"] == ["AF"] and {a["code"] for a in facets["admin1"]} == {"AF-PAN", "AF-KAB"}


def test_post_article(client: TestClient) -> None:
    art = {
        "id": "new1",
        "text": "Taliban fighters captured Panjshir, a commander said.",
        "published": "2021-09-07",
    }
    assert client.post("/api/articles", json=art).status_code == 401
    assert (
        client.post("/api/articles", json=art, headers={"Authorization": "Bearer wrong"}).status_code == 401
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/articles", json={"id": "x", "text": ""}, headers=auth).status_code == 422
    assert (
        client.post("/api/articles", json={"text": "x", "published": "not a date"}, headers=auth).status_code
        == 422
    )
    big = {"text": "x" * 2_000_000}
    assert client.post("/api/articles", json=big, headers=auth).status_code == 413
    r = client.post("/api/articles", json=art, headers=auth)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["action"] == "added" and out["merged"] == 1
    ev = client.get("/api/events", params={"admin1": "AF-PAN"}).json()["events"][0]
    assert [s["id"] for s in ev["sources"]] == ["a1", "b1", "new1"]
    again = client.post("/api/articles", json=art, headers=auth).json()
    assert again["action"] == "unchanged" and again["event_ids"] == out["event_ids"]
    bad = client.post("/api/articles", json={"id": "f", "text": "FAIL here"}, headers=auth)
    assert bad.status_code == 422 and "invented failure" in bad.json()["detail"]


def test_recluster_endpoint(client: TestClient) -> None:
    before = sorted(e["id"] for e in client.get("/api/events", params={"limit": 1000}).json()["events"])
    assert client.post("/api/recluster").status_code == 401
    r = client.post("/api/recluster", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["mentions"] == 3 and out["events_after"] == len(before)
    after = client.get("/api/events", params={"limit": 1000}).json()["events"]
    pan = [e for e in after if (e.get("place") or {}).get("admin1_code") == "AF-PAN"]
    assert len(pan) == 1 and sorted(s["id"] for s in pan[0]["sources"]) == ["a1", "b1"]


def test_post_disabled_without_token(db_url: str, fake_pipeline: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    c = TestClient(create_app(db_url, pipeline=fake_pipeline))
    r = c.post("/api/articles", json={"text": "a"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 503
    monkeypatch.setenv("SITREP_API_TOKEN", "from-env")
    r = c.post(
        "/api/articles",
        json={"id": "z", "text": "nothing happened"},
        headers={"Authorization": "Bearer from-env"},
    )
    assert r.status_code == 201 and r.json()["events"] == 0


def test_docs_and_page(client: TestClient) -> None:
    docs = client.get("/docs")
    assert (
        docs.status_code == 200
        and "/static/swagger/swagger-ui-bundle.js" in docs.text
        and "cdn" not in docs.text
    )
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/regions/{admin1}/timeline",
        "/api/articles",
    } <= set(spec["paths"])
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert client.get("/static/app.js").status_code == 200
    world = client.get("/static/countries-110m.geojson").json()
    assert len(world["features"]) > 150
