"""Write a judging sheet for a blind hand-check of claims and statuses (issue 14).

    python benchmarks/claims_sheet.py PRED_DIR OUT.md [--n-case 50 --n-acled 40 --seed 20261203]

Samples snippets from the *rest* share of case2021.dev and acled_notes.dev (never the held-back ids, and not
the every-7th CASE lines judged in session 2), and prints for each its text and sitrep's events: type,
status, timeframe, actor, recipient and claims (source, kind, stance, channel). The judge marks each claim
right or wrong and lists the claims sitrep missed, and each event's status right or wrong.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sample(corpus: str, n: int, rng: random.Random, skip_every: int | None, seen: set[str]) -> list[str]:
    data = SHARED / "data"
    ids = [d["id"] for d in _load(data / f"{corpus}.input.jsonl")]
    held = set((SHARED / "heldback" / f"{corpus.split('.')[0]}.ids").read_text().split())
    pool = [i for k, i in enumerate(ids)
            if i not in held and i not in seen and not (skip_every and k % skip_every == 0)]
    return sorted(rng.sample(pool, min(n, len(pool))), key=ids.index)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred_dir")
    ap.add_argument("out")
    ap.add_argument("--n-case", type=int, default=50)
    ap.add_argument("--n-acled", type=int, default=40)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--exclude", action="append", default=[],
                    help="an earlier sheet whose snippets must not be drawn again (repeatable)")
    a = ap.parse_args()
    seen: set[str] = set()
    for sheet in a.exclude:
        seen.update(m.split(". ", 1)[1].strip() for m in Path(sheet).read_text(encoding="utf-8").splitlines()
                    if m.startswith("## ") and ". " in m)
    rng = random.Random(a.seed)
    lines = ["# Claims and status judging sheet", "",
             f"pred dir {a.pred_dir}, seed {a.seed}", ""]
    n = 0
    for corpus, k, skip in (("case2021.dev", a.n_case, 7), ("acled_notes.dev", a.n_acled, None)):
        texts = {d["id"]: d for d in _load(SHARED / "data" / f"{corpus}.input.jsonl")}
        preds = {d["id"]: d for d in _load(Path(a.pred_dir) / f"{corpus}.pred.jsonl")}
        for sid in _sample(corpus, k, rng, skip, seen):
            n += 1
            doc, pred = texts[sid], preds.get(sid, {})
            lines += [f"## {n}. {sid}", "", "> " + doc["text"].replace("\n", " "), ""]
            evs = pred.get("events") or []
            if not evs:
                lines.append("sitrep: no event")
            for j, e in enumerate(evs, 1):
                ac = e.get("acled") or {}
                lines.append(f"- event {j}: {(e.get('plover') or {}).get('event')} / "
                             f"{ac.get('sub_event_type') or 'no ACLED type'}; status **{e.get('status')}**, "
                             f"timeframe {e.get('timeframe')}; actor {[x.get('name') for x in e.get('actor') or []]}, "
                             f"recipient {[x.get('name') for x in e.get('recipient') or []]}; "
                             f"trigger \"{(e.get('trigger') or {}).get('text')}\"")
                for c in e.get("claims") or []:
                    src = (c.get("source") or {}).get("name") or c.get("speaker") or "unattributed"
                    lines.append(f"    - claim: {src} ({c.get('source_kind')}) **{c.get('stance')}**"
                                 + (f" via {c['channel']}" if c.get("channel") else ""))
            lines.append("")
    Path(a.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{n} snippets -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
