"""Dask batch runs: same output as the single-process pipeline, bad lines become error records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask")

from sitrep.scale import dask_extract, process_lines  # noqa: E402

LINES = [
    json.dumps({"id": f"a{i}", "text": f"Soldiers clashed with rebels near the border on day {i}.",
                "published": f"2015-06-0{1 + i % 9}"})
    for i in range(12)
]


def test_process_lines_keeps_order_and_errors() -> None:
    out = [json.loads(x) for x in process_lines([LINES[0], "{broken", LINES[1], json.dumps({"id": "z"})])]
    assert [o.get("id") for o in out] == ["a0", None, "a1", "z"]
    assert "error" in out[1] and "error" in out[3] and out[0]["schema"] == "sitrep.document/1"


def test_dask_extract_matches_single_process(tmp_path: Path) -> None:
    src = tmp_path / "archive.jsonl"
    src.write_text("\n".join(LINES + ["not json"]) + "\n", encoding="utf-8")
    counts = dask_extract([str(src)], tmp_path / "out", scheduler="synchronous", blocksize=400)
    assert counts["documents"] == 13 and counts["errors"] == 1 and counts["parts"] > 1
    got = {}
    for p in sorted((tmp_path / "out").glob("part-*.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if "error" not in rec:
                got[rec["id"]] = rec
    single = {json.loads(x)["id"]: json.loads(x) for x in process_lines(LINES)}
    assert got == single
