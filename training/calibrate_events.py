"""Fit the confidence calibration of the events stage on the developers' own examples.

    python training/calibrate_events.py [--check]

Runs the pipeline (rules only: `SITREP_CLASSIFIER=0`, uncalibrated: `SITREP_CALIBRATE=0`) over
`training/events/*.jsonl` (see training/README.md; no evaluation text) and takes each example's primary
event (the most confident one with an ACLED type). It is correct when its sub-event type is the example's
(an example outside ACLED's scope makes every ACLED event wrong). A one-feature logistic regression (Platt
scaling) of correctness on the raw confidence is fitted; being strictly increasing it keeps the order of
the events of a document. Prints the reliability table of the raw and of the calibrated confidence
(5-fold, out of fold) and writes `src/sitrep/events/data/calibration.json`. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

EDGES = (0.5, 0.7, 0.8, 0.9, 0.95)


def _table(conf: np.ndarray, ok: np.ndarray) -> list[str]:
    k = np.searchsorted(np.array(EDGES), conf, side="right")
    lo, hi = (0.0, *EDGES), (*EDGES, 1.0)
    rows = []
    for j in range(len(lo)):
        m = k == j
        n = int(m.sum())
        rows.append(f"[{lo[j]:.2f}, {hi[j]:.2f})  n={n:5d}  mean confidence "
                    f"{(conf[m].mean() if n else 0):.2f}  correct {(ok[m].mean() if n else 0):.2f}")
    return rows


def main() -> int:
    os.environ["SITREP_CLASSIFIER"] = "0"
    os.environ["SITREP_CALIBRATE"] = "0"
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from train_events import load_examples

    import sitrep
    from sitrep.events.learned import NONE
    from sitrep.pipeline import Pipeline

    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default=str(ROOT / "training" / "events"))
    ap.add_argument("--out", default=str(ROOT / "src" / "sitrep" / "events" / "data" / "calibration.json"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    texts, labels, files = load_examples(Path(a.examples))
    pipe = Pipeline()
    docs = pipe.pipe(sitrep.make_document(t, "2024-01-01", id=str(i)) for i, t in enumerate(texts))
    conf, ok = [], []
    for doc, gold in zip(docs, labels, strict=True):
        evs = [e for e in doc.events if e.acled]
        if not evs:
            continue
        e = max(evs, key=lambda x: x.confidence)
        conf.append(float(e.confidence))
        ok.append(float(gold != NONE and e.acled["sub_event_type"] == gold))
    x, y = np.array(conf), np.array(ok)
    print(f"{len(texts)} examples, {len(x)} with an ACLED event; share correct {y.mean():.3f}")
    print("raw confidence:")
    print("\n".join("   " + r for r in _table(x, y)))
    oof = np.zeros_like(x)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(x.reshape(-1, 1), y):
        m = LogisticRegression(C=100.0).fit(x[tr].reshape(-1, 1), y[tr])
        oof[te] = m.predict_proba(x[te].reshape(-1, 1))[:, 1]
    print("calibrated, 5-fold out of fold:")
    print("\n".join("   " + r for r in _table(oof, y)))
    m = LogisticRegression(C=100.0).fit(x.reshape(-1, 1), y)
    slope, icept = float(m.coef_[0][0]), float(m.intercept_[0])
    print(f"calibrated = 1 / (1 + exp(-({slope:.4f} * raw + {icept:.4f})))")
    if slope <= 0:
        sys.exit("calibration slope is not positive: refusing to write a map that reverses the order")
    if not a.check:
        Path(a.out).write_text(json.dumps({
            "_doc": "Platt scaling of event confidence, fitted by training/calibrate_events.py on the "
                    "developers' examples (training/events/*.jsonl), no evaluation text",
            "slope": round(slope, 6), "intercept": round(icept, 6), "examples": len(texts),
            "files": files, "fitted_on": len(x),
            "check": {"raw_mean": round(float(x.mean()), 4), "calibrated_mean":
                      round(float(np.mean([1 / (1 + math.exp(-(slope * v + icept))) for v in x])), 4),
                      "share_correct": round(float(y.mean()), 4)},
        }, indent=1) + "\n")
        print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
