"""Scoring a stage's output against gold records: the interface behind each stage's `score(examples)`.

The scorer itself is not part of sitrep: it is the evaluation kit's `score.py` (standard library only), in
the shared folder beside the clone (`../shared/eval/score.py`), another folder given as `shared=` or in
SITREP_SHARED. It is run as a separate process, exactly as `benchmarks/evaluate.py` runs it, so the figures
are the evaluation's. Without the scorer, or without gold records, the call stops with `ScorerMissing` /
`GoldMissing` and a message saying what is needed (never an IndexError).

    from sitrep.scoring import Example
    stage.score([Example(doc, gold_record), ...])           # -> {"metrics": {...}, "summary": "..."}

Modes (`score.py`'s commands) by stage: places `geo`; times `time`; events `acled` (CASE 2021), `plover`
(PLOVER GSR), `record` (ACLED notes), `isaf` (press releases); claims `attrib` (PolNeAR).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from .document import Document

ENV_VAR = "SITREP_SHARED"
MODES = ("time", "geo", "acled", "isaf", "plover", "record", "attrib")
_REPO = Path(__file__).resolve().parents[2]  # the clone (src/sitrep/scoring.py)


class ScorerMissing(RuntimeError):
    """The evaluation kit's score.py is not where it was looked for."""


class GoldMissing(ValueError):
    """An example without a gold record, or no example at all."""


@dataclass
class Example:
    """A processed document (or its contract record) and the gold record of the same document (a line of
    a gold JSONL file of the evaluation kit; its "id" is the document's)."""

    predicted: Document | Mapping[str, Any]
    gold: Mapping[str, Any] | None

    def predicted_record(self) -> Mapping[str, Any]:
        p = self.predicted
        if isinstance(p, Document):
            if "error" in p.meta:
                return {"id": p.id, "error": str(p.meta["error"])}
            return p.to_contract()
        return p


class Scores(TypedDict):
    metrics: dict[str, Any]  # score.py's JSON object
    summary: str  # its last line, e.g. "geo: end-to-end acc@161km 0.820 (...)"


def find_scorer(shared: str | os.PathLike[str] | None = None) -> Path:
    """The score.py of the shared folder `shared`, else of SITREP_SHARED, else of ../shared beside the
    clone; `ScorerMissing` naming the places looked at when there is none."""
    tried = [Path(s) for s in (shared, os.environ.get(ENV_VAR)) if s] or [_REPO.parent / "shared"]
    for folder in tried:
        path = folder / "eval" / "score.py"
        if path.is_file():
            return path
    looked = ", ".join(str(f / "eval" / "score.py") for f in tried)
    raise ScorerMissing(
        f"no scorer at {looked}: scoring needs the evaluation kit (its eval/score.py), which is not part of "
        f"sitrep; put the shared folder beside the clone, pass shared=DIR or set {ENV_VAR}=DIR"
    )


def score_examples(
    examples: Iterable[Example], mode: str, shared: str | os.PathLike[str] | None = None
) -> Scores:
    """Score `examples` with score.py's `mode` (see MODES): each gold record against the prediction of the
    same document. `GoldMissing` when an example has no gold record or there is none."""
    if mode not in MODES:
        raise ValueError(f"no scoring mode {mode!r}; modes: {', '.join(MODES)}")
    pairs = list(examples)
    if not pairs:
        raise GoldMissing("no examples to score")
    missing = [str(_id(ex.predicted)) for ex in pairs if not ex.gold]
    if missing:
        raise GoldMissing(f"no gold record for {len(missing)} example(s): {', '.join(missing[:5])}")
    scorer = find_scorer(shared)
    with tempfile.TemporaryDirectory(prefix="sitrep-score-") as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        _write(gold_path, [ex.gold for ex in pairs if ex.gold])
        _write(pred_path, [ex.predicted_record() for ex in pairs])
        run = subprocess.run([sys.executable, str(scorer), mode, str(gold_path), str(pred_path)],
                             capture_output=True, text=True, check=False)
    return parse_output(run.stdout, run.returncode, run.stderr)


def parse_output(stdout: str, returncode: int = 0, stderr: str = "") -> Scores:
    """score.py's output (a JSON object, then one summary line) as `Scores`."""
    body, _, summary = stdout.rstrip("\n").rpartition("\n")
    try:
        metrics = json.loads(body) if returncode == 0 else None
    except json.JSONDecodeError:
        metrics = None
    if not isinstance(metrics, dict):
        raise RuntimeError(f"the scorer failed (exit {returncode}): {(stderr or stdout).strip()[-500:]}")
    return {"metrics": metrics, "summary": summary.strip()}


def _id(p: Document | Mapping[str, Any]) -> object:
    return p.id if isinstance(p, Document) else p.get("id")


def _write(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
