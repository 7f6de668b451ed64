"""Run the pipeline (or some of its stages) over a JSONL corpus and write contract JSONL.

    python benchmarks/run_corpus.py ../shared/eval/data/isaf.dev.input.jsonl /tmp/isaf.pred.jsonl
    python benchmarks/run_corpus.py IN OUT --stages nlp,times

Development helper: `sitrep extract IN --format jsonl -o OUT` does the same with the full pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys

from sitrep import make_document
from sitrep.document import error_record
from sitrep.pipeline import DEFAULT_STAGES, Pipeline


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES))
    a = ap.parse_args()
    from _needs import need

    need(a.input)
    pipe = Pipeline(a.stages.split(","))
    rows = [json.loads(line) for line in open(a.input, encoding="utf-8") if line.strip()]
    docs = (make_document(r["text"], r.get("published"), id=r["id"], title=r.get("title"),
                          url=r.get("url"), source=r.get("source")) for r in rows)
    n_err = 0
    with open(a.output, "w", encoding="utf-8") as out:
        for d in pipe.pipe(docs):
            if "error" in d.meta:
                n_err += 1
                rec = error_record(d.id, d.meta["error"])
            else:
                rec = d.to_contract()
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(rows)} documents, {n_err} errors -> {a.output}", file=sys.stderr)
    return 1 if n_err else 0


if __name__ == "__main__":
    raise SystemExit(main())
