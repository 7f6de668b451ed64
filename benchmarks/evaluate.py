"""Run `sitrep extract` on every dev corpus in ../shared/eval/data and score it with score.py.

    python benchmarks/evaluate.py [--shared ../shared] [--out /tmp/sitrep-eval] [--only NAME ...]
                                  [--no-run]

For each corpus it prints two summary lines from score.py: the **held-back** share
(`../shared/eval/heldback/NAME.ids`, whose errors are never read) and the **rest** (the share errors may
be read from), then the contract check. The README's tables come from this output; they lead with the
held-back figure. `--no-run` re-scores predictions already in `--out`.

The evaluation data is not part of the repository (see ../shared/eval/README.md for its licences); the
script says so and stops when `--shared` does not hold it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

# (input name, scorer, held-back list)
CORPORA = [
    ("acled_notes.dev", "record", "acled_notes"),
    ("case2021.dev", "acled", "case2021"),
    ("plover_gsr.dev", "plover", "plover_gsr"),
    ("isaf.dev", "isaf", "isaf"),
    ("polnear.dev", "attrib", "polnear"),
    ("tempeval3.dev", "time", "tempeval3"),
    ("geowebnews.dev", "geo", "geowebnews"),
    ("afghanistan2021_headlines", None, None),
]


def _last(out: str) -> str:
    lines = out.strip().splitlines()
    return lines[-1] if lines else "(no output)"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--out", default=f"/tmp/sitrep-eval-{Path(__file__).resolve().parents[1].name}")
    ap.add_argument("--only", nargs="*", help="corpus names to run (default: all)")
    ap.add_argument("--no-run", action="store_true", help="score existing predictions in --out")
    a = ap.parse_args()
    shared = Path(a.shared).resolve()
    data = shared / "eval" / "data"
    score = shared / "eval" / "score.py"
    if not score.exists() or not data.is_dir():
        print(f"evaluate.py: no evaluation data at {shared}/eval (pass --shared DIR); "
              "the corpora are not shipped with sitrep", file=sys.stderr)
        return 2
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    worst = 0
    for name, kind, held in CORPORA:
        if a.only and name not in a.only:
            continue
        inp = data / f"{name}.input.jsonl"
        if not inp.exists():
            print(f"== {name}: not found in {data}, skipped")
            continue
        pred = out / f"{name}.pred.jsonl"
        dt = 0.0
        if not a.no_run:
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(inp), "--format", "jsonl",
                                "-o", str(pred), "--no-progress"], capture_output=True, text=True)
            dt = time.perf_counter() - t0
            if r.returncode:
                print("   " + "\n   ".join(r.stderr.strip().splitlines()[-5:]))
                worst = max(worst, 1)
        check = subprocess.run([sys.executable, str(score), "check", str(pred)], capture_output=True, text=True)
        print(f"== {name}: {dt:.1f} s; {_last(check.stdout)}")
        if not kind:
            continue
        gold = data / f"{name}.gold.jsonl"
        ids = shared / "eval" / "heldback" / f"{held}.ids"
        if ids.exists():
            for label, flag in (("held-back", "--ids"), ("rest", "--without-ids")):
                s = subprocess.run([sys.executable, str(score), kind, str(gold), str(pred), flag, str(ids)],
                                   capture_output=True, text=True)
                print(f"   {label:9s} {_last(s.stdout)}")
        else:
            s = subprocess.run([sys.executable, str(score), kind, str(gold), str(pred)],
                               capture_output=True, text=True)
            print(f"   all       {_last(s.stdout)}")
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
