"""The stages' scratch state lives in a typed `DocContext` on the Document, not in `doc.meta` (issue 19).
Parser-independent: the caches are exercised without a spaCy model. All sentences are invented."""

from __future__ import annotations

from datetime import date

from sitrep import make_document
from sitrep.actors.api import actor_at, first_covering
from sitrep.document import Actor, DocContext, Document, Place, PlaceMention, Span, TimeMention
from sitrep.geo import event_place
from sitrep.time import dating, tag_document


def _doc(text: str) -> Document:
    return Document(text=text, id="t")


def test_a_new_document_has_an_empty_context_and_no_scratch_in_meta() -> None:
    d = make_document("Soldiers patrolled the market.", "2024-02-01", where="here.txt:1")
    assert d.meta == {"where": "here.txt:1"}
    assert d.context == DocContext()
    assert d.time_anchor is None
    assert "context" not in d.to_contract() and "meta" not in d.to_contract()
    assert Document(text="x").context is not Document(text="y").context  # not shared between documents


def test_actor_mention_index_is_kept_in_the_context() -> None:
    text = "The rebels and the army fought near the river."
    d = _doc(text)
    rebels = Actor(id="rebels", name="rebels", mentions=[Span(4, 10, "rebels")])
    army = Actor(id="army", name="army", mentions=[Span(19, 23, "army")])
    d.actors = [rebels, army]
    assert actor_at(d, 4, 10) is rebels
    idx = d.context.mention_index
    assert idx is not None and not d.meta
    assert first_covering(d, 20) == 1
    assert d.context.mention_index is idx  # reused while only additions happen
    army.mentions.append(Span(40, 45, "river"))  # an addition is taken in
    assert actor_at(d, 40, 45) is army
    d.actors = [army]  # a replaced list rebuilds the index
    assert actor_at(d, 4, 10) is None
    assert d.context.mention_index is not idx


def test_time_order_cache_follows_the_times_list() -> None:
    d = _doc("On Monday and on Friday and on Sunday.")
    d.times = [TimeMention(17, 23, "Friday", "DATE", "2024-02-02"), TimeMention(3, 9, "Monday", "DATE", "2024-01-29")]
    got = dating._times_starting_in(d, 0, 20)
    assert [t.text for t in got] == ["Friday", "Monday"]  # in doc.times' order
    cached = d.context.times_order
    assert cached is not None and cached[0] is d.times and cached[1] == 2
    d.times.append(TimeMention(31, 37, "Sunday", "DATE", "2024-02-04"))  # grown: recomputed
    assert [t.text for t in dating._times_starting_in(d, 25, 40)] == ["Sunday"]
    assert d.context.times_order is not cached and not d.meta


def test_release_month_is_read_once() -> None:
    d = _doc("Nothing here names a release.")
    assert not d.context.release_month_read
    first = dating._release_month(d)
    assert d.context.release_month_read and d.context.release_month == first
    d.context.release_month = date(2020, 5, 1)  # the cached value is what later calls see
    assert dating._release_month(d) == date(2020, 5, 1)


def test_times_stage_sets_anchor_and_tagged_flag() -> None:
    d = make_document("Talks resumed on Tuesday.", "2021-09-06")
    tag_document(d)
    assert d.time_anchor == "published" and d.context.times_tagged
    assert d.to_contract()["time_anchor"] == "published"
    assert "time_anchor" not in d.meta and "times_tagged" not in d.meta


def test_usable_places_cache_is_recomputed_when_places_are_added() -> None:
    text = "Fighting was reported in Tarvale and later in Ostrin."
    d = _doc(text)
    tarvale = PlaceMention(25, 32, "Tarvale", Place("Tarvale", 1.0, 2.0, kind="populated_place"))
    d.places = [tarvale]
    assert event_place._usable_places(d) == [tarvale]
    assert d.context.usable_places is not None and d.context.usable_places[0] == 1
    ostrin = PlaceMention(46, 52, "Ostrin", Place("Ostrin", 3.0, 4.0, kind="populated_place"))
    d.places.append(ostrin)
    assert event_place._usable_places(d) == [tarvale, ostrin]
    usable, order, starts = event_place._usable_order(d)
    assert usable is d.context.usable_places[1] and starts == [25, 46] and order == [0, 1]
    assert event_place._starting_in(d, 40, 60) == [ostrin]
    assert not d.meta
