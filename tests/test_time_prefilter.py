"""The tagger's rule pre-filters (triggers, start positions) must never change what `tag` finds."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.time import tagger

TEXTS = [
    "HERAT, Afghanistan (Mar. 14, 2012) - A joint patrol picked up a militia commander yesterday.",
    "The ceasefire held through March; officials said on March 3 that talks may resume in May 2021.",
    "Monday, Oct. 26, the 3rd of September, 12th of Sept. 2001, mid-August 1998, early March",
    "two and a half days later, the past  few\n days, three - days, a number of years, 20 hours a day",
    "at 10:30 a. m. Tuesday, 1500 hrs GMT, 20:00 hours local time, noon on Friday, this evening",
    "five years ago, a year-earlier quarter, the third quarter of 2010, the second half of 2010, year-end",
    "that same day, the next morning, earlier in the day, nineteen eighty-four, decades-long, in the 1990's",
    "İndependence Day, Christmas Eve, Easter Sunday, last Thanksgiving, weekly, every two weeks, Mondays",
    "ſunday, the twenties, the fiscal year ended, 9/11, 2020-01-02, 1/2/2003, the day before yesterday",
    "abc123 years, about 4 1/2 years, more than twenty-one days ago, Several weeks ago, a couple of months",
    "nearly a decade, the last few years, well over 200 years, half a century later, 3.5 hours, dozen weeks",
]


def _variants() -> list[str]:
    out = []
    for t in TEXTS:
        out += [t, t.upper(), t.lower(), t.title()]
    return out


def _plain(monkeypatch: pytest.MonkeyPatch, text: str, anchor: date | None) -> list[tuple]:
    n = len(tagger._rules())
    with monkeypatch.context() as m:
        m.setattr(tagger, "_triggers", lambda: [None] * n)
        m.setattr(tagger, "_rule_starts", lambda: [None] * n)
        return [(t.start, t.end, t.rule, t.res) for t in tagger.tag(text, anchor)]


@pytest.mark.parametrize("anchor", [date(2012, 3, 14), None])
def test_prefilters_change_nothing(monkeypatch: pytest.MonkeyPatch, anchor: date | None) -> None:
    for text in _variants():
        fast = [(t.start, t.end, t.rule, t.res) for t in tagger.tag(text, anchor)]
        assert fast == _plain(monkeypatch, text, anchor), text
