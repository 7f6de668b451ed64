"""/api/events paging and filters, its CSV and GeoJSON exports, /api/points, /api/control, the Host
allow-list and security headers; the control timeline counts only parties that can hold land."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.store import Store
from sitrep.web.synth import make_docs


@pytest.fixture
def synth(db_url: str) -> tuple[TestClient, list[dict[str, Any]]]:
    docs = make_docs(120, seed=3)
    s = Store(db_url)
    for d in docs:
        s.ingest(d)
    s.close()
    return TestClient(create_app(db_url)), docs


def test_total_and_paging(synth: Any) -> None:
    c, _ = synth
    full = c.get("/api/events", params={"limit": 5000}).json()
    n = full["total"]
    assert n == len(full["events"]) > 100
    page = c.get("/api/events", params={"limit": 10, "offset": 20}).json()
    assert page["total"] == n and page["limit"] == 10 and page["offset"] == 20
    assert [e["id"] for e in page["events"]] == [e["id"] for e in full["events"][20:30]]
    beyond = c.get("/api/events", params={"limit": 10, "offset": n + 5}).json()
    assert beyond["events"] == [] and beyond["total"] == n


def _ids(c: TestClient, **params: Any) -> set[str]:
    r = c.get("/api/events", params={"limit": 5000, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["events"])
    return {e["id"] for e in body["events"]}


def test_filters(synth: Any) -> None:
    c, _ = synth
    evs = c.get("/api/events", params={"limit": 5000}).json()["events"]
    every = {e["id"] for e in evs}
    # actor: part of a name, any case; recipients count too
    ridge = {e["id"] for e in evs if any("Ridge" in a["name"] for a in e["actor"] + e["recipient"])}
    assert ridge and _ids(c, actor="northern ridge") == ridge
    assert _ids(c, actor="%") == set()  # LIKE wildcards are literal
    # full text: every word must occur (any order), punctuation is no operator
    device = {e["id"] for e in evs if "roadside device" in " ".join(s["text"] for s in e["evidence"])}
    assert device and _ids(c, q="device roadside") == device
    assert _ids(c, q='device" OR "x') <= device
    assert _ids(c, q="Qarabel") == {e["id"] for e in evs if e["place"]["name"] == "Qarabel"}
    # fatalities, confidence, timeframe, status, country, province, dates
    assert _ids(c, min_fatalities=10) == {e["id"] for e in evs if (e["magnitude"]["killed"] or 0) >= 10}
    assert _ids(c, min_confidence=0.8) == {e["id"] for e in evs if e["confidence"] >= 0.8}
    assert _ids(c, timeframe="historical") == {e["id"] for e in evs if e["timeframe"] == "historical"}
    assert _ids(c, status="contested", country="AF") == {
        e["id"] for e in evs if e["status"] == "contested" and e["place"]["country_code"] == "AF"
    }
    assert _ids(c, admin1="SY-ID", since="2024-03-01", until="2024-04-30") == {
        e["id"]
        for e in evs
        if e["place"]["admin1_code"] == "SY-ID" and "2024-03-01" <= e["date"]["start"] <= "2024-04-30"
    }
    assert _ids(c, type="Battles") < every
    assert c.get("/api/events", params={"min_confidence": 2}).status_code == 422
    assert c.get("/api/events", params={"timeframe": "someday"}).status_code == 422
    assert c.get("/api/events", params={"actor": "a\x00b"}).status_code == 400  # NUL: refused by the guard


def test_exports_follow_the_filter(synth: Any) -> None:
    c, _ = synth
    params = {"country": "SY", "min_fatalities": 1}
    ids = _ids(c, **params)
    r = c.get("/api/events.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["event_id_cnty"] for row in rows} == ids
    assert all(row["country"] == "Syria" and int(row["fatalities"]) >= 1 for row in rows)
    g = c.get("/api/events.geojson", params=params)
    assert g.status_code == 200 and g.headers["content-type"].startswith("application/geo+json")
    feats = g.json()["features"]
    assert {f["id"] for f in feats} == ids
    for f in feats:
        assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
        assert all(v is None or isinstance(v, str | int | float) for v in f["properties"].values())
        assert f["properties"]["fatalities"] >= 1 and f["properties"]["country_code"] == "SY"


def test_points_and_control(synth: Any) -> None:
    c, _ = synth
    pts = c.get("/api/points", params={"country": "ML"}).json()
    assert pts["columns"][:4] == ["id", "lat", "lon", "status"]
    assert {r[0] for r in pts["rows"]} == _ids(c, country="ML")
    ctl = c.get("/api/control").json()["provinces"]
    assert ctl and all(p["periods"] and p["lat"] is not None for p in ctl)
    names = {p["controller"] for prov in ctl for p in prov["periods"]}
    assert "local journalist" not in names
    assert names <= {"Northern Ridge Brigade", "Dawn Liberation Front", "Valley Defence Council",
                     "National Army", "Provincial Police", "Interim Government"}
    assert {p["admin1"] for p in c.get("/api/control", params={"country": "UA"}).json()["provinces"]} <= {
        "UA-14", "UA-65", "UA-63"}


def test_journalist_never_controls(db_url: str) -> None:
    from tests.conftest import KABUL, make_article

    text = "Fighters seized the district centre on Monday, a local journalist said."
    art = make_article("j1", text, "2024-05-06", trigger="seized", evidence=text,
                       acled=("Battles", "Non-state actor overtakes territory"), place=KABUL, day="2024-05-06",
                       actor=[{"id": "generic:journalist", "name": "local journalist"}])
    art["actors"][0]["kind"] = "civilians"
    s = Store(db_url)
    s.ingest(art)
    assert s.timeline("AF-KAB")["periods"] == []
    s.close()


def test_openapi_typed(synth: Any) -> None:
    c, _ = synth
    spec = c.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/facets", "/api/points", "/api/control",
                 "/api/events.geojson", "/api/regions/{admin1}/timeline"):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]
        ref = next(iter(schema.values()))["schema"]
        assert "$ref" in ref, (path, ref)
    page = spec["components"]["schemas"]["EventPage"]["properties"]
    assert {"total", "events", "limit", "offset"} <= set(page)
    assert "text/csv" in spec["paths"]["/api/events.csv"]["get"]["responses"]["200"]["content"]


def test_host_allow_list_and_headers(db_url: str) -> None:
    app = create_app(db_url, allowed_hosts=["127.0.0.1", "localhost"])
    ok = TestClient(app, base_url="http://127.0.0.1:8000")
    r = ok.get("/api/events")
    assert r.status_code == 200
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"
    page = ok.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    evil = TestClient(app, base_url="http://rebind.example.net")
    assert evil.get("/api/events").status_code == 400
    assert evil.get("/").status_code == 400


def test_host_allow_list_from_env(db_url: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("SITREP_ALLOWED_HOSTS", "sitrep.internal")
    app = create_app(db_url)
    assert TestClient(app, base_url="http://sitrep.internal").get("/api/facets").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1").get("/api/facets").status_code == 400


def test_migration_3_fills_search_of_an_older_store(tmp_path: Any) -> None:
    import sqlite3

    db = str(tmp_path / "old.db")
    s = Store(db)
    for d in make_docs(30, seed=5):
        s.ingest(d)
    want = {e["id"] for e in s.query_events(limit=None, q="roadside")}
    s.close()
    con = sqlite3.connect(db)  # make it a version-2 store: no filter columns, no full-text index
    for t in ("events_fts_ins", "events_fts_del", "events_fts_upd"):
        con.execute(f"DROP TRIGGER {t}")
    con.execute("DROP TABLE events_fts")
    con.execute("DROP INDEX ix_events_fatalities")
    for col in ("fatalities", "lat", "lon", "actor_names", "search_text"):
        con.execute(f"ALTER TABLE events DROP COLUMN {col}")
    con.execute("DELETE FROM schema_version WHERE version >= 3")
    con.commit()
    con.close()
    s = Store(db)
    assert want and {e["id"] for e in s.query_events(limit=None, q="roadside")} == want
    assert s.query_events(limit=None, min_fatalities=1)
    s.close()


def test_full_text_index_follows_replace_and_recluster(tmp_path: Any) -> None:
    from sqlalchemy import text

    from tests.conftest import KABUL, make_article

    db = str(tmp_path / "fts.db")
    s = Store(db)
    docs = make_docs(40, seed=9)
    for d in docs:
        s.ingest(d)
    t1 = "A convoy was ambushed outside the grain depot at dawn."
    s.ingest(make_article("r1", t1, "2024-02-02", trigger="ambushed", evidence=t1,
                          acled=("Battles", "Armed clash"), place=KABUL, day="2024-02-02"))
    assert len(s.query_events(limit=None, q="grain depot")) == 1
    t2 = "A convoy was ambushed outside the cotton mill at dawn."
    s.ingest(make_article("r1", t2, "2024-02-02", trigger="ambushed", evidence=t2,
                          acled=("Battles", "Armed clash"), place=KABUL, day="2024-02-02"))
    assert s.query_events(limit=None, q="grain depot") == []
    assert len(s.query_events(limit=None, q="cotton mill")) == 1
    s.recluster()
    assert len(s.query_events(limit=None, q="cotton mill")) == 1
    with s.engine.begin() as conn:
        conn.execute(text("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')"))
    s.close()


def test_serve_hosts_default_to_loopback() -> None:
    from sitrep.api.cli import serve_hosts

    assert set(serve_hosts("127.0.0.1", (), None)) == {"127.0.0.1", "localhost", "[::1]", "::1"}
    assert "10.1.2.3" in serve_hosts("10.1.2.3", (), None)
    assert "0.0.0.0" not in serve_hosts("0.0.0.0", (), None)
    assert serve_hosts("127.0.0.1", ("sitrep.lan",), None) == ["sitrep.lan"]
    assert serve_hosts("127.0.0.1", (), "a.example,b.example") is None


def test_cli_events_filters(tmp_path: Any) -> None:
    import json

    from click.testing import CliRunner

    from sitrep.cli import main

    db = str(tmp_path / "cli.db")
    s = Store(db)
    for d in make_docs(60, seed=11):
        s.ingest(d)
    want = {e["id"] for e in s.query_events(limit=None, actor="ridge", q="killing", min_fatalities=2)}
    s.close()
    r = CliRunner().invoke(main, ["events", "--db", db, "--actor", "Ridge", "-q", "killing",
                                  "--min-fatalities", "2", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    got = {json.loads(line)["id"] for line in r.stdout.splitlines() if line.startswith("{")}
    assert want and got == want


def test_static_cache_headers(db_url: str) -> None:
    c = TestClient(create_app(db_url))
    assert "max-age" in c.get("/static/vendor/leaflet/leaflet.js").headers["cache-control"]
    assert c.get("/static/app.js").headers["cache-control"] == "no-cache"
    r = c.get("/static/vendor/leaflet.markercluster/leaflet.markercluster.js")
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
    assert c.get("/static/vendor/leaflet/LICENSE").status_code == 200
