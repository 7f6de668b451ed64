"""Proxy for event-date accuracy on ISAF press releases (until the events stage is ready).

For each document: run the nlp + times stages (no publication date: the dateline is read from the
text), take the first sentence that mentions a killing, detention, capture or strike, make a synthetic
`Event` on that trigger word, date it with `sitrep.time.date_event`, and compare `date.start` with the
gold `start_date`.

    python benchmarks/isaf_dates.py /work/shared/eval/data/isaf.dev.input.jsonl /work/shared/eval/data/isaf.dev.gold.jsonl [-v]
"""

from __future__ import annotations

import json
import re
import sys

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.pipeline import Pipeline
from sitrep.time import date_event

TRIGGER = re.compile(
    r"\b(?:killed|killing|kills|detained|detaining|detains|detention|captured|capturing|captures|arrested|arrests|airstrike|"
    r"air strike|air weapons team|engaged|seized|destroyed)\b",
    re.I,
)


def sentences(doc) -> list[tuple[int, int]]:
    """spaCy sentences, further split at line breaks (headers and datelines are not sentences)."""
    out: list[tuple[int, int]] = []
    for s in doc.spacy.sents:
        start = s.start_char
        for piece in re.split(r"([\n\u2028\u2029]+)", s.text_with_ws):
            end = start + len(piece)
            if piece.strip() and not re.fullmatch(r"[\n\u2028\u2029]+", piece):
                out.append((start, end))
            start = end
    return out


def main() -> int:
    inp, gold_path = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv
    rows = [json.loads(x) for x in open(inp, encoding="utf-8") if x.strip()]
    gold = {g["id"]: g for g in (json.loads(x) for x in open(gold_path, encoding="utf-8") if x.strip())}
    pipe = Pipeline(["nlp", "times"])
    docs = [make_document(r["text"], r.get("published"), id=r["id"]) for r in rows]
    n = ok = 0
    for doc in pipe.pipe(docs):
        g = gold.get(doc.id)
        if g is None:
            continue
        n += 1
        pred = None
        sent = None
        body_from = doc.dateline_span[1] if doc.dateline_span else 0
        found = None
        for s0, s1 in sentences(doc):
            m = TRIGGER.search(doc.text, s0, s1)
            if m and (found is None or (found[0] < body_from <= s0)):
                found = (s0, s1, m.start(), m.end())
                if s0 >= body_from:
                    break
        if found is not None:
            s0, s1, a, b = found
            sent = doc.text[s0:s1]
            ev = Event(id="e1", trigger=Span(a, b, doc.text[a:b]), evidence=[Span(s0, s1, sent)])
            date_event(doc, ev)
            pred = ev.date.start if ev.date else None
        hit = pred == g["start_date"]
        ok += hit
        if verbose and not hit:
            print(
                f"{doc.id}: gold {g['start_date']} pred {pred} dateline {doc.dateline} | {(sent or '')[:150]!r}"
            )
    print(f"isaf date accuracy (proxy): {ok}/{n} = {ok / max(n, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
