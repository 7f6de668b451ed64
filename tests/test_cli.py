"""`sitrep extract`: formats, batch error records, exit status, order."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main

ARTICLE = (
    "KABUL, Afghanistan (March 3, 2012)\n"
    "Insurgents attacked a police checkpoint in Ghazni province on Friday, killing two officers, "
    "a provincial spokesman said. Police arrested three suspects after the attack."
)


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_extract_json_one_document(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = _run("extract", str(f), "--published", "2012-03-03")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["schema"] == "sitrep.document/1" and doc["id"] == "a" and doc["published"] == "2012-03-03"
    for key in ("places", "times", "actors", "events"):
        assert isinstance(doc[key], list)
    for m in doc["places"] + doc["times"]:
        assert ARTICLE[m["start"]:m["end"]] == m["text"]


def test_extract_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "one", "text": ARTICLE}),
        "garbage",
        json.dumps({"id": "three", "text": "Protesters marched peacefully in the capital.", "published": "2020-01-02"}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = _run("extract", str(f), "--format", "jsonl", "-o", str(out))
    assert r.exit_code == 1
    assert f"{f}:2" in r.stderr and "not JSON" in r.stderr
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x.get("id") for x in recs] == ["one", None, "three"]
    assert "error" in recs[1] and "error" not in recs[0] and "error" not in recs[2]
    assert recs[2]["published"] == "2020-01-02"


def test_extract_stdin_jsonl() -> None:
    line = json.dumps({"id": "s", "text": ARTICLE}) + "\n"
    r = _run("extract", "-", "--format", "jsonl", input=line)
    assert r.exit_code == 0
    assert json.loads(r.stdout.splitlines()[0])["id"] == "s"


def test_extract_exports(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = _run("extract", str(f), "--format", "acled-csv")
    assert r.exit_code == 0
    header = next(csv.reader(io.StringIO(r.stdout)))
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    r = _run("extract", str(f), "--format", "geojson")
    assert json.loads(r.stdout)["type"] == "FeatureCollection"
    r = _run("extract", str(f), "--format", "plover")
    assert r.exit_code == 0
    for line in r.stdout.splitlines():
        assert "event" in json.loads(line)


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(f), "--published", "yesterday"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_too_long_text_is_refused_with_advice(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_text("word " * 250_001, encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text(ARTICLE, encoding="utf-8")
    r = _run("extract", str(f), str(ok), "--format", "jsonl")
    assert r.exit_code == 1
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert "split it" in recs[0]["error"] and "error" not in recs[1]
