"""Scale benchmark: a synthetic archive through `sitrep batch`, and a store of synthetic events.

    # an archive of N articles in /tmp (dev texts shuffled, re-dated, ids renamed); never in the repository
    python benchmarks/scale_bench.py archive --n 800 --out /tmp/scale/archive-800.jsonl ../shared/eval/data/*.input.jsonl
    # extract once, then batch --workers 1 and 2 alternately; outputs compared with extract's (by id)
    python benchmarks/scale_bench.py batch /tmp/scale/archive-800.jsonl --rounds 2 [--no-extract]
    # the batch output into the store through Store.ingest, then synthetic events up to --events
    python benchmarks/scale_bench.py store --parts /tmp/scale/run-w2 --archive /tmp/scale/archive-800.jsonl --db /tmp/scale/store.db --events 1000000
    # GET /api/events with filters, the timeline, a windowed recluster: p50/p99
    python benchmarks/scale_bench.py query --db /tmp/scale/store.db --requests 100

`batch` runs `sitrep batch` as a subprocess and samples the resident memory of its process tree every
0.2 s (psutil): the peak of each process (the client, each Dask worker) is reported. Every figure is
printed with the load average at the start and end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PY = sys.executable
SITREP = [PY, "-c", "import sys; from sitrep.cli import main; sys.argv[0] = 'sitrep'; main()"]


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, round(q * (len(xs) - 1))))]


# ------------------------------------------------------------------------------------------ archive
def build_archive(inputs: list[str], n: int, out: str, seed: int = 18, skip: str = "") -> int:
    """N articles drawn (with repetition when N exceeds the inputs) from the dev texts, shuffled, each
    given a new id and a new publication date (2018-01-01 .. 2024-12-31). Ids listed in the files of
    folder `skip` (the held-back shares) are left out."""
    held: set[str] = set()
    if skip:
        for p in Path(skip).glob("*.ids"):
            held |= {ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()}
    rows = []
    for p in inputs:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                if str(r.get("id")) in held:
                    continue
                rows.append({"text": r["text"], "title": r.get("title")})
    rng = random.Random(seed)
    start = date(2018, 1, 1)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        order: list[int] = []
        while len(order) < n:
            block = list(range(len(rows)))
            rng.shuffle(block)
            order += block
        for i, k in enumerate(order[:n]):
            r = rows[k]
            pub = start + timedelta(days=rng.randrange(7 * 365))
            rec = {"id": f"syn-{i:07d}-{hashlib.sha1(str(k).encode()).hexdigest()[:6]}", "text": r["text"],
                   "published": pub.isoformat()}
            if r.get("title"):
                rec["title"] = r["title"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


# ------------------------------------------------------------------------------------------ batch
class RssSampler:
    """Peak resident memory of a process and its descendants, sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak: dict[int, tuple[str, int]] = {}
        self.every = every
        self.stop = threading.Event()
        self.th = threading.Thread(target=self.run, daemon=True)
        self.th.start()

    def run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    cmd = " ".join(p.cmdline()[:6])
                except psutil.Error:
                    continue
                if rss > self.peak.get(p.pid, ("", 0))[1]:
                    self.peak[p.pid] = (cmd, rss)
            self.stop.wait(self.every)

    def done(self) -> list[tuple[str, float]]:
        self.stop.set()
        self.th.join()
        return sorted(((c, r / 2**20) for c, r in self.peak.values() if r > 50 * 2**20), key=lambda x: -x[1])


def run_cmd(cmd: list[str]) -> tuple[float, list[tuple[str, float]]]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    s = RssSampler(p.pid)
    _, err = p.communicate()
    dt = time.perf_counter() - t0
    mem = s.done()
    if p.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed ({p.returncode}): {err[-2000:]}")
    return dt, mem


def by_id(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        if line.strip():
            out[json.loads(line)["id"]] = line.rstrip("\n")
    return out


def parts_lines(d: Path) -> list[str]:
    return [ln for p in sorted(d.glob("part-*.jsonl")) for ln in p.read_text(encoding="utf-8").split("\n") if ln.strip()]


def bench_batch(archive: str, rounds: int, extract: bool, workdir: str, block_docs: int) -> None:
    n_docs = sum(1 for ln in open(archive, encoding="utf-8") if ln.strip())
    print(f"archive {archive}: {n_docs} articles")
    wd = Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    ref = None
    if extract:
        out = wd / "extract.jsonl"
        print(f"extract: start, {load()}")
        dt, mem = run_cmd([*SITREP, "extract", archive, "--format", "jsonl", "-o", str(out),
                           "--no-progress"])
        ref = by_id(out.read_text(encoding="utf-8").split("\n"))
        print(f"extract: {dt:.1f} s, {n_docs / dt:.1f} documents/s, peak RSS {mem[0][1]:.0f} MiB; end, {load()}")
    times: dict[int, list[float]] = {1: [], 2: []}
    for r in range(rounds):
        for w in (1, 2):
            out_dir = wd / f"run-w{w}"
            shutil.rmtree(out_dir, ignore_errors=True)
            print(f"round {r + 1} batch --workers {w}: start, {load()}")
            dt, mem = run_cmd([*SITREP, "batch", archive, "--out", str(out_dir), "--workers", str(w),
                               "--block-docs", str(block_docs), "--no-progress"])
            times[w].append(dt)
            lines = parts_lines(out_dir)
            n_events = sum(len(json.loads(ln).get("events") or []) for ln in lines)
            same = "" if ref is None else f", identical to extract: {by_id(lines) == ref}"
            print(f"round {r + 1} batch --workers {w}: {dt:.1f} s, {len(lines) / dt:.1f} documents/s, "
                  f"{n_events / dt:.1f} events/s ({n_events} events){same}; end, {load()}")
            for cmd, mib in mem:
                print(f"    peak RSS {mib:7.0f} MiB  {cmd[:110]}")
    if times[1] and times[2]:
        ratios = [b / a for a, b in zip(times[1], times[2], strict=True)]
        print(f"workers 2 / workers 1: mean of {len(ratios)} alternating rounds "
              f"{statistics.mean(ratios):.2f} (each: {', '.join(f'{x:.2f}' for x in ratios)})")


# ------------------------------------------------------------------------------------------ store
def bench_store(
    parts: str, archive: str, db: str, events: int, chunk: int, seed: int = 18, every: int = 0, limit: int = 0
) -> None:
    from sqlalchemy import func, select

    from sitrep.store import Store, merge
    from sitrep.store.schema import event_mentions
    from sitrep.store.schema import events as events_t

    store = Store(db)
    lines = parts_lines(Path(parts))
    recs = [json.loads(ln) for ln in lines]
    recs = [r for r in recs if "error" not in r]
    if limit:
        recs = recs[:limit]
    texts = {r["id"]: r["text"] for r in map(json.loads, open(archive, encoding="utf-8"))}
    print(f"store {db}: {len(recs)} processed articles from {parts}; start, {load()}")
    t0 = time.perf_counter()
    n_ev = 0
    t_block, c_block, ev_block = t0, time.process_time(), 0
    for i, r in enumerate(recs, 1):
        got = store.ingest(r, text=texts[r["id"]]).events
        n_ev += got
        ev_block += got
        if every and i % every == 0:  # the rate of each block of `every` articles, against the store's size
            now, cpu = time.perf_counter(), time.process_time()
            print(f"  {i} articles stored: the last {every} at {every / (now - t_block):.1f} articles/s "
                  f"({every / (cpu - c_block):.1f} per CPU second of this process), "
                  f"{ev_block / (now - t_block):.1f} events/s; {now - t0:.0f} s in all; {load()}", flush=True)
            t_block, c_block, ev_block = now, cpu, 0
    dt = time.perf_counter() - t0
    print(f"Store.ingest: {len(recs)} articles, {n_ev} article events in {dt:.1f} s: "
          f"{len(recs) / dt:.1f} articles/s, {n_ev / dt:.1f} events/s; "
          f"merged events {store.count_events()}; end, {load()}")
    # synthetic events: the stored article events that have a country and a type, copied with a new date
    # (2018-2024) and a new id, each written as an article (one row), a mention and a merged event through the store's own
    # row builder for events (`Store._columns`, as `_insert_event` uses), `chunk` events per transaction
    templates = []
    with store.engine.connect() as conn:
        for (data,) in conn.execute(select(event_mentions.c.data)):
            if merge.place_key(data)[0] and any(merge.type_key(data)):
                templates.append(data)
        have = int(conn.execute(select(func.count()).select_from(events_t)).scalar_one())
    if not templates:
        raise SystemExit("no stored event with a place to copy")
    rng = random.Random(seed)
    start = date(2018, 1, 1)
    todo = events - have
    print(f"synthetic events: {todo} more from {len(templates)} templates; start, {load()}")
    t0 = time.perf_counter()
    made = 0
    from sitrep.store.schema import articles

    while made < todo:
        k = min(chunk, todo - made)
        arts, evs, ments = [], [], []
        for _ in range(k):
            ev = json.loads(json.dumps(rng.choice(templates)))
            d = start + timedelta(days=rng.randrange(7 * 365))
            ev["date"] = {"start": d.isoformat(), "end": d.isoformat(), "precision": "day"}
            aid = f"synthetic-{made:08d}"
            eid = "ev-" + hashlib.sha1(aid.encode()).hexdigest()[:16]
            arts.append({"id": aid, "content_hash": hashlib.sha1(aid.encode()).hexdigest(), "title": None,
                         "url": None, "source": "synthetic", "published": d.isoformat(), "text": "",
                         "document": {"id": aid}, "ingested_at": "2026-12-03T00:00:00Z"})
            evs.append({"id": eid, **store._columns({**ev, "id": eid, "n_articles": 1})})
            ments.append({"article_id": aid, "local_id": "e0", "event_id": eid, "data": ev,
                          "evidence": ev.get("evidence"), "reason": {"new": True}})
            made += 1
        with store.transaction() as conn:  # one executemany per table and chunk
            conn.execute(articles.insert(), arts)
            conn.execute(events_t.insert(), evs)
            conn.execute(event_mentions.insert(), ments)
        if made % (chunk * 10) == 0 or made == todo:
            el = time.perf_counter() - t0
            print(f"  {made} synthetic events, {made / el:.0f} events/s, {load()}", flush=True)
    print(f"store now holds {store.count_events()} merged events; {load()}")


def windowed_recluster(store: Any, country: str, admin1: str | None, since: str, until: str) -> dict[str, int]:
    """Re-merge the article events of one window (country, province, dates) with the store's criteria
    (`merge.best_match`, `merge.merged_event`), in the content-fixed order of `Store.recluster`: the
    reads and the merge of a windowed recluster, without writing (the store's own `recluster` is global)."""
    from sqlalchemy import select

    from sitrep.store import merge
    from sitrep.store.schema import event_mentions, events

    with store.engine.connect() as conn:
        ids = select(events.c.id).where(
            events.c.country == country,
            events.c.admin1 == admin1 if admin1 else events.c.admin1.is_(None),
            events.c.date_hi >= since, events.c.date_lo <= until)
        rows = conn.execute(
            select(event_mentions.c.article_id, event_mentions.c.local_id, event_mentions.c.data)
            .where(event_mentions.c.event_id.in_(ids))).all()

    def order(r: Any) -> tuple[str, str, str]:
        lo, _ = merge.date_bounds(r.data.get("date"))
        return (lo.isoformat() if lo else "9999-99-99", r.article_id, r.local_id)

    clusters: list[dict[str, Any]] = []
    for r in sorted(rows, key=order):
        found, why = merge.best_match(((i, c["data"]) for i, c in enumerate(clusters)
                                       if r.article_id not in c["articles"]), r.data)
        if found is None:
            clusters.append({"members": [], "articles": set()})
            found, why = len(clusters) - 1, {"new": True}
        c = clusters[found]
        c["members"].append({"article_id": r.article_id, "local_id": r.local_id, "event": r.data, "reason": why})
        c["articles"].add(r.article_id)
        c["data"] = merge.merged_event(f"w{found}", c["members"])
    return {"mentions": len(rows), "clusters": len(clusters)}


def bench_query(db: str, requests: int) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from sitrep.api import create_app
    from sitrep.store import Store
    from sitrep.store.schema import events

    store = Store(db)
    with store.engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(events)).scalar_one())
        top = conn.execute(select(events.c.country, events.c.admin1, func.count().label("n"))
                           .where(events.c.admin1.is_not(None))
                           .group_by(events.c.country, events.c.admin1)
                           .order_by(func.count().desc()).limit(1)).first()
        etype = conn.execute(select(events.c.event_type, func.count()).where(events.c.event_type.is_not(None))
                             .group_by(events.c.event_type).order_by(func.count().desc()).limit(1)).first()[0]
    country, admin1, n_top = top
    print(f"query {db}: {n} merged events; busiest province {admin1} ({country}, {n_top} events); "
          f"type {etype}; {load()}")
    client = TestClient(create_app(db))
    queries = {
        "events limit 100": ("/api/events", {"limit": 100}),
        "events country": ("/api/events", {"country": country}),
        "events country+admin1+dates": ("/api/events", {"country": country, "admin1": admin1,
                                                        "since": "2021-01-01", "until": "2021-06-30"}),
        "events admin1+dates+type": ("/api/events", {"admin1": admin1, "since": "2021-01-01",
                                                     "until": "2021-12-31", "type": etype}),
        "timeline": (f"/api/regions/{admin1}/timeline", {}),
    }
    for name, (url, params) in queries.items():
        r = client.get(url, params=params)
        r.raise_for_status()
        lat = []
        for _ in range(requests):
            t = time.perf_counter()
            r = client.get(url, params=params)
            lat.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
        body = r.json()
        size = body.get("total", len(body.get("events", []))) if isinstance(body, dict) else len(body)
        print(f"  {name:30s} n={requests} matched={size}: p50 {pct(lat, 0.5):8.1f} ms  p99 {pct(lat, 0.99):8.1f} ms; "
              f"{load()}")
    lat = []
    res: dict[str, int] = {}
    rng = random.Random(18)
    for _ in range(max(5, requests // 10)):
        m = rng.randrange(1, 13)
        since = f"2021-{m:02d}-01"
        until = (date(2021, m, 1) + timedelta(days=30)).isoformat()
        t = time.perf_counter()
        res = windowed_recluster(store, country, admin1, since, until)
        lat.append((time.perf_counter() - t) * 1000)
    print(f"  windowed recluster ({country}/{admin1}, 31 days) n={len(lat)} last={res}: p50 {pct(lat, 0.5):8.1f} ms  "
          f"p99 {pct(lat, 0.99):8.1f} ms; {load()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("archive")
    a.add_argument("inputs", nargs="+")
    a.add_argument("--n", type=int, required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--skip", default=str(Path(__file__).resolve().parents[2] / "shared/eval/heldback"),
                   help="folder of *.ids files whose articles are left out (default: the held-back shares)")
    b = sub.add_parser("batch")
    b.add_argument("archive")
    b.add_argument("--rounds", type=int, default=1)
    b.add_argument("--no-extract", action="store_true")
    b.add_argument("--workdir", default="/tmp/scale")
    b.add_argument("--block-docs", type=int, default=50)
    s = sub.add_parser("store")
    s.add_argument("--parts", required=True)
    s.add_argument("--archive", required=True, help="the archive the parts were made from (for the texts)")
    s.add_argument("--db", required=True)
    s.add_argument("--events", type=int, default=1_000_000)
    s.add_argument("--chunk", type=int, default=5000)
    s.add_argument("--every", type=int, default=0, help="print the ingest rate of each block of this many articles")
    s.add_argument("--limit", type=int, default=0, help="ingest only the first this many processed articles")
    q = sub.add_parser("query")
    q.add_argument("--db", required=True)
    q.add_argument("--requests", type=int, default=100)
    args = ap.parse_args()
    if args.cmd == "archive":
        if Path(args.out).resolve().is_relative_to(Path(__file__).resolve().parents[1]):
            raise SystemExit("the archive is built from evaluation texts: write it outside the repository")
        build_archive(args.inputs, args.n, args.out, skip=args.skip)
        print(f"wrote {args.n} articles to {args.out}")
    elif args.cmd == "batch":
        bench_batch(args.archive, args.rounds, not args.no_extract, args.workdir, args.block_docs)
    elif args.cmd == "store":
        bench_store(args.parts, args.archive, args.db, args.events, args.chunk, every=args.every, limit=args.limit)
    else:
        bench_query(args.db, args.requests)


if __name__ == "__main__":
    main()
