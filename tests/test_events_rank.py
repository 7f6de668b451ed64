"""Confidence calibration keeps the order of a document's events and stays a probability."""

from __future__ import annotations

from sitrep.document import Event, Span
from sitrep.events import rank


def _ev(conf: float) -> Event:
    return Event(id="e", trigger=Span(0, 1, "x"), evidence=[], confidence=conf)


def test_calibration_is_strictly_increasing_and_bounded() -> None:
    raw = [0.05, 0.3, 0.31, 0.6, 0.9, 0.99]
    evs = [_ev(c) for c in raw]
    rank.calibrate(evs)
    out = [e.confidence for e in evs]
    assert all(0.0 < x < 1.0 for x in out)
    assert all(b > a for a, b in zip(out, out[1:], strict=False))
    assert out != raw  # the shipped map does change the values


def test_calibration_can_be_switched_off(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SITREP_CALIBRATE", "0")
    rank._calibration.cache_clear()
    try:
        ev = _ev(0.9)
        rank.calibrate([ev])
        assert ev.confidence == 0.9
    finally:
        rank._calibration.cache_clear()
