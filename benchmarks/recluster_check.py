"""Does the store's merging depend on the order articles arrive in, and does `sitrep recluster` remove that?

    python benchmarks/recluster_check.py ../shared/eval/data/afghanistan2021_headlines.input.jsonl

Runs the pipeline once over the JSONL corpus, ingests the results into two fresh SQLite stores (in file
order and in reverse order), compares the merged events (each as the set of article events it holds), then runs
`Store.recluster()` on both and compares again. Prints counts and the recluster time.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from sitrep import make_document
from sitrep.pipeline import default_pipeline
from sitrep.store import Store


def _groups(store: Store) -> set[tuple[tuple[str, str], ...]]:
    """Each merged event as the set of article events (article id, event id in the article) it holds."""
    return {
        tuple(sorted((m["article_id"], m["event_id"]) for m in e["merge"]["mentions"]))
        for e in store.query_events(limit=None)
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    from _needs import need

    need(argv[0], usage=__doc__ or "")
    rows = [json.loads(line) for line in open(argv[0], encoding="utf-8") if line.strip()]
    pipe = default_pipeline()
    docs = [make_document(r["text"], r.get("published"), id=r["id"], title=r.get("title"), url=r.get("url"))
            for r in rows]
    done = [(d.to_contract(), d.text) for d in pipe.pipe(docs) if "error" not in d.meta]
    with tempfile.TemporaryDirectory() as tmp:
        fwd, rev = Store(Path(tmp) / "fwd.db"), Store(Path(tmp) / "rev.db")
        for c, text in done:
            fwd.ingest(c, text)
        for c, text in reversed(done):
            rev.ingest(c, text)
        gf, gr = _groups(fwd), _groups(rev)
        print(f"articles: {len(done)}; merged events: {len(gf)} (file order), {len(gr)} (reverse order); "
              f"groups in only one of the two: {len(gf ^ gr)}")
        t0 = time.perf_counter()
        r = fwd.recluster()
        dt = time.perf_counter() - t0
        rev.recluster()
        gf, gr = _groups(fwd), _groups(rev)
        ids_equal = sorted(e["id"] for e in fwd.query_events(limit=None)) == sorted(
            e["id"] for e in rev.query_events(limit=None)
        )
        print(f"after recluster: {len(gf)} and {len(gr)} merged events; groups in only one: {len(gf ^ gr)}; "
              f"same ids: {ids_equal}; recluster of {r['mentions']} mentions took {dt:.2f} s")
        fwd.close()
        rev.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
