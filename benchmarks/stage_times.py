"""Seconds spent in each pipeline stage over JSONL corpora (spaCy runs first, in batches, untimed per stage).

    python benchmarks/stage_times.py ../shared/eval/data/afghanistan2021_headlines.input.jsonl \
        ../shared/eval/data/isaf.dev.input.jsonl [--profile actors] [--repeat 3]

Every later stage then runs over all documents, one stage at a time, so each stage's time is measured
on its own (the best of `--repeat` runs over fresh copies of the parsed documents is kept).
`--profile STAGE` prints a cProfile of that stage (cumulative time, top 40).
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import json
import pstats
import time

from sitrep import make_document
from sitrep.pipeline import DEFAULT_STAGES, Pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES))
    ap.add_argument("--profile", default="", help="a stage name to profile")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    from _needs import need

    need(*a.inputs)
    rows = [json.loads(line) for p in a.inputs for line in open(p, encoding="utf-8") if line.strip()]
    names = a.stages.split(",")
    pipe = Pipeline(names)
    list(pipe.pipe(make_document(r["text"], r.get("published")) for r in rows[:8]))  # warm up
    nlp_stage = pipe.stages[0]
    docs = [make_document(r["text"], r.get("published"), id=r.get("id", "x")) for r in rows]
    t0 = time.perf_counter()
    docs = list(nlp_stage.pipe(docs, batch_size=16))  # type: ignore[attr-defined]
    print(f"{'nlp':8s} {time.perf_counter() - t0:7.2f} s  ({len(docs)} documents)")
    for name, stage in zip(names[1:], pipe.stages[1:], strict=True):
        best = None
        out = docs
        for _ in range(a.repeat):
            work = [_fresh(d) for d in docs]
            prof = cProfile.Profile() if name == a.profile else None
            t0 = time.perf_counter()
            if prof:
                prof.enable()
            out = [stage(d) for d in work]
            if prof:
                prof.disable()
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
            if prof:
                pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        docs = out
        print(f"{name:8s} {best:7.2f} s")


def _fresh(d):  # a copy of the document's stage outputs sharing the spaCy parse
    sd, d.spacy = d.spacy, None
    c = copy.deepcopy(d)
    d.spacy = c.spacy = sd
    return c


if __name__ == "__main__":
    main()
