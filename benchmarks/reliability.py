"""Reliability of event confidence and the rank of the main event, on prediction files of
`benchmarks/evaluate.py` for case2021.dev and acled_notes.dev.

    python benchmarks/reliability.py --pred DIR [--shared ../shared] [--bins 0.5,0.7,0.8,0.9,0.95]

For each corpus and share (held-back = `heldback/NAME.ids`, whose errors are never read, and the rest) it
prints, per confidence bin of the primary event (the most confident event with an ACLED type, as
score.py picks it), how many documents fall in the bin and the share whose ACLED sub-event type is the
gold one; then "main first": among documents where some event carries the gold type, the share where the
most confident one does. Aggregates only: no document is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from classifier_dev import CASE  # noqa: E402


def _load(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d.get("id")] = d
    return out


def _gold_label(g: dict) -> str:
    if "sub_event_type" in g:
        return g.get("sub_event_type") or "NONE"
    return CASE.get(g.get("label"), "NONE")


def _events(doc: dict) -> list[dict]:
    return [e for e in (doc.get("events") or []) if e.get("acled")]


def _primary(doc: dict) -> dict | None:
    evs = _events(doc)
    if not evs:
        return None
    return max(enumerate(evs), key=lambda p: (p[1].get("confidence") or 0, -p[0]))[1]


def table(gold: dict, pred: dict, ids: set[str], held: bool, edges: list[float]) -> list[str]:
    bins = [[0, 0] for _ in range(len(edges) + 1)]
    first = [0, 0]
    for i, g in gold.items():
        if (i in ids) != held:
            continue
        lab = _gold_label(g)
        if lab == "NONE":
            continue
        doc = pred.get(i, {})
        e = _primary(doc)
        if e is None:
            continue
        c = e.get("confidence") or 0.0
        k = sum(c >= x for x in edges)
        bins[k][0] += 1
        bins[k][1] += e["acled"]["sub_event_type"] == lab
        if any(x["acled"]["sub_event_type"] == lab for x in _events(doc)):
            first[0] += 1
            first[1] += e["acled"]["sub_event_type"] == lab
    lo = [0.0, *edges]
    hi = [*edges, 1.0]
    rows = []
    for (n, ok), a, b in zip(bins, lo, hi, strict=True):
        share = f"{ok / n:.2f}" if n else "  - "
        rows.append(f"[{a:.2f}, {b:.2f}{']' if b == 1.0 else ')'}  n={n:4d}  correct {share}")
    rows.append(f"main first: {first[1]}/{first[0]} = {first[1] / max(first[0], 1):.3f}")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", required=True)
    ap.add_argument("--shared", default=str(ROOT / ".." / "shared"))
    ap.add_argument("--bins", default="0.5,0.7,0.8,0.9,0.95")
    a = ap.parse_args()
    edges = [float(x) for x in a.bins.split(",")]
    ev = Path(a.shared) / "eval"
    for name, held_name in (("case2021.dev", "case2021"), ("acled_notes.dev", "acled_notes")):
        pred_path = Path(a.pred) / f"{name}.pred.jsonl"
        if not pred_path.exists():
            print(f"== {name}: no predictions in {a.pred}")
            continue
        gold = _load(ev / "data" / f"{name}.gold.jsonl")
        pred = _load(pred_path)
        ids = set((ev / "heldback" / f"{held_name}.ids").read_text().split())
        for held in (True, False):
            print(f"== {name} {'held-back' if held else 'rest'} (documents with a gold ACLED type and a "
                  "predicted one)")
            for r in table(gold, pred, ids, held, edges):
                print("   " + r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
