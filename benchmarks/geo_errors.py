"""Error lists of the places stage against a GeoWebNews-style gold file.

    python benchmarks/geo_errors.py PRED.jsonl [miss|spur|wrong] [GOLD.jsonl INPUT.jsonl]

Prints the counts (predicted places, spurious places = predictions overlapping no gold toponym, missed gold
toponyms with a GeoNames id, found but over 161 km off), then one list with the text around each.
"""

from __future__ import annotations

import json
import math
import sys

GOLD = "/work/shared/eval/data/geowebnews.dev.gold.jsonl"
INPUT = "/work/shared/eval/data/geowebnews.dev.input.jsonl"


def _load(path: str) -> dict[str, dict]:
    return {d["id"]: d for d in (json.loads(line) for line in open(path, encoding="utf-8") if line.strip())}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def main(argv: list[str]) -> int:
    from _needs import need

    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    need(argv[0], argv[2] if len(argv) > 2 else GOLD, argv[3] if len(argv) > 3 else INPUT, usage=__doc__ or "")
    pred = _load(argv[0])
    mode = argv[1] if len(argv) > 1 else "miss"
    gold = _load(argv[2] if len(argv) > 2 else GOLD)
    inp = _load(argv[3] if len(argv) > 3 else INPUT)

    def ov(a: dict, b: dict) -> bool:
        return a["start"] < b["end"] and b["start"] < a["end"]

    n_pred, rows = 0, {"spur": [], "miss": [], "wrong": []}
    for i, g in gold.items():
        places = pred.get(i, {}).get("places") or []
        text = inp[i]["text"]

        def ctx(x: dict, text: str = text) -> str:
            return text[max(0, x["start"] - 50) : x["end"] + 50].replace("\n", " ")

        for p in places:
            n_pred += 1
            if not any(ov(t, p) for t in g["toponyms"]):
                rows["spur"].append((i, p["text"], ctx(p)))
        for t in (t for t in g["toponyms"] if t.get("geonameid")):
            hit = [p for p in places if ov(t, p)]
            if not hit:
                rows["miss"].append((i, t["text"], t["type"], ctx(t)))
            elif (d := _km((t["lat"], t["lon"]), (hit[0]["lat"], hit[0]["lon"]))) > 161:
                rows["wrong"].append((i, t["text"], hit[0].get("name"), round(d), ctx(t)))
    print(json.dumps({"predicted": n_pred, "spurious": len(rows["spur"]), "missed": len(rows["miss"]),
                      "wrong_161km": len(rows["wrong"])}))
    for r in rows.get(mode, []):
        print(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
