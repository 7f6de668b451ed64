"""Scale-out: run `extract` over large JSONL archives with Dask (local processes or a cluster).

One machine: `sitrep batch archive/*.jsonl --out out/ --scheduler processes` uses every core, each
worker process loading the model and gazetteer once. Many machines: start a Dask cluster
(`dask scheduler` / `dask worker`, package `distributed`, with sitrep installed on every worker) and
pass `--scheduler tcp://HOST:8786`.

Input files are split into blocks of lines (`blocksize`), so one large file is spread over workers.
Each output line is a contract document or an error record; a bad line never stops its partition.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..document import error_record


def process_lines(lines: Iterable[str], published: str | None = None) -> list[str]:
    """Process JSONL article lines in one worker; returns contract JSON lines in the same order."""
    from .. import make_document
    from ..ingest import parse_date, printable_id, strip_nul, text_problem
    from ..pipeline import default_pipeline

    records: list[dict[str, Any] | None] = []
    docs = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        obj: Any = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
                raise ValueError('expected a JSON object with a non-empty "text"')
            for k in ("id", "text", "title", "url", "source"):
                if isinstance(obj.get(k), str) and (problem := text_problem(obj[k])):
                    if k in ("id",) or not problem.startswith("holds a NUL"):
                        raise ValueError(f'"{k}" {problem}')
                    obj[k] = strip_nul(obj[k])
            pub = parse_date(obj.get("published"), '"published"') or parse_date(published)
            docs.append(make_document(obj["text"], pub, id=obj.get("id", f"line-{len(records) + 1}"),
                                      title=obj.get("title"), url=obj.get("url"), source=obj.get("source")))
            records.append(None)
        except (ValueError, TypeError, RecursionError) as exc:
            rid = obj.get("id") if isinstance(obj, dict) else None
            msg = "JSON nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            records.append(error_record(printable_id(str(rid)) if rid is not None else None, f"bad input line: {msg}"))
    done = iter(default_pipeline().pipe(docs))
    out = []
    for rec in records:
        if rec is None:
            d = next(done)
            rec = error_record(d.id, d.meta["error"]) if "error" in d.meta else d.to_contract()
        out.append(json.dumps(rec, ensure_ascii=False))
    return out


def dask_extract(
    inputs: list[str],
    out_dir: str | Path,
    scheduler: str = "processes",
    blocksize: str | int = "4MiB",
    published: str | None = None,
) -> dict[str, int]:
    """Extract every JSONL line of `inputs` into `out_dir/part-*.jsonl`; returns counts."""
    import dask
    import dask.bag as db

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bag = db.read_text(list(inputs), blocksize=blocksize, linedelimiter="\n")
    results = bag.map_partitions(process_lines, published)
    if scheduler.startswith(("tcp://", "tls://")):
        from distributed import Client  # optional: only for a real cluster

        with Client(scheduler):
            paths = results.to_textfiles(str(out_dir / "part-*.jsonl"))
    else:
        with dask.config.set(scheduler=scheduler):
            paths = results.to_textfiles(str(out_dir / "part-*.jsonl"))
    n = n_err = 0
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                n += 1
                n_err += '"error"' in line[:200] and "error" in json.loads(line)
    return {"documents": n, "errors": n_err, "parts": len(paths)}
