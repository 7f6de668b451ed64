"""Issue 20, case 5: regexes over article text run in linear time. Each pattern gets adversarial input
(generated here) of growing length; the test asserts that 4x the input costs well under 16x the time
(quadratic), as a ratio of the best of several runs, not a wall-clock limit."""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable

import pytest

import sitrep
from sitrep.actors import recognize
from sitrep.ingest import _strip_html
from sitrep.ingest.html import nesting_depth


def _cpu(f: Callable[[str], object], s: str) -> float:
    gc.disable()  # collections of the match lists are noise here
    try:
        t = time.process_time()  # CPU time: other processes on a loaded machine do not count
        f(s)
        return time.process_time() - t
    finally:
        gc.enable()


def _growth(f: Callable[[str], object], unit: str, n: int, runs: int = 3) -> float:
    """CPU time of 4n characters over that of n (best of `runs`, interleaved); n grows until the small
    input takes 10 ms, so timer resolution does not matter. Linear: about 4; quadratic: about 16."""
    while True:
        small = unit * max(1, n // len(unit))
        if _cpu(f, small) >= 0.01 or n >= 4_000_000:
            break
        n *= 2
    big = unit * max(1, 4 * n // len(unit))
    ts, tb = [], []
    for _ in range(runs):
        ts.append(_cpu(f, small))
        tb.append(_cpu(f, big))
    return min(tb) / max(min(ts), 1e-6)


def _quotes(text: str) -> list[tuple[int, int]]:
    # the pattern recognize.py uses for the character ranges inside quotation marks
    src = open(recognize.__file__, encoding="utf-8").read()
    pat = re.search(r're\.finditer\(r"(\[“.*?)", doc\.text\)', src)
    assert pat is not None
    return [(m.start(), m.end()) for m in re.finditer(pat.group(1), text)]


ADVERSARIAL = {
    "acronym": (
        recognize.acronym_definitions,
        ["Word-", "Word ", "Al-Word of the ", "(AB) ", "Alpha Bravo (", ", or Alpha ", "al-de-in-", "Xx-" * 7 + " "],
    ),
    "quotes": (_quotes, ["“", "“a ", "«", '"a ', "“" + "b" * 700]),
    "strip_html": (_strip_html, ["<", "<a", "<<>", "< "]),
    "nesting_depth": (nesting_depth, ["<", "<a", "<div ", "<a/", "</", "<div>", "<b x=" + "y" * 50]),
}


@pytest.mark.parametrize(
    "name,unit", [(k, u) for k, (_, units) in ADVERSARIAL.items() for u in units]
)
def test_regex_growth_is_near_linear(name: str, unit: str) -> None:
    f = ADVERSARIAL[name][0]
    ratio = _growth(f, unit, 50_000)
    assert ratio < 9, f"{name} on {unit!r}*n: 4x the input took {ratio:.1f}x the time"


def test_hyphenated_title_case_line_is_fast() -> None:
    for words in (14, 22, 30, 200):
        line = "-".join(f"Invented{chr(65 + i % 26)}word" for i in range(words)) + " went on."
        t = time.perf_counter()
        recognize.acronym_definitions(line)
        assert time.perf_counter() - t < 0.05, words


def test_acronym_definitions_still_found() -> None:
    text = (
        "Fighters of the Invented Liberation Front (ILF) met the Blue Hill Brigade, also known as BHB, "
        "near Front des Forces Nouvelles (FFN) positions and the al-Nadir Movement (ANM)."
    )
    got = [(m.group("long"), m.group("acr")) for m in recognize.acronym_definitions(text)]
    assert got == [
        ("Fighters of the Invented Liberation Front", "ILF"),  # trimmed to the initials later
        ("the Blue Hill Brigade", "BHB"),
        ("Front des Forces Nouvelles", "FFN"),
        ("and the al-Nadir Movement", "ANM"),
    ]


def test_hyphenated_line_through_the_pipeline_under_a_second() -> None:
    try:
        from sitrep.nlp import load_model

        load_model()
    except Exception as exc:  # noqa: BLE001 - the model is optional in a bare checkout
        pytest.skip(f"spaCy model not available: {exc}")
    line = "-".join(f"Invented{chr(65 + i % 26)}word" for i in range(30)) + " (IW) forces said."
    sitrep.extract("warm up.")
    t = time.perf_counter()
    sitrep.extract(line)
    assert time.perf_counter() - t < 1.0
