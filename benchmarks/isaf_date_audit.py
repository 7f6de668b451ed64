"""Where ISAF event dates go wrong: a breakdown of `score.py isaf`'s date field.

Run `sitrep extract` on isaf.dev first (benchmarks/evaluate.py does), then:

    python benchmarks/isaf_date_audit.py ../shared/eval/data/isaf.dev.input.jsonl \\
        ../shared/eval/data/isaf.dev.gold.jsonl /tmp/sitrep-eval/isaf.dev.pred.jsonl [-v]

The scored event is the one score.py scores (highest confidence among events with an ACLED type). Each
document falls in one class:
- right: the event's start date equals the gold start date;
- no day in the text: no event was found, or the text names no day it could be anchored on (no dated
  dateline, no publication date), so sitrep gives the release number's month (precision month) or no date;
- gold one day earlier: sitrep's date is exactly one day after the gold date (the release says "yesterday"
  on March 10 and the gold says March 8; "Feb. 9" in the text and Feb. 8 in the gold); the per-month
  table shows where these cluster (whole annotation months, e.g. 2011-02 and 2011-03);
- gold one day later: the reverse;
- other: any other difference (shown with -v).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in (json.loads(line) for line in f if line.strip())}


def _primary(doc: dict) -> dict:
    evs = [e for e in doc.get("events") or [] if e.get("acled")]
    if not evs:
        return {}
    return max(enumerate(evs), key=lambda p: (p[1].get("confidence") or 0, -p[0]))[1]


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s and len(s) == 10 else None
    except ValueError:
        return None


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    if len(args) != 3:
        print(__doc__)
        return 2
    from _needs import need

    need(*args, usage=__doc__ or "")
    verbose = "-v" in argv
    inputs, gold, pred = (_load(a) for a in args)
    classes: Counter[str] = Counter()
    by_month: dict[str, Counter[str]] = {}
    for i, g in gold.items():
        e = _primary(pred.get(i, {}))
        d = (e.get("date") or {}).get("start")
        gd = g["start_date"]
        if d == gd:
            classes["right"] += 1
            by_month.setdefault(gd[:7], Counter())["right"] += 1
            continue
        p, q = _day(d), _day(gd)
        if p is None:
            cls = "no day in the text"
        elif q is not None and (p - q).days == 1:
            cls = "gold one day earlier"
        elif q is not None and (p - q).days == -1:
            cls = "gold one day later"
        else:
            cls = "other"
        classes[cls] += 1
        by_month.setdefault(gd[:7], Counter())[cls] += 1
        if verbose and cls in ("other", "gold one day later"):
            text = inputs.get(i, {}).get("text", "")[:300].replace("\n", " | ")
            print(f"{i}: {cls}: sitrep {d} gold {gd} ({(e.get('trigger') or {}).get('text')})\n    {text}")
    n = sum(classes.values())
    print(f"{Path(args[2]).name}: {n} documents")
    for k in ("right", "no day in the text", "gold one day earlier", "gold one day later", "other"):
        print(f"  {k:22s} {classes[k]:4d}  {classes[k] / n:.3f}")
    print("gold month: right / gold one day earlier (months with any one-day-earlier gold)")
    for m, c in sorted(by_month.items()):
        if c["gold one day earlier"]:
            print(f"  {m}  {c['right']:3d} / {c['gold one day earlier']:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
