"""TempEval-3 value errors on the rest share only: wrong value / missed / spurious, by TIMEX3 type.

The held-back share (`../shared/eval/heldback/tempeval3.ids`) is dropped before any gold, text or
prediction is read; the script stops if the id file is missing or drops nothing. Matching is the one of
`score.py time` (each gold timex takes the overlapping prediction with the same span and value first).

    python benchmarks/time_rest_errors.py /tmp/sitrep-eval/tempeval3.dev.pred.jsonl [--tsv OUT.tsv]

Besides the counts, WRONG values are put in known gold-convention classes (the gold writes the same
expression two ways, or writes an impossible value), so that the share of errors no rule can fix is
visible: "1989-WXX" for a week the text fixes, "1949-XX" for a year, "199X" for a decade, unpadded ISO
weeks ("2000-W7"), a weekday whose gold date falls on another weekday, and the earnings "a year
ago/earlier" / "last year" that the gold writes as a year, a quarter or a day.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _rows(path: Path, drop: set[str]) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] not in drop:
                out[d["id"]] = d
    return out


def _convention(gold_text: str, gv: str, pv: str) -> str | None:
    """The gold-convention class of a wrong value, or None."""
    if re.fullmatch(r"\d{4}-W\d", gv) and pv == gv[:6] + "0" + gv[6:]:
        return "unpadded ISO week in gold"
    if re.fullmatch(r"\d{4}-XX", gv) and pv == gv[:4]:
        return "year written YYYY-XX in gold"
    if gv.endswith("-WXX") and re.fullmatch(r"\d{4}-W\d\d", pv):
        return "week written YYYY-WXX in gold"
    if re.fullmatch(r"\d{3}X", gv) and pv == gv[:3]:
        return "decade written 199X in gold (elsewhere 199)"
    words = gold_text.lower().split()
    if words and words[0] in WEEKDAYS and re.match(r"\d{4}-\d\d-\d\d", gv):
        if date.fromisoformat(gv[:10]).isoweekday() != WEEKDAYS.index(words[0]) + 1:
            return "gold date is not the named weekday"
    if re.search(r"(?i)year[- ](?:ago|earlier)|last year", gold_text) and re.fullmatch(r"\d{4}(?:-Q[\dX]|-\d\d(?:-\d\d)?)?", gv):
        return "earnings year ago/earlier, last year (gold: year, quarter or day)"
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--tsv")
    a = ap.parse_args()
    shared = Path(a.shared)
    ids_file = shared / "heldback" / "tempeval3.ids"
    if not ids_file.exists():
        sys.exit(f"no held-back id file {ids_file}")
    held = {x.strip() for x in ids_file.read_text().split() if x.strip()}
    gold_all = _rows(shared / "data" / "tempeval3.dev.gold.jsonl", set())
    gold = {k: v for k, v in gold_all.items() if k not in held}
    if len(gold) == len(gold_all):
        sys.exit("the held-back ids dropped nothing")
    texts = _rows(shared / "data" / "tempeval3.dev.input.jsonl", held)
    pred = _rows(Path(a.pred), held)
    counts: Counter[tuple[str, str]] = Counter()
    conv: Counter[str] = Counter()
    lines = []
    for i, g in gold.items():
        pt = [t for t in (pred.get(i, {}).get("times") or []) if "start" in t and "end" in t]
        text = texts[i]["text"]
        used: set[int] = set()
        for x in g["timexes"]:
            best = None
            for j, b in enumerate(pt):
                if j in used or not (x["start"] < b["end"] and b["start"] < x["end"]):
                    continue
                rank = (x["start"] == b["start"] and x["end"] == b["end"], str(b.get("value")) == str(x["value"]))
                if best is None or rank > best[0]:
                    best = (rank, j, b)
            if best is None:
                counts[("missed", x["type"])] += 1
                lines.append(("missed", x["type"], i, x["text"], x["value"], "", ""))
                continue
            used.add(best[1])
            b = best[2]
            if str(b.get("value")) == str(x["value"]):
                counts[("right", x["type"])] += 1
                continue
            counts[("wrong value", x["type"])] += 1
            c = _convention(x["text"], str(x["value"]), str(b.get("value")))
            if c:
                conv[c] += 1
            lines.append(("wrong value", x["type"], i, x["text"], x["value"], text[b["start"]:b["end"]], b.get("value")))
        for j, b in enumerate(pt):
            if j not in used:
                counts[("spurious", str(b.get("type")))] += 1
                lines.append(("spurious", str(b.get("type")), i, "", "", text[b["start"]:b["end"]], b.get("value")))
    print(f"rest share: {len(gold)} documents ({len(gold_all) - len(gold)} held-back dropped)")
    for k in sorted(counts):
        print(f"  {k[0]:12} {k[1]:9} {counts[k]}")
    print("wrong values in gold-convention classes:")
    for k, v in conv.most_common():
        print(f"  {v:3}  {k}")
    if a.tsv:
        with open(a.tsv, "w", encoding="utf-8") as f:
            for r in lines:
                f.write("\t".join(map(str, r)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
