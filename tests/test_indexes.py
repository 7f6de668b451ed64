"""The indexes that replaced whole-document scans (issue 20): each gives what the scan gave, on random
inputs, and the stages after spaCy grow near-linearly with the document's length."""

from __future__ import annotations

import gc
import random
import time
from dataclasses import dataclass

from sitrep import make_document
from sitrep.actors.api import first_covering
from sitrep.actors.mention_list import MentionList
from sitrep.claims.attributions import _dedupe
from sitrep.claims.linking import _cue_overlaps, _CueIndex
from sitrep.document import Actor, Attribution, Claim, Span


@dataclass
class _M:
    start: int
    end: int


def _first_at(ms: list[_M], k: int) -> _M | None:
    return next((m for m in ms if m.start <= k < m.end), None)


def test_mention_list_matches_a_scan_under_every_kind_of_change() -> None:
    rng = random.Random(7)
    ms = MentionList()
    for step in range(600):
        op = rng.random()
        if op < 0.6 or not ms:
            s = rng.randrange(200)
            ms.append(_M(s, s + rng.randrange(0, 6)))
        elif op < 0.7:
            ms.remove(rng.choice(ms))
        elif op < 0.75:
            ms.sort(key=lambda m: (m.end, m.start))
        elif op < 0.8:
            s = rng.randrange(200)
            ms[rng.randrange(len(ms))] = _M(s, s + 2)
        elif op < 0.85:
            ms.insert(rng.randrange(len(ms) + 1), _M(5, 9))
        elif op < 0.9:
            ms.extend([_M(1, 3), _M(2, 4)])
        elif op < 0.93:
            del ms[: rng.randrange(3)]
        else:
            ms.pop()
        for k in rng.sample(range(210), 12):
            assert ms.first_at(k) is _first_at(ms, k), step
        i = rng.randrange(200)
        j = i + rng.randrange(0, 8)
        assert ms.contained(i, j) == any(m.start >= i and m.end <= j for m in ms), step


def test_first_covering_is_the_first_actor_with_a_mention_holding_the_character() -> None:
    rng = random.Random(3)
    doc = make_document("x" * 500, "2021-01-01")
    for n in range(40):
        a = Actor(id=f"a{n}", name=f"A{n}")
        for _ in range(rng.randrange(0, 5)):
            s = rng.randrange(480)
            a.mentions.append(Span(s, s + rng.randrange(0, 15), ""))
        doc.actors.append(a)
        for c in rng.sample(range(500), 25):
            want = next((i for i, x in enumerate(doc.actors) if any(m.start <= c < m.end for m in x.mentions)), None)
            assert first_covering(doc, c) == want


def _att(s: int, e: int) -> Attribution:
    return Attribution(cue=Span(s, e, ""), content=[])


def test_cue_index_and_dedupe_match_the_scans() -> None:
    rng = random.Random(11)
    for _ in range(60):
        atts = []
        for _ in range(rng.randrange(0, 30)):
            s = rng.randrange(300)
            atts.append(_att(s, s + rng.randrange(0, 25)))
        idx = _CueIndex(atts)
        for _ in range(20):
            s = rng.randrange(320)
            c = Claim("asserts", s, s + rng.randrange(0, 10), "")
            assert idx.overlapping(c) == [k for k, a in enumerate(atts) if _cue_overlaps(a, c)]
        naive: list[Attribution] = []
        for a in sorted(atts, key=lambda a: -(a.cue.end - a.cue.start)):
            if not any(b.cue.start <= a.cue.start and a.cue.end <= b.cue.end for b in naive):
                naive.append(a)
        assert [id(a) for a in _dedupe(atts)] == [id(a) for a in naive]


SENTENCES = [
    "Fighters of the Invented Hill Front attacked a police post in Norvale on Monday, killing 3 officers.",
    "A spokesman for the front, Anton Mereth, said the group had taken the bridge.",
    "The ministry denied that soldiers had shelled the market in Castelmoor district.",
    "Police arrested 14 people after a protest in the town of Ferrow last week, officials said.",
    "Local elders said two civilians were wounded when a roadside bomb exploded near Pellan.",
]


def _text(chars: int, seed: int) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    while sum(len(s) + 1 for s in out) < chars:
        out.append(rng.choice(SENTENCES) + ("\n\n" if rng.random() < 0.2 else ""))
    return " ".join(out)[:chars]


def _after_spacy(chars: int) -> float:
    """CPU seconds of every stage after the parse, on an invented text of `chars` characters."""
    from sitrep.pipeline import DEFAULT_STAGES, Pipeline

    pipe = Pipeline(DEFAULT_STAGES)
    doc = make_document(_text(chars, chars), "2021-09-06", id=f"g{chars}")
    (doc,) = list(pipe.stages[0].pipe([doc], batch_size=1))  # type: ignore[attr-defined]
    t = time.process_time()
    for stage in pipe.stages[1:]:
        doc = stage(doc)
    return time.process_time() - t


def test_stages_after_spacy_grow_near_linearly() -> None:
    _after_spacy(2_000)  # warm up: lexicons, gazetteer
    small, large = _after_spacy(8_000), _after_spacy(32_000)
    # 4 times the text: a quadratic stage would take 16 times as long; allow 8 for noise on a shared machine
    assert large / max(small, 1e-3) < 8.0, (small, large)


def test_per_document_caches_do_not_keep_parsed_documents_alive() -> None:
    """The caches keyed weakly by the parsed document hold offsets, not tokens or spans (which hold their
    document): after four documents at most the last one is still referenced (events keep its text)."""
    import sitrep
    from sitrep.actors.api import _ENTS
    from sitrep.claims.frames import _PERSONS
    from sitrep.events.arguments import _NP_SPANS

    gc.collect()
    before = [len(_ENTS), len(_PERSONS), len(_NP_SPANS)]
    for seed in range(4):
        sitrep.extract(_text(3_000, seed), published="2021-09-06")
    gc.collect()
    after = [len(_ENTS), len(_PERSONS), len(_NP_SPANS)]
    assert all(a <= b + 1 for a, b in zip(after, before, strict=True)), (before, after)
