"""Batch runs: same output as the single-process pipeline, FILE:LINE errors, parts that concatenate,
resume, and a real Dask distributed LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.scale import process_lines, run_batch

LINES = [
    json.dumps({"id": f"a{i}", "text": f"Soldiers clashed with rebels near the border on day {i}.",
                "published": f"2015-06-0{1 + i % 9}"})
    for i in range(12)
]


def _archive(tmp_path: Path) -> Path:
    src = tmp_path / "archive.jsonl"
    body = "\n".join(LINES[:5] + ["not json", json.dumps({"id": "s", "text": "\ud800 x"}), ""] + LINES[5:])
    src.write_bytes(body.encode("utf-8", "surrogatepass") + b"\n\xff\xfe bad bytes\n")
    return src


def _outputs(out: Path) -> list[dict]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("part-*.jsonl")))
    return [json.loads(x) for x in text.splitlines()]  # concatenated parts are valid JSONL


def test_process_lines_keeps_order_and_errors() -> None:
    out = [json.loads(x) for x in process_lines([LINES[0], "{broken", LINES[1], json.dumps({"id": "z"})])]
    assert [o.get("id") for o in out] == ["a0", None, "a1", "z"]
    assert "error" in out[1] and "error" in out[3] and out[0]["schema"] == "sitrep.document/1"
    assert out[1]["error"].startswith("<input>:2:")


def test_in_process_batch_names_file_and_line_and_matches_extract(tmp_path: Path) -> None:
    src = _archive(tmp_path)
    r = run_batch([str(src)], tmp_path / "out", workers=1, block_docs=4, progress=False)
    recs = _outputs(tmp_path / "out")
    assert r.documents == len(recs) == 15 and r.errors == 3 and r.parts == 4
    errs = [x["error"] for x in recs if "error" in x]
    assert errs[0].startswith(f"{src}:6:") and errs[1].startswith(f"{src}:7:") and errs[2].startswith(f"{src}:16:")
    single = {json.loads(x)["id"]: json.loads(x) for x in process_lines(LINES)}
    assert {x["id"]: x for x in recs if "error" not in x} == single
    assert [x["id"] for x in recs if "error" not in x] == [f"a{i}" for i in range(12)]  # input order


def test_resume_skips_finished_parts_and_refuses_other_inputs(tmp_path: Path) -> None:
    src = _archive(tmp_path)
    out = tmp_path / "out"
    run_batch([str(src)], out, workers=1, block_docs=4, progress=False)
    first = sorted(out.glob("part-*.jsonl"))
    first[-1].unlink()  # as if the run had been killed before its last part
    r = run_batch([str(src)], out, workers=1, block_docs=4, progress=False)
    assert r.skipped_parts == 3 and r.parts == 1 and r.documents == 15
    with pytest.raises(ValueError, match="other inputs"):
        run_batch([str(src)], out, workers=1, block_docs=5, progress=False)
    r = run_batch([str(src)], out, workers=1, block_docs=5, restart=True, progress=False)
    assert r.parts == 3 and r.skipped_parts == 0


def test_local_cluster_gives_the_same_output(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    src = _archive(tmp_path)
    run_batch([str(src)], tmp_path / "one", workers=1, block_docs=3, progress=False)
    r = run_batch([str(src)], tmp_path / "two", workers=2, block_docs=3, progress=False)
    assert r.documents == 15 and r.errors == 3
    assert _outputs(tmp_path / "two") == _outputs(tmp_path / "one")
