"""Time of the places stage against spaCy's own parse time.

    python benchmarks/geo_speed.py [INPUT.jsonl ...]

Parses the documents with the nlp stage (model loaded and warmed first), then runs the places stage over
the parsed documents with a cold look-up cache, and prints both times and their ratio (goal: the places
stage under 10 % of spaCy's time). Default input: the Afghanistan 2021 headlines and the ISAF dev
releases of the shared evaluation data.
"""

from __future__ import annotations

import json
import sys
import time

DEFAULT = [
    "/work/shared/eval/data/afghanistan2021_headlines.input.jsonl",
    "/work/shared/eval/data/isaf.dev.input.jsonl",
]


def main(argv: list[str]) -> int:
    from _needs import need

    from sitrep import make_document
    from sitrep.geo import PlacesStage
    from sitrep.pipeline import get_stage

    files = argv or DEFAULT
    need(*files, usage=__doc__ or "")
    rows = [json.loads(line) for f in files for line in open(f, encoding="utf-8") if line.strip()]
    nlp = get_stage("nlp")
    nlp(make_document("Warm-up in Kabul."))
    docs = [make_document(r["text"], r.get("published"), id=r["id"]) for r in rows]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(docs))  # type: ignore[attr-defined]
    spacy_s = time.perf_counter() - t0
    stage = PlacesStage()
    gaz = stage.finder.gaz
    gaz.lookup("Kabul")  # open the file
    gaz._cache.clear()
    getattr(gaz, "_raw", {}).clear()
    t1 = time.perf_counter()
    n = 0
    for d in docs:
        stage(d)
        n += len(d.places)
    places_s = time.perf_counter() - t1
    print(json.dumps({"documents": len(docs), "places": n, "spacy_seconds": round(spacy_s, 2),
                      "places_seconds": round(places_s, 3), "places_over_spacy": round(places_s / spacy_s, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
