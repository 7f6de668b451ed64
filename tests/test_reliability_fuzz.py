"""Issue 20: property-based fuzzing (hypothesis) of JSONL ingest and `sitrep.extract`, bounded in time
(a fixed number of examples, no deadline per example; SITREP_FUZZ_EXAMPLES scales it). Inputs are
generated: invented words, odd characters, broken JSON, surrogate escapes, NUL bytes, deep nesting."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.document import Document
from sitrep.ingest import InputError, read_inputs

SCALE = float(os.environ.get("SITREP_FUZZ_EXAMPLES", "1"))
WORDS = ["Invented", "Blue", "Army", "Front", "(BAF)", "killed", "1,000,000", "on", "Monday", "near", "Zorvan",
         "said", "“", "”", "\u2028", "\x0c", "\x85", "-", "al-", "Of", "The", ",", ".", "\t", "\n", "2021-09-06"]
text_st = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=60).map("-".join),
)
line_st = st.one_of(
    st.builds(lambda i, t, ti: json.dumps({"id": i, "text": t, "title": ti}), st.text(max_size=30), text_st,
              st.one_of(st.none(), st.text(max_size=30))),
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), text_st),
    st.sampled_from(['{"text": "a \\ud800 b"}', '{"id": "\\udfff", "text": "x"}', "[" * 5000, "{", '"str"', "null",
                     '{"text": 5}', '{"text": "x", "published": "not a date"}', '{"text": " \\t "}']),
    st.text(max_size=80),
)


@settings(max_examples=int(300 * SCALE), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_st, max_size=12), junk=st.binary(max_size=40))
def test_jsonl_ingest_never_raises(tmp_path_factory: pytest.TempPathFactory, lines: list[str], junk: bytes) -> None:
    f = Path(tmp_path_factory.mktemp("fz")) / "fuzz.jsonl"
    raw = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n" + junk
    f.write_bytes(raw)
    items = list(read_inputs([str(f)]))
    for it in items:
        assert isinstance(it, Document | InputError)
        if isinstance(it, InputError):
            json.dumps(it.record(), ensure_ascii=False).encode("utf-8")
        else:
            it.text.encode("utf-8")
            assert it.text.strip() and "\x00" not in it.text


def _model() -> None:
    try:
        from sitrep.nlp import load_model

        load_model()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"spaCy model not available: {exc}")


@settings(max_examples=int(40 * SCALE), deadline=None)
@given(text=text_st)
def test_extract_keeps_offsets_or_raises_extraction_error(text: str) -> None:
    _model()
    try:
        doc = sitrep.extract(text, published="2021-09-06")
    except (sitrep.ExtractionError, ValueError):
        return
    out = doc.to_contract()
    json.dumps(out)
    spans = out["places"] + out["times"] + [m for a in out["actors"] for m in a["mentions"]]
    for e in out["events"]:
        spans += e["evidence"] + e["claims"] + [e["trigger"]]
        for v in e["magnitude"].values():
            assert v is None or 0 <= v <= 1_000_000_000
    for sp in spans:
        assert text[sp["start"]:sp["end"]] == sp["text"]
