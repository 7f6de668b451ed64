"""Proxy for the ISAF province score while the events stage is not ready.

For each press release: run nlp + places, make a synthetic event on the first sentence that reports
the operation (a sentence with an operation verb after the dateline), ask `place_for_event` for its
place and compare the place's ISO 3166-2 code with the gold province.

    python benchmarks/isaf_provinces.py ../shared/eval/data/isaf.dev.input.jsonl ../shared/eval/data/isaf.dev.gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.geo import place_for_event
from sitrep.pipeline import Pipeline

PROVINCES = {
    "badakhshan": "AF-BDS", "badghis": "AF-BDG", "baghlan": "AF-BGL", "balkh": "AF-BAL", "bamyan": "AF-BAM",
    "day_kundi": "AF-DAY", "farah": "AF-FRA", "faryab": "AF-FYB", "ghazni": "AF-GHA", "ghor": "AF-GHO",
    "helmand": "AF-HEL", "herat": "AF-HER", "jowzjan": "AF-JOW", "kabul": "AF-KAB", "kandahar": "AF-KAN",
    "kapisa": "AF-KAP", "khost": "AF-KHO", "kunar": "AF-KNR", "kunduz": "AF-KDZ", "laghman": "AF-LAG",
    "logar": "AF-LOG", "nangarhar": "AF-NAN", "nimroz": "AF-NIM", "nuristan": "AF-NUR", "paktya": "AF-PIA",
    "paktika": "AF-PKA", "panjshir": "AF-PAN", "parwan": "AF-PAR", "samangan": "AF-SAM", "sar_e_pul": "AF-SAR",
    "takhar": "AF-TAK", "uruzgan": "AF-URU", "wardak": "AF-WAR", "zabul": "AF-ZAB",
}
OPERATION = re.compile(
    r"\b(kill|killed|detain|detained|captur|arrest|operation|strike|struck|engag|clash|attack|"
    r"search|seiz|discover|found|target|raid|fire|fired|wound|died|destroy)", re.I)


DATELINE = re.compile(r"\((?:[A-Z][a-z]{2,4}\.?|[A-Z][a-z]+) \d{1,2}(?:, \d{4})?\)")


def synthetic_event(doc) -> Event | None:
    """The first operation verb after the dateline, with its sentence (cut at the dateline) as evidence."""
    m = DATELINE.search(doc.text)
    after = m.end() if m else 0
    for t in doc.spacy:
        if t.idx < after or not (t.pos_ in ("VERB", "NOUN") and OPERATION.match(t.text)):
            continue
        sent = t.sent
        start = max(sent.start_char, after)
        ev = Span(start, sent.end_char, doc.text[start : sent.end_char])
        return Event(id="e1", trigger=Span(t.idx, t.idx + len(t.text), t.text), evidence=[ev])
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("gold")
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args()
    from _needs import need

    need(a.input, a.gold)
    gold = {json.loads(line)["id"]: json.loads(line) for line in open(a.gold, encoding="utf-8")}
    rows = [json.loads(line) for line in open(a.input, encoding="utf-8") if line.strip()]
    pipe = Pipeline(["nlp", "places"])
    docs = (make_document(r["text"], r.get("published"), id=r["id"]) for r in rows)
    seen = hits = 0
    for d in pipe.pipe(docs):
        g = gold[d.id]
        provs = {PROVINCES.get(p) for p in g["province"] if p} - {None}
        if not provs:
            continue
        seen += 1
        ev = synthetic_event(d)
        place = place_for_event(d, ev) if ev else None
        ok = place is not None and place.admin1_code in provs
        hits += ok
        if not ok and a.show_errors:
            print(d.id, sorted(provs), place and (place.name, place.kind, place.admin1_code),
                  repr(ev.evidence[0].text[:160]) if ev else None, file=sys.stderr)
    print(json.dumps({"documents_with_province": seen, "province_accuracy": hits / seen if seen else 0.0}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
