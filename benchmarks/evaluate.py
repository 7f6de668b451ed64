"""Run `sitrep extract` on every dev corpus in ../shared/eval/data and score it with score.py.

    python benchmarks/evaluate.py [--shared ../shared] [--out /tmp/sitrep-eval]

Prints each corpus's summary line from score.py and the contract check; the README's table comes
from this output.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

CORPORA = [("tempeval3.dev", "time"), ("geowebnews.dev", "geo"), ("case2021.dev", "acled"),
           ("isaf.dev", "isaf"), ("plover_gsr.dev", "plover"), ("afghanistan2021_headlines", None)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--out", default="/tmp/sitrep-eval")
    ap.add_argument("--only", nargs="*", help="corpus names to run (default: all)")
    a = ap.parse_args()
    shared = Path(a.shared).resolve()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    score = shared / "eval" / "score.py"
    worst = 0
    for name, kind in CORPORA:
        if a.only and name not in a.only:
            continue
        inp = shared / "eval" / "data" / (f"{name}.input.jsonl")
        pred = out / f"{name}.pred.jsonl"
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(inp), "--format", "jsonl",
                            "-o", str(pred), "--no-progress"], capture_output=True, text=True)
        dt = time.perf_counter() - t0
        check = subprocess.run([sys.executable, str(score), "check", str(pred)], capture_output=True, text=True)
        print(f"== {name}: {dt:.1f} s, exit {r.returncode}; {check.stdout.strip().splitlines()[-1]}")
        if r.returncode:
            print("   " + "\n   ".join(r.stderr.strip().splitlines()[-5:]))
            worst = max(worst, 1)
        if kind:
            gold = shared / "eval" / "data" / f"{name}.gold.jsonl"
            s = subprocess.run([sys.executable, str(score), kind, str(gold), str(pred)], capture_output=True, text=True)
            print("   " + s.stdout.strip().splitlines()[-1])
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
