"""Score sitrep's temporal tagger on the team's own narrative set (benchmarks/data/narrative/*.tml).

    python benchmarks/narrative_eval.py [--dir benchmarks/data/narrative] [--glob '*.tml'] [--errors]

`--glob '0*.tml' --glob '1[0-8]*.tml'` scores paragraphs 01-18 (the development share, whose errors were read), `--glob
'2*.tml' --glob '19*.tml'` the blind share 19-24 (written after the rules, never used to change them).

Each .tml file is one invented history paragraph with no publication date, its TIMEX3 gold inline
(`<TIMEX3 tid type value>text</TIMEX3>`, conventions in benchmarks/data/narrative/README.md). The script
strips the tags, runs `sitrep extract` on the plain texts (no `published`), and scores `times` the way
`../shared/eval/score.py time` does (one-to-one overlap matching; relaxed span F1, strict span F1, value
F1). `--errors` lists every gold expression whose value was missed. HeidelTime's narrative mode, the
peer, is not installed on this machine, so no figure for it is printed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_TAG = re.compile(r'<TIMEX3\s+tid="(?P<tid>[^"]*)"\s+type="(?P<type>[^"]*)"\s+value="(?P<value>[^"]*)">(?P<text>.*?)</TIMEX3>')
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.S)


def parse_tml(src: str) -> tuple[str, list[dict[str, object]]]:
    """The plain text of a TML document and its gold timexes (character offsets into that text)."""
    m = _TEXT.search(src)
    body = m.group(1) if m else src
    out: list[str] = []
    gold: list[dict[str, object]] = []
    pos = 0
    n = 0
    for t in _TAG.finditer(body):
        out.append(body[pos : t.start()])
        n += len(body[pos : t.start()])
        text = t.group("text")
        gold.append({"start": n, "end": n + len(text), "type": t.group("type"), "value": t.group("value"),
                     "text": text, "tid": t.group("tid")})
        out.append(text)
        n += len(text)
        pos = t.end()
    out.append(body[pos:])
    return "".join(out), gold


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> tuple[dict[str, float], list[str]]:
    n_gold = n_pred = strict = relaxed = value_ok = 0
    errors: list[str] = []
    for doc, gt in gold.items():
        pt = pred.get(doc, [])
        n_gold += len(gt)
        n_pred += len(pt)
        used: set[int] = set()
        for a in gt:
            best = None
            for j, b in enumerate(pt):
                if j in used or not (a["start"] < b["end"] and b["start"] < a["end"]):
                    continue
                rank = (a["start"] == b["start"] and a["end"] == b["end"], str(b.get("value")) == str(a["value"]))
                if best is None or rank > best[0]:
                    best = (rank, j, b)
            if best is None:
                errors.append(f"{doc}: missed {a['text']!r} (gold {a['value']})")
                continue
            used.add(best[1])
            b = best[2]
            relaxed += 1
            strict += a["start"] == b["start"] and a["end"] == b["end"]
            ok = str(b.get("value")) == str(a["value"])
            value_ok += ok
            if not ok:
                errors.append(f"{doc}: {a['text']!r} gold {a['value']} predicted {b.get('value')} ({b.get('text')!r})")
        for j, b in enumerate(pt):
            if j not in used:
                errors.append(f"{doc}: spurious {b.get('text')!r} ({b.get('value')})")

    def f1(x: int) -> float:
        p = x / n_pred if n_pred else 0.0
        r = x / n_gold if n_gold else 0.0
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    return {"gold": n_gold, "predicted": n_pred, "value_f1": f1(value_ok), "relaxed_f1": f1(relaxed),
            "strict_f1": f1(strict)}, errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(Path(__file__).resolve().parent / "data" / "narrative"))
    ap.add_argument("--glob", action="append", help="file patterns (default: *.tml)")
    ap.add_argument("--errors", action="store_true", help="list value errors, misses and spurious expressions")
    a = ap.parse_args()
    files = sorted({f for g in (a.glob or ["*.tml"]) for f in Path(a.dir).glob(g)})
    if not files:
        print(f"narrative_eval.py: no .tml files in {a.dir}", file=sys.stderr)
        return 2
    gold: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for p in files:
                text, g = parse_tml(p.read_text(encoding="utf-8"))
                gold[p.stem] = g
                f.write(json.dumps({"id": p.stem, "text": text}) + "\n")
        r = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(inp), "--format", "jsonl", "-o",
                            str(out), "--no-progress"], capture_output=True, text=True)
        if r.returncode:
            print(r.stderr[-2000:], file=sys.stderr)
            return 1
        pred: dict[str, list[dict]] = {}
        anchors: dict[str, str] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            pred[str(d["id"])] = [t for t in d.get("times") or [] if "start" in t and "end" in t]
            anchors[str(d["id"])] = str(d.get("time_anchor"))
    m, errors = score(gold, pred)
    if a.errors:
        print("\n".join(errors))
    modes = sorted(set(anchors.values()))
    print(f"narrative ({len(files)} docs, {m['gold']} gold timexes, {m['predicted']} predicted; time_anchor {modes}): "
          f"value F1 {m['value_f1']:.3f} (relaxed span F1 {m['relaxed_f1']:.3f}, strict {m['strict_f1']:.3f})")
    print("HeidelTime (narrative mode), the peer: not installed offline, not run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
