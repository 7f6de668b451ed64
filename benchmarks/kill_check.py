"""kill -9 in the middle of `sitrep ingest` or `sitrep batch`, then check what is left and resume (issue 20).

    python benchmarks/kill_check.py ingest [--runs 12] [--articles 60] [--db postgresql://...]
    python benchmarks/kill_check.py batch [--runs 6] [--articles 60]

Invented articles (`size_bench.invented_text`, several events each) are written to a JSONL file; one
clean run makes the reference. Each run then starts the command in a fresh process on a fresh store (or
output folder), waits until some of the work is done and sends SIGKILL at a random moment (seeded), checks
what the killed process left, runs the same command again to the end and compares with the reference.

ingest: the killed store must pass SQLite's integrity and foreign-key checks (on SQLite), hold no event
without a mention, and every article it holds must have exactly the mentions and claims the reference has
for it (no half article); after the resume the merged events (ids, sources, status, claims, evidence)
must equal the reference's. batch: every part file left must be complete (no partial part), and after
the resume `cat part-*.jsonl` must equal the reference's byte for byte. Prints one line per run and a
summary; exit 1 when any run lost, doubled or broke anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from size_bench import invented_text  # noqa: E402

CLI = [sys.executable, "-c", "from sitrep.cli import main; main()"]
PG_TABLES = ("watch_alerts", "watch_items", "watch_sources", "claims", "event_mentions", "events", "articles",
             "actors", "places", "schema_version")


def write_inputs(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = invented_text(900, seed=1000 + i)
            f.write(json.dumps({"id": f"kill-{i:03d}", "text": text, "published": "2021-09-08"}) + "\n")


def reset_pg(url: str) -> None:
    from sqlalchemy import text

    from sitrep.store import make_engine

    eng = make_engine(url)
    with eng.begin() as conn:
        for t in PG_TABLES:
            conn.execute(text(f"DROP TABLE IF EXISTS {t} CASCADE"))
    eng.dispose()


def per_article(db: str) -> dict[str, tuple[int, int]]:
    """article id -> (mentions, claims) in the store at `db`."""
    from sqlalchemy import func, select

    from sitrep.store import Store
    from sitrep.store.schema import articles, claims, event_mentions

    s = Store(db)
    with s.engine.connect() as conn:
        ids = list(conn.execute(select(articles.c.id)).scalars())
        m = dict(conn.execute(select(event_mentions.c.article_id, func.count()).group_by(event_mentions.c.article_id)).all())
        c = dict(conn.execute(select(claims.c.article_id, func.count()).group_by(claims.c.article_id)).all())
    s.close()
    return {a: (int(m.get(a, 0)), int(c.get(a, 0))) for a in ids}


def snapshot(db: str) -> list[tuple[Any, ...]]:
    from sitrep.store import Store

    s = Store(db)
    out = sorted(
        (e["id"], e["status"], tuple(x["id"] for x in e["sources"]), len(e["claims"]), len(e["evidence"]))
        for e in s.query_events(limit=None)
    )
    s.close()
    return out


def store_problems(db: str, ref: dict[str, tuple[int, int]]) -> list[str]:
    """What is wrong with a killed store, against the reference's per-article counts."""
    from sqlalchemy import func, select, text

    from sitrep.store import Store
    from sitrep.store.schema import event_mentions, events

    problems = []
    s = Store(db)
    with s.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            ok = conn.execute(text("PRAGMA integrity_check")).scalar_one()
            if ok != "ok":
                problems.append(f"integrity_check: {ok}")
            if conn.execute(text("PRAGMA foreign_key_check")).first() is not None:
                problems.append("foreign_key_check failed")
        orphans = conn.execute(
            select(func.count()).select_from(events).where(
                ~events.c.id.in_(select(event_mentions.c.event_id)))
        ).scalar_one()
        if orphans:
            problems.append(f"{orphans} event(s) without a mention")
    s.close()
    for aid, counts in per_article(db).items():
        if ref.get(aid) != counts:
            problems.append(f"{aid}: mentions/claims {counts}, reference {ref.get(aid)} (half an article)")
    return problems


def _kill_when(proc: subprocess.Popen[bytes], progress: Any, total: int, rng: random.Random) -> int:
    """Wait until `progress()` > 0 (some work done), then a random 0-1.5 s, then SIGKILL; the progress
    seen at the kill (-1 when the process ended first)."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if progress() > 0:
                break
        except Exception:  # noqa: BLE001 - the store may be mid-creation
            pass
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 1.5))
    if proc.poll() is not None:
        return -1
    proc.kill()  # SIGKILL
    proc.wait()
    try:
        return int(progress())
    except Exception:  # noqa: BLE001
        return 0


def run_ingest(args: argparse.Namespace, inputs: Path, tmp: Path) -> int:
    def db_for(name: str) -> str:
        if args.db:
            reset_pg(args.db)
            return str(args.db)
        return str(tmp / f"{name}.db")

    cmd = [*CLI, "ingest", str(inputs), "--create", "--no-progress"]
    ref_db = db_for("ref")
    t = time.monotonic()
    subprocess.run([*cmd, "--db", ref_db], check=True, capture_output=True)
    print(f"reference: {args.articles} articles in {time.monotonic() - t:.1f} s", flush=True)
    ref_counts, ref_snap = per_article(ref_db), snapshot(ref_db)
    if args.db:
        pass  # the reference is read; the runs below reset the same database
    rng = random.Random(args.seed)
    bad = 0
    for run in range(1, args.runs + 1):
        db = db_for(f"run{run}")
        from sitrep.store import Store

        Store(db).close()  # the schema first (a kill inside a migration is the migration tests' business)
        proc = subprocess.Popen([*cmd, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def stored(db: str = db) -> int:
            from sitrep.store import Store

            s = Store(db)
            try:
                return s.count_articles()
            finally:
                s.close()

        at = _kill_when(proc, stored, args.articles, rng)
        problems = store_problems(db, ref_counts)
        subprocess.run([*cmd, "--db", db], check=True, capture_output=True)  # resume
        same = snapshot(db) == ref_snap and per_article(db) == ref_counts
        ok = not problems and same and at != -1
        bad += not ok
        print(f"run {run}: killed with {at} of {args.articles} articles stored; "
              f"{'consistent' if not problems else 'BROKEN: ' + '; '.join(problems[:3])}; "
              f"resumed {'= reference' if same else 'DIFFERS from reference'}", flush=True)
    print(f"ingest: {args.runs} kill -9 run(s), {bad} with a loss, a double or a broken store")
    return 1 if bad else 0


def run_batch(args: argparse.Namespace, inputs: Path, tmp: Path) -> int:
    cmd = [*CLI, "batch", str(inputs), "--workers", "1", "--block-docs", str(args.block_docs)]
    ref = tmp / "ref-out"
    t = time.monotonic()
    subprocess.run([*cmd, "--out", str(ref)], check=True, capture_output=True)
    print(f"reference: {args.articles} articles in {time.monotonic() - t:.1f} s", flush=True)

    def joined(d: Path) -> bytes:
        return b"".join(p.read_bytes() for p in sorted(d.glob("part-*.jsonl")))

    want = joined(ref)
    rng = random.Random(args.seed)
    bad = 0
    for run in range(1, args.runs + 1):
        out = tmp / f"out{run}"
        proc = subprocess.Popen([*cmd, "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        at = _kill_when(proc, lambda out=out: len(list(out.glob("part-*.jsonl"))), 0, rng)
        problems = []
        for p in sorted(out.glob("part-*.jsonl")):
            lines = p.read_bytes().split(b"\n")
            if lines[-1] != b"" or any(not ln.startswith(b"{") for ln in lines[:-1]):
                problems.append(f"{p.name} is partial")
            elif p.read_bytes() not in want:
                problems.append(f"{p.name} differs from the reference")
        subprocess.run([*cmd, "--out", str(out)], check=True, capture_output=True)  # resume
        same = joined(out) == want
        ok = not problems and same and at != -1
        bad += not ok
        print(f"run {run}: killed with {at} part file(s) written; "
              f"{'every part whole' if not problems else 'BROKEN: ' + '; '.join(problems[:3])}; "
              f"resumed {'= reference (byte-identical)' if same else 'DIFFERS from reference'}", flush=True)
    print(f"batch: {args.runs} kill -9 run(s), {bad} with a loss, a double or a partial part")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["ingest", "batch"])
    ap.add_argument("--runs", type=int, default=12)
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--block-docs", type=int, default=5, help="batch: documents per part file")
    ap.add_argument("--db", help="ingest: a postgresql:// URL to use (its tables are DROPPED) instead of SQLite files")
    ap.add_argument("--seed", type=int, default=20261203)
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory(prefix="sitrep-kill-") as d:
        tmp = Path(d)
        inputs = tmp / "articles.jsonl"
        write_inputs(inputs, args.articles)
        return run_ingest(args, inputs, tmp) if args.mode == "ingest" else run_batch(args, inputs, tmp)


if __name__ == "__main__":
    sys.exit(main())
