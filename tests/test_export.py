"""Exports over contract documents: PLOVER JSON, ACLED-style CSV, GeoJSON."""

from __future__ import annotations

import csv
import io

from sitrep.export import ACLED_COLUMNS, acled_rows, geojson, plover_records, write_acled_csv

PLACE = {"name": "Exampleville", "geonameid": 1, "lat": 34.5, "lon": 69.1, "country_code": "AF",
         "admin1_code": "AF-KAB", "admin1_name": "Kabul", "kind": "populated_place"}


def _doc() -> dict:
    ev = {
        "id": "d1-e1", "plover": {"event": "ASSAULT", "mode": "firearms", "context": ["military"]},
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
        "actor": [{"id": "taliban", "name": "Taliban"}], "recipient": [{"id": "gen:police", "name": "police"}],
        "place": PLACE, "date": {"start": "2021-09-06", "end": "2021-09-06", "precision": "day"},
        "timeframe": "current", "status": "claimed",
        "claims": [{"source": {"id": "taliban", "name": "Taliban"}, "speaker": "A spokesman", "stance": "asserts",
                    "channel": "Twitter", "start": 0, "end": 4, "text": "said"}],
        "magnitude": {"killed": 4, "injured": None, "arrested": None},
        "evidence": [{"start": 0, "end": 30, "text": "Taliban fighters attacked police."}], "confidence": 0.9,
    }
    talk = {**ev, "id": "d1-e2", "acled": None, "place": None,
            "plover": {"event": "CONSULT", "mode": None, "context": []}, "date": None}
    return {"schema": "sitrep.document/1", "id": "d1", "title": None, "url": "http://x/1", "source": "Wire",
            "published": "2021-09-06", "places": [], "times": [],
            "actors": [{"id": "taliban", "name": "Taliban", "kind": "armed_group", "country": "AFG", "mentions": []}],
            "events": [ev, talk]}


def test_plover_records_follow_manual_fields() -> None:
    recs = list(plover_records([_doc(), {"id": "bad", "error": "x"}]))
    assert [r["id"] for r in recs] == ["d1-e1", "d1-e2"]
    r = recs[0]
    assert r["event"] == ["ASSAULT"] and r["mode"] == ["firearms"] and r["quad_code"] == 4
    assert r["date"] == "2021-09-06" and r["enddate"] is None
    assert r["actor"] == [{"name": "Taliban", "id": "taliban", "country": "AFG", "type": "armed_group"}]
    assert r["event_loc"]["admin1Code"] == "AF-KAB" and r["dead"] == 4
    assert r["status"] == "claimed" and r["claims"][0]["channel"] == "Twitter"
    assert recs[1]["quad_code"] == 1 and recs[1]["event_loc"] is None


def test_acled_csv_has_acled_columns_and_only_acled_events() -> None:
    buf = io.StringIO()
    n = write_acled_csv([_doc()], buf)
    assert n == 1
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0].keys()) == ACLED_COLUMNS
    row = rows[0]
    assert row["event_date"] == "2021-09-06" and row["year"] == "2021" and row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence" and row["sub_event_type"] == "Armed clash"
    assert row["country"] == "Afghanistan" and row["iso"] == "4" and row["admin1"] == "Kabul"
    assert row["latitude"] == "34.5000" and row["geo_precision"] == "1" and row["fatalities"] == "4"
    assert "Taliban asserts via Twitter" in row["notes"]
    assert row["source"] == "Wire"


def test_acled_month_precision_takes_the_midpoint() -> None:
    d = _doc()
    d["events"][0]["date"] = {"start": "2021-08", "end": "2021-08", "precision": "month"}
    (row,) = acled_rows([d])
    # codebook, "Time precision codes": a month-only date is coded at the month's midpoint, precision 3
    assert row["event_date"] == "2021-08-15" and row["year"] == 2021 and row["time_precision"] == 3


def test_geojson_points_for_placed_events_only() -> None:
    fc = geojson([_doc()])
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [69.1, 34.5]}
    assert f["properties"]["admin1_code"] == "AF-KAB" and f["properties"]["status"] == "claimed"
