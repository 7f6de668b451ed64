"""Train the ACLED sub-event classifier of `sitrep.events.learned` on the developers' own examples.

    python training/train_events.py [--check]

Reads `training/events/*.jsonl` (examples written by the sitrep developers from the ACLED codebook; see
training/README.md), fits a multinomial logistic regression (scikit-learn) over the features of
`sitrep.events.learned.features`, reports 5-fold cross-validated accuracy on those examples, and writes
`src/sitrep/events/data/acled_clf.npz` (weights, labels and a JSON note of what it was trained on).
Training needs scikit-learn (`pip install scikit-learn`); running sitrep does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.events.learned import NONE, cue_names, features  # noqa: E402


def load_examples(folder: Path) -> tuple[list[str], list[str], list[str]]:
    texts, labels, files = [], [], []
    for path in sorted(folder.glob("*.jsonl")):
        files.append(path.name)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            texts.append(((d.get("title") or "") + "\n" + d["text"]).strip())
            labels.append(d.get("sub_event_type") or NONE)
    return texts, labels, files


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default=str(ROOT / "training" / "events"))
    ap.add_argument("--out", default=str(ROOT / "src" / "sitrep" / "events" / "data" / "acled_clf.npz"))
    ap.add_argument("--C", type=float, default=4.0)
    ap.add_argument("--check", action="store_true", help="cross-validate only, write nothing")
    a = ap.parse_args()
    texts, labels, files = load_examples(Path(a.examples))
    print(f"{len(texts)} examples from {', '.join(files)}; {len(set(labels))} labels")
    X = features(texts)
    y = np.array(labels)
    clf = LogisticRegression(C=a.C, max_iter=3000, class_weight="balanced")
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pred = cross_val_predict(clf, X, y, cv=cv)
    acc = float((pred == y).mean())
    print(f"5-fold cross-validated accuracy on the developers' examples: {acc:.3f}")
    errs = Counter((g, p) for g, p in zip(y, pred, strict=True) if g != p)
    for (g, p), n in errs.most_common(8):
        print(f"   {n:3d} {g} -> {p}")
    if a.check:
        return 0
    clf.fit(X, y)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    meta = {
        "trained_on": files,
        "n_examples": len(texts),
        "label_counts": dict(Counter(labels)),
        "examples_sha256_16": digest,
        "cv_accuracy": round(acc, 4),
        "C": a.C,
        "features": "wordllama l2_supercat 256-d normalised embedding + cue lists " + ",".join(cue_names()),
        "provenance": "examples written by the sitrep developers from the ACLED codebook; no evaluation text",
    }
    np.savez_compressed(a.out, W=clf.coef_.astype(np.float32), b=clf.intercept_.astype(np.float32),
                        labels=np.array(list(clf.classes_)), meta=np.array(json.dumps(meta)))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
