"""Gazetteer load time and resident memory of the places stage.

    python benchmarks/geo_load.py

Prints the size of the gazetteer file, the time to open it and resolve a first toponym (cold), the time
of a warm look-up, and the process's peak resident memory after the places stage ran over a document
(without spaCy, whose model is measured by the nlp stage, and with it).
"""

from __future__ import annotations

import json
import resource
import time


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    base = rss_mb()
    t0 = time.perf_counter()
    from sitrep.geo import PlacesStage, load_gazetteer

    g = load_gazetteer()
    g.lookup("Panjshir")
    g.country("AF")
    stage = PlacesStage()
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    for name in ("Kabul", "Kandahar", "Helmand", "Washington", "Springfield", "Paris", "Lagos"):
        g.lookup(name)
    lookup_ms = (time.perf_counter() - t1) / 7 * 1000
    gaz_rss = rss_mb()

    from sitrep import make_document
    from sitrep.pipeline import get_stage

    nlp = get_stage("nlp")
    text = ("The Taliban said they had taken the Panjshir Valley, north of Kabul, while fighting went on in "
            "Andar district, Ghazni province, and in neighbouring Takhar province. ") * 20
    doc = nlp(make_document(text))
    t2 = time.perf_counter()
    stage(doc)
    stage_ms = (time.perf_counter() - t2) * 1000
    out = {
        "gazetteer_file_mb": round(g.path.stat().st_size / 1e6, 1),
        "load_seconds": round(load_s, 3),
        "warm_lookup_ms": round(lookup_ms, 3),
        "rss_mb_python_baseline": round(base, 1),
        "rss_mb_after_gazetteer_load": round(gaz_rss, 1),
        "rss_mb_with_spacy_after_stage": round(rss_mb(), 1),
        f"places_stage_ms_for_{len(text)}_chars": round(stage_ms, 1),
        "places_found": len(doc.places),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
