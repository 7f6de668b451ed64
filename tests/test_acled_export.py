"""The one ACLED CSV exporter behind `extract --format acled-csv`, `events --format acled-csv` and the API.

All articles are invented."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import (
    ACLED_COLUMNS,
    INTER,
    acled_event_date,
    acled_rows,
    export_acled_csv,
    parse_include,
    plover_dates,
)

PLACE = {"name": "Lakeside", "geonameid": 7, "lat": -1.28, "lon": 36.82, "country_code": "KE",
         "admin1_code": "KE-30", "admin1_name": "Nairobi", "admin2_name": "Westlands", "kind": "populated_place"}

# ACLED's column dtypes (codebook, "ACLED Data Columns at a Glance"): everything else is text
INT_COLUMNS = ("year", "time_precision", "iso", "geo_precision", "fatalities")
FLOAT_COLUMNS = ("latitude", "longitude")


def _event(eid: str, **kw: Any) -> dict[str, Any]:
    ev = {
        "id": eid, "plover": None,
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack",
                  "actor1": "Unidentified Armed Group (Kenya)", "actor2": "Civilians (Kenya)",
                  "assoc_actor_1": None, "assoc_actor_2": None, "inter1": 3, "inter2": 7},
        "actor": [{"id": "g", "name": "gunmen"}], "recipient": [{"id": "c", "name": "traders"}],
        "place": PLACE, "date": {"start": "2023-05-02", "end": "2023-05-02", "precision": "day"},
        "timeframe": "current", "status": "reported", "claims": [],
        "magnitude": {"killed": 2, "injured": None, "arrested": None},
        "evidence": [{"start": 0, "end": 10, "text": "Gunmen shot two traders\nat the market."}],
        "confidence": 0.9,
    }
    ev.update(kw)
    return ev


def _doc(*events: dict[str, Any], source: str | None = "Lakeside Herald") -> dict[str, Any]:
    return {"schema": "sitrep.document/1", "id": "k1", "title": None, "url": "https://www.lakeside.example/a/1",
            "source": source, "published": "2023-05-03", "places": [], "times": [], "actors": [],
            "events": list(events)}


def _mixed() -> dict[str, Any]:
    return _doc(
        _event("e-now"),
        _event("e-old", timeframe="historical"),
        _event("e-plan", timeframe="future", status="hypothetical"),
        _event("e-denied", status="denied"),
        _event("e-claimed", status="claimed"),
        _event("e-contested", status="contested"),
        _event("e-undated", date=None),
        _event("e-year", date={"start": "2023", "end": "2023", "precision": "year"}),
        _event("e-other", acled=None),
        _event("e-nowhere", place=None),
    )


def test_default_rows_are_current_reported_claimed_contested_and_dated() -> None:
    buf = io.StringIO()
    stats = export_acled_csv([_mixed()], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["event_id_cnty"] for r in rows] == ["e-now", "e-claimed", "e-contested"]
    assert stats.rows == 3 and stats.undated == 2 and stats.filtered == 3 and stats.unplaced == 1
    err = io.StringIO()
    stats.report(err)
    assert "2 event(s) left out of the ACLED CSV: no event date" in err.getvalue()
    assert "1 event(s) left out of the ACLED CSV: no country" in err.getvalue()


def test_unplaced_event_takes_the_country_of_the_article_places() -> None:
    d = _doc(_event("e1", place=None))
    d["places"] = [{**PLACE, "start": 0, "end": 8, "text": "Lakeside"}]
    (row,) = acled_rows([d])
    assert row["country"] == "Kenya" and row["iso"] == 404 and row["location"] == ""


def test_include_widens_the_selection() -> None:
    ids = [r["event_id_cnty"] for r in acled_rows([_mixed()], parse_include("historical,hypothetical,denied"))]
    assert ids == ["e-now", "e-old", "e-plan", "e-denied", "e-claimed", "e-contested"]
    assert [r["event_id_cnty"] for r in acled_rows([_mixed()], {"denied"})] == [
        "e-now", "e-denied", "e-claimed", "e-contested"]
    with pytest.raises(ValueError):
        parse_include("rumoured")


def test_acled_fields_iso_admin_actors_inter_notes_source() -> None:
    (row,) = acled_rows([_doc(_event("e1"))])
    assert row["iso"] == 404 and row["country"] == "Kenya" and row["region"] == "Eastern Africa"
    assert row["admin1"] == "Nairobi" and row["admin2"] == "Westlands" and row["location"] == "Lakeside"
    assert row["actor1"] == "Unidentified Armed Group (Kenya)" and row["actor2"] == "Civilians (Kenya)"
    assert row["inter1"] == INTER[3] == "Political militia" and row["inter2"] == "Civilians"
    assert row["interaction"] == "Political militia-Civilians"
    assert row["civilian_targeting"] == "Civilians targeted"
    assert row["notes"] == "Gunmen shot two traders at the market." and "\n" not in row["notes"]
    assert row["source"] == "Lakeside Herald" and row["fatalities"] == 2
    # an article without an outlet name is named by its web host, never by its id
    (row,) = acled_rows([_doc(_event("e1"), source=None)])
    assert row["source"] == "lakeside.example"


def test_event_dates_as_acled_codes_them() -> None:
    assert acled_event_date({"start": "2023-05-02", "end": "2023-05-02", "precision": "day"}) == ("2023-05-02", 1)
    assert acled_event_date({"start": "2023-05-01", "end": "2023-05-07", "precision": "week"}) == ("2023-05-04", 2)
    assert acled_event_date({"start": "2023-05", "end": "2023-05", "precision": "month"}) == ("2023-05-15", 3)
    assert acled_event_date({"start": "2023", "end": "2023", "precision": "year"}) is None
    assert acled_event_date(None) is None


def test_inter_from_names_when_the_record_has_no_codes() -> None:
    ev = _event("e1", acled={"event_type": "Battles", "sub_event_type": "Armed clash",
                             "actor1": "Military Forces of Kenya", "actor2": "Al Shabaab"})
    d = _doc(ev)
    d["actors"] = [{"id": "c", "name": "traders", "kind": "armed_group", "country": None, "mentions": []}]
    (row,) = acled_rows([d])
    assert row["inter1"] == "State forces" and row["inter2"] == "Rebel group"
    assert row["interaction"] == "State forces-Rebel group" and row["civilian_targeting"] == ""


def test_formula_cells_stay_neutralised() -> None:
    ev = _event("e1", evidence=[{"start": 0, "end": 5, "text": "=HYPERLINK(\"http://x\")"}])
    buf = io.StringIO()
    export_acled_csv([_doc(ev)], buf)
    (row,) = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["notes"].startswith("'=")


def _check_dtypes(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and list(rows[0]) == ACLED_COLUMNS
    for r in rows:
        assert r["event_date"], r
        date.fromisoformat(r["event_date"])
        for c in INT_COLUMNS:
            int(r[c])
        for c in FLOAT_COLUMNS:
            if r[c]:
                float(r[c])
        assert r["inter1"] in INTER.values() or not r["actor1"]
        assert r["inter2"] == "" or r["inter2"] in INTER.values()
    return rows


def test_csv_has_acled_dtypes_and_no_empty_event_date() -> None:
    buf = io.StringIO()
    export_acled_csv([_mixed()], buf, {"historical", "hypothetical", "denied"})
    _check_dtypes(buf.getvalue())


def test_csv_loads_in_pandas_with_acled_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    buf = io.StringIO()
    export_acled_csv([_mixed()], buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), parse_dates=["event_date"])
    assert df["event_date"].notna().all()
    for c in INT_COLUMNS:
        assert str(df[c].dtype) == "int64", c


ARTICLES = [
    {"id": "inv-1", "published": "2023-05-03", "source": "Lakeside Herald",
     "text": "Gunmen shot dead two traders at a market in Garissa, Kenya, on Tuesday, police said."},
    {"id": "inv-2", "published": "2023-05-03", "source": "Lakeside Herald",
     "text": "Hundreds of teachers protested in Nairobi, Kenya, on Monday to demand higher pay."},
]


@pytest.mark.parametrize("fmt", ["acled-csv", "csv"])
def test_extract_csv_formats_share_the_exporter(tmp_path: Path, fmt: str) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(f), "--format", fmt, "--no-progress"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = _check_dtypes(r.stdout)
    assert {row["actor1"] for row in rows} >= {"Protesters (Kenya)"}
    assert all(row["source"] == "Lakeside Herald" for row in rows)
    assert all(row["iso"] == "404" for row in rows)


def test_extract_bad_include_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLES[0]["text"], encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(f), "--format", "acled-csv", "--include", "rumoured"])
    assert r.exit_code == 2 and "--include" in r.output


def test_store_events_and_api_csv_are_the_same_export(
    tmp_path: Path, db_url: str, articles: list[dict[str, Any]], fake_pipeline: Any
) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.store import Store
    from sitrep.store import cli as store_cli

    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    s.close()
    runner = CliRunner()
    outs = {}
    for fmt in ("acled-csv", "csv"):
        out = tmp_path / f"{fmt}.csv"
        r = runner.invoke(store_cli.events, ["--db", db_url, "--format", fmt, "-o", str(out)])
        assert r.exit_code == 0, r.output
        outs[fmt] = out.read_text(encoding="utf-8")
    assert outs["acled-csv"] == outs["csv"]
    rows = _check_dtypes(outs["csv"])
    assert {r["admin1"] for r in rows} >= {"Panjshir"}
    client = TestClient(create_app(db_url, pipeline=fake_pipeline, token="t"))
    resp = client.get("/api/events.csv", params={"limit": 5000})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert resp.text == outs["csv"]
    assert client.get("/api/events.csv", params={"include": "rumoured"}).status_code == 422


def test_plover_dates_are_days_as_the_manual_requires() -> None:
    assert plover_dates({"start": "2023-05-02", "end": "2023-05-02", "precision": "day"}) == ("2023-05-02", None)
    assert plover_dates({"start": "2023-05-02", "end": "2023-05-04", "precision": "day"}) == (
        "2023-05-02", "2023-05-04")
    assert plover_dates({"start": "2023-02", "end": "2023-02", "precision": "month"}) == ("2023-02-01", "2023-02-28")
    assert plover_dates({"start": "2023-W18", "end": "2023-W18", "precision": "week"}) == (
        "2023-05-01", "2023-05-07")
    assert plover_dates({"start": "2023", "end": "2023", "precision": "year"}) == ("2023-01-01", "2023-12-31")
    assert plover_dates({"start": "198X", "end": "198X", "precision": "decade"}) == (None, None)
    assert plover_dates(None) == (None, None)
