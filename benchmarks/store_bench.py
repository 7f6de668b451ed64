"""Store benchmark: ingest throughput and API latency.

    python benchmarks/store_bench.py /work/shared/eval/data/afghanistan2021_headlines.input.jsonl [--db URL] [--requests 200]

Measures, on a fresh database (a temporary SQLite file unless --db is given):
- ingest: articles/s of the whole `sitrep ingest` path (pipeline + store) and of the store alone;
- re-ingest of the same input (everything unchanged, so skipped);
- GET /api/events latency (p50/p95/max, ms) over a real uvicorn server on 127.0.0.1, unfiltered
  (limit 100) and filtered (admin1 / since / type).
The input file is read where it is; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def _percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(q * (len(xs) - 1))))
    return xs[k]


def bench_ingest(path: str, db: str) -> dict[str, Any]:
    from sitrep.document import Document
    from sitrep.ingest import read_inputs
    from sitrep.pipeline import default_pipeline
    from sitrep.store import Store

    store = Store(db)
    pipe = default_pipeline()
    pipe(Document(text="Warm-up sentence in Kabul.", id="warmup"))  # load models before timing
    t0 = time.perf_counter()
    docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    processed = list(pipe.pipe(docs))
    t_pipe = time.perf_counter() - t1
    t2 = time.perf_counter()
    n_events = 0
    for d in processed:
        if "error" not in d.meta:
            n_events += store.ingest(d).events
    t_store = time.perf_counter() - t2
    t3 = time.perf_counter()
    again = [store.ingest(d).action for d in processed if "error" not in d.meta]
    t_again = time.perf_counter() - t3
    n = len(processed)
    total = t_read + t_pipe + t_store
    return {
        "articles": n,
        "pipeline_errors": sum("error" in d.meta for d in processed),
        "event_mentions": n_events,
        "merged_events": store.count_events(),
        "ingest_total_s": round(total, 2),
        "ingest_articles_per_s": round(n / total, 1),
        "pipeline_articles_per_s": round(n / t_pipe, 1),
        "store_articles_per_s": round(n / t_store, 1),
        "reingest_unchanged": again.count("unchanged"),
        "reingest_articles_per_s": round(n / t_again, 1),
    }


def bench_api(db: str, requests: int) -> dict[str, Any]:
    import httpx
    import uvicorn

    from sitrep.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.05)
    out: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            for name, params in {
                "events_limit100": {"limit": 100},
                "events_admin1": {"admin1": "AF-PAN"},
                "events_since_type": {"since": "2021-08-01", "type": "Battles"},
            }.items():
                c.get("/api/events", params=params).raise_for_status()  # warm
                lat = []
                for _ in range(requests):
                    t = time.perf_counter()
                    r = c.get("/api/events", params=params)
                    lat.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                out[name] = {
                    "n": requests,
                    "events_returned": len(r.json()["events"]),
                    "p50_ms": round(statistics.median(lat), 2),
                    "p95_ms": round(_percentile(lat, 0.95), 2),
                    "max_ms": round(max(lat), 2),
                }
    finally:
        server.should_exit = True
        th.join(timeout=10)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSONL (or any input `sitrep ingest` reads)")
    ap.add_argument("--db", help="database (default: a fresh temporary SQLite file)")
    ap.add_argument("--requests", type=int, default=200, help="requests per API query")
    args = ap.parse_args()
    from _needs import need

    need(args.input)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        res = {
            "input": args.input,
            "db": "sqlite (temporary file)" if not args.db else "given",
            **bench_ingest(args.input, db),
        }
        res["api"] = bench_api(db, args.requests)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
