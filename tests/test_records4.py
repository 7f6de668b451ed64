"""Issue 13, session 8: tolls of reduced passives after a clause, division words of other languages and
countries (commune, departement, prefecture, cercle, wilaya, oblast, ...). Every sentence is invented."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.document import Document, Event
from sitrep.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def run(pipe: Pipeline, text: str) -> Document:
    doc = pipe(sitrep.make_document(text, "2023-05-02", id="t"))
    assert "error" not in doc.meta, doc.meta.get("error")
    return doc


def main(doc: Document) -> Event | None:
    evs = [e for e in doc.events if e.acled]
    return max(evs, key=lambda e: e.confidence) if evs else None


def killed(pipe: Pipeline, text: str) -> int:
    e = main(run(pipe, text))
    return (e.killed or 0) if e else 0


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a headline-style reduced passive after a clause the parse hangs on the verb of killing
        ("Herders fight farmers near the river, 12 killed in a village known as Tala.", 12),
        ("Soldiers exchange fire with bandits at a market, three killed on the spot.", 3),
    ],
)
def test_reduced_passive_after_a_clause(pipe: Pipeline, text: str, n: int) -> None:
    assert killed(pipe, text) == n
