"""Time and memory per pipeline stage against document length, on invented text (issue 20, case 6).

    python benchmarks/size_bench.py [--sizes 25000,100000,200000] [--budget 0]

Each size runs in a fresh process (so peak RSS is that size's own): the text is built from invented
sentences (armed groups, places, dates, counts, claims, in the shapes news uses), then every stage runs
once, timed on its own. Prints one line per size: seconds per stage, total, peak RSS in MB, and the
growth ratio of the total against the previous size (linear: the size ratio; quadratic: its square).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

SUBJECTS = ["The Invented Liberation Front (ILF)", "Blue Hill Brigade fighters", "Government forces",
            "The Zorvan provincial police", "A spokesman for the Red Army, Tomas Vell,", "Local officials"]
VERBS = ["attacked a checkpoint in", "said they had captured", "denied shelling", "clashed with militants near",
         "claimed responsibility for a bombing in", "arrested 12 suspects in"]
PLACES = ["Zorvan", "the Kelmar district", "Aster Valley", "the town of Quillby", "Nardi province", "Kabul"]
TAILS = ["on Monday.", "last week, killing 4 people.", "on 6 September 2021.", ", witnesses said.",
         "early on Tuesday, the ministry said.", "two days later; 3 civilians were injured."]


def invented_text(chars: int, seed: int = 20) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < chars:
        s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(PLACES)} {rng.choice(TAILS)}"
        if rng.random() < 0.15:
            s += "\n\n"
        out.append(s)
        n += len(s) + 1
    return " ".join(out)[:chars]


def one(size: int, budget: float) -> dict[str, float]:
    from sitrep import make_document
    from sitrep.pipeline import DEFAULT_STAGES, Pipeline

    pipe = Pipeline(DEFAULT_STAGES, time_budget=budget or None)
    list(pipe.pipe([make_document("Invented forces attacked Zorvan on Monday.", "2021-09-06")]))  # warm up
    doc = make_document(invented_text(size), "2021-09-06", id=f"size{size}")
    times: dict[str, float] = {}
    for name, stage in zip(pipe.stage_names, pipe.stages, strict=True):
        t = time.perf_counter()
        if hasattr(stage, "pipe"):
            (doc,) = list(stage.pipe([doc], batch_size=1))
        else:
            doc = stage(doc)
        times[name] = time.perf_counter() - t
    times["total"] = sum(times.values())
    times["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times["n_events"] = len(doc.events)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="25000,100000,200000")
    ap.add_argument("--budget", type=float, default=0, help="per-document time budget (0: none)")
    ap.add_argument("--one", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one, a.budget)))
        return
    prev = None
    for size in (int(x) for x in a.sizes.split(",")):
        r = subprocess.run([sys.executable, __file__, "--one", str(size), "--budget", str(a.budget)],
                           capture_output=True, text=True, check=True)
        row = json.loads(r.stdout.strip().splitlines()[-1])
        growth = "" if prev is None else f"  x{row['total'] / prev[1]:.1f} for x{size / prev[0]:.1f} chars"
        stages = "  ".join(f"{k} {v:.2f}" for k, v in row.items() if k not in ("total", "rss_mb", "n_events"))
        print(f"{size:>8,} chars  {stages}  total {row['total']:.2f} s  peak {row['rss_mb']:.0f} MB"
              f"  events found {row['n_events']:.0f}{growth}", flush=True)
        prev = (size, row["total"])


if __name__ == "__main__":
    main()
