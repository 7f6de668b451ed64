"""Bootstrap intervals of score.py figures on a small share (e.g. PLOVER GSR's held-back documents).

    python benchmarks/bootstrap.py plover plover_gsr.dev DIR [--share held|rest] [--n 1000]

Resamples the share's documents with replacement `--n` times, scores each sample with score.py's own
function (imported from ../shared/eval/score.py) and prints the figure on the share and its 95%
percentile interval. Aggregates only: no document is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"plover": ("accuracy", "source_actor_accuracy", "target_actor_accuracy"),
        "acled": ("weighted_f1",), "record": ("sub_event_weighted_f1",)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=sorted(KEYS))
    ap.add_argument("corpus")
    ap.add_argument("pred_dir")
    ap.add_argument("--shared", default=str(ROOT / ".." / "shared"))
    ap.add_argument("--share", choices=("held", "rest"), default="held")
    ap.add_argument("--n", type=int, default=1000)
    a = ap.parse_args()
    ev = Path(a.shared) / "eval"
    spec = importlib.util.spec_from_file_location("score", ev / "score.py")
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    gold = score.load(ev / "data" / f"{a.corpus}.gold.jsonl")
    pred = score.load(Path(a.pred_dir) / f"{a.corpus}.pred.jsonl")
    ids = set((ev / "heldback" / f"{a.corpus.removesuffix('.dev')}.ids").read_text().split())
    share = sorted(i for i in gold if (i in ids) == (a.share == "held"))
    fn = getattr(score, f"score_{a.kind}")

    def run(sample: list[str]) -> dict:
        g = {f"{k}#{n}": gold[k] for n, k in enumerate(sample)}
        p = {f"{k}#{n}": pred[k] for n, k in enumerate(sample) if k in pred}
        with contextlib.redirect_stdout(io.StringIO()):
            return fn(g, p)

    full = run(share)
    rng = random.Random(0)
    samples = [run([rng.choice(share) for _ in share]) for _ in range(a.n)]
    for key in KEYS[a.kind]:
        vals = sorted(s[key] or 0.0 for s in samples)
        lo, hi = vals[int(0.025 * a.n)], vals[int(0.975 * a.n) - 1]
        print(f"{a.corpus} {a.share} (n={len(share)}) {key} {full[key] or 0:.3f}  95% interval [{lo:.3f}, {hi:.3f}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
