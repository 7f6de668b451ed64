"""The learned ACLED sub-event classifier (sitrep.events.learned) on the development splits, alone and
beside the rules.

    python benchmarks/classifier_dev.py --pred DIR [--shared ../shared]

DIR holds the pipeline's predictions (`benchmarks/evaluate.py --out DIR`) for case2021.dev and
acled_notes.dev. For each document the classifier reads the whole input text. Prints accuracy of the
rules' primary event, of the classifier alone, and of the classifier only where the rules say nothing,
on the held-back share (aggregate only; its errors are never read) and on the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.events.learned import NONE, predict_proba  # noqa: E402

CASE = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike", "ARMED_CLASH": "Armed clash", "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}


THRESHOLDS = (0.3, 0.5, 0.6, 0.7)


def jsonl(p: Path) -> dict[str, dict]:
    return {str(d["id"]): d for d in map(json.loads, p.read_text(encoding="utf-8").splitlines()) if d}


def rules_label(doc: dict) -> str:
    evs = [e for e in doc.get("events") or [] if e.get("acled")]
    if not evs:
        return NONE
    return max(evs, key=lambda e: e["confidence"])["acled"]["sub_event_type"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT / ".." / "shared"))
    ap.add_argument("--pred", required=True)
    a = ap.parse_args()
    ev = Path(a.shared) / "eval"
    from _needs import need

    need(ev / "data", a.pred)
    for name, held in (("case2021.dev", "case2021"), ("acled_notes.dev", "acled_notes")):
        gold = jsonl(ev / "data" / f"{name}.gold.jsonl")
        inp = jsonl(ev / "data" / f"{name}.input.jsonl")
        pred = jsonl(Path(a.pred) / f"{name}.pred.jsonl")
        ids = {x.strip() for x in (ev / "heldback" / f"{held}.ids").read_text().splitlines() if x.strip()}
        order = sorted(gold)
        probs = predict_proba([((inp[i].get("title") or "") + "\n" + inp[i]["text"]).strip() for i in order])
        for label, want in (("held-back", True), ("rest", False)):
            n = r_ok = c_ok = f_ok = 0
            t_ok = dict.fromkeys(THRESHOLDS, 0)
            for i, p in zip(order, probs, strict=True):
                if (i in ids) != want:
                    continue
                g = gold[i]
                g_lab = CASE.get(g.get("label"), NONE) if "label" in g else (g.get("sub_event_type") or NONE)
                r = rules_label(pred.get(i, {}))
                c = max(p, key=p.__getitem__)
                n += 1
                r_ok += r == g_lab
                c_ok += c == g_lab
                f_ok += (c if r == NONE else r) == g_lab
                for t in THRESHOLDS:
                    t_ok[t] += (c if r == NONE and p[c] >= t else r) == g_lab
            print(f"{name:16s} {label:9s} n={n:4d} rules {r_ok / n:.3f}  classifier {c_ok / n:.3f}  "
                  f"rules, else classifier {f_ok / n:.3f}; at p >= "
                  + ", ".join(f"{t}: {v / n:.3f}" for t, v in t_ok.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
