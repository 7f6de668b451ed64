"""Issue 20, case 6: a per-document time budget. A document over it comes out with an error naming the
stage, and the run goes on. Stages and texts here are invented."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest

from sitrep import make_document
from sitrep.pipeline import Pipeline, default_time_budget, register

# the pre-fix ACRONYM_DEF shape: exponential on hyphenated Title-Case words (kept here as a test input)
EXPONENTIAL = re.compile(r"(?:[A-Z][\w\-]*)(?:[ \-](?:[A-Z][\w\-]*))*\s*\((?P<acr>[A-Z]{2,9})\)")


class _Slow:
    name = "slowstage"

    def __call__(self, doc: Any) -> Any:
        if "SPIN" in doc.text:
            t = time.monotonic()
            while time.monotonic() - t < 30:  # pure Python busy loop
                pass
        if "REGEX" in doc.text:
            EXPONENTIAL.search("-".join(["Word"] * 40) + " said")
        if "BRIEF" in doc.text:
            t = time.monotonic()
            while time.monotonic() - t < 0.5:
                pass
        if "SWALLOW" in doc.text:
            try:  # a stage that catches everything must still be stopped
                while True:
                    pass
            except Exception:  # noqa: BLE001
                pass
        doc.meta["seen"] = True
        return doc


class _Batch:
    """A batch stage (like spaCy's) that is slow on one document."""

    name = "batchstage"

    def __call__(self, doc: Any) -> Any:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Any, batch_size: int = 16) -> Any:
        for doc in docs:
            if "SLEEPY" in doc.text:
                time.sleep(0.6)
            yield doc


register("slowstage")(_Slow)
register("batchstage")(_Batch)


@pytest.mark.parametrize("marker", ["SPIN", "REGEX", "SWALLOW"])
def test_over_budget_document_is_an_error_naming_the_stage(marker: str) -> None:
    pipe = Pipeline(stages=["batchstage", "slowstage"], time_budget=0.5)
    docs = [make_document(t, id=f"d{i}") for i, t in enumerate(["fine one", f"{marker} here", "fine two"])]
    t = time.monotonic()
    out = list(pipe.pipe(docs))
    assert time.monotonic() - t < 5
    assert [d.id for d in out] == ["d0", "d1", "d2"]
    assert "error" not in out[0].meta and out[0].meta["seen"] and out[2].meta["seen"]
    assert "slowstage stage" in out[1].meta["error"] and "time budget" in out[1].meta["error"]


def test_batch_stage_charged_after_the_fact() -> None:
    pipe = Pipeline(stages=["batchstage", "slowstage"], time_budget=0.3)
    out = list(pipe.pipe([make_document("SLEEPY text", id="s"), make_document("fine", id="f")]))
    assert "batchstage stage" in out[0].meta["error"]
    assert "error" not in out[1].meta


def test_budget_outside_the_main_thread_is_checked_on_return() -> None:
    pipe = Pipeline(stages=["slowstage"], time_budget=0.2)
    result: list[Any] = []

    def work() -> None:
        doc = make_document("BRIEF spin", id="r")
        result.extend(pipe.pipe([doc, make_document("fine", id="f")]))

    th = threading.Thread(target=work)
    th.start()
    th.join(120)
    assert "time budget" in result[0].meta["error"] and "error" not in result[1].meta


def test_budget_from_environment(monkeypatch: Any) -> None:
    monkeypatch.setenv("SITREP_DOC_BUDGET", "7.5")
    assert default_time_budget() == 7.5
    monkeypatch.setenv("SITREP_DOC_BUDGET", "0")
    assert default_time_budget() is None
    assert Pipeline(stages=["slowstage"]).time_budget is None
    monkeypatch.delenv("SITREP_DOC_BUDGET")
    assert default_time_budget() == 120.0
