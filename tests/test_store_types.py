"""The control timeline over typed stored events (issue 19: `StoredEvent` / `ActorRef` instead of
`dict[str, Any]`): the readings of plover, acled, date and claims that may be missing. Events are invented."""

from __future__ import annotations

from typing import Any, cast

from sitrep.records import ActorRef, StoredEvent
from sitrep.store.timeline import (
    build_timeline,
    can_control,
    controller_of,
    counts_for_control,
    is_territorial,
)


def ev(eid: str, day: str | None, **kw: Any) -> StoredEvent:
    base: dict[str, Any] = {"id": eid, "acled": None, "plover": None, "actor": [], "recipient": [], "claims": [],
                            "date": {"start": day, "end": day, "precision": "day"} if day else None}
    base.update(kw)
    return cast(StoredEvent, base)


REBELS: ActorRef = {"id": "rebels", "name": "Rebels", "kind": "armed_group"}
ARMY: ActorRef = {"id": "army", "name": "Army", "kind": "military"}
PRESS: ActorRef = {"id": "press", "name": "A newspaper", "kind": "media"}


def test_territorial_from_acled_or_plover_or_neither() -> None:
    assert is_territorial(ev("a", "2022-03-01", acled={"event_type": "Strategic developments",
                                                       "sub_event_type": "Non-state actor overtakes territory"}))
    assert is_territorial(ev("p", "2022-03-01", plover={"event": "ASSAULT", "mode": "Seize", "context": []}))
    assert is_territorial(ev("c", "2022-03-01", plover={"event": "COERCE", "mode": None, "context": ["territory"]}))
    assert is_territorial(ev("r", "2022-03-01", plover={"event": "RETREAT", "mode": "withdraw", "context": []}))
    assert not is_territorial(ev("n", "2022-03-01"))  # no acled, no plover
    assert not is_territorial(ev("x", "2022-03-01", plover={"event": "PROTEST", "mode": None, "context": []}))


def test_controller_and_what_counts() -> None:
    assert not can_control(None) and not can_control(PRESS) and can_control(REBELS)
    assert can_control({"id": "x", "name": "X"})  # no kind known: taken as it is
    retreat = ev("r", "2022-03-01", plover={"event": "RETREAT", "mode": "withdraw", "context": []},
                 actor=[ARMY], recipient=[PRESS, REBELS])
    assert controller_of(retreat) == REBELS  # a withdrawal leaves the land to the recipient
    claimed = ev("c", "2022-03-02", claims=[{"source": None, "stance": "asserts"},
                                             {"source": REBELS, "stance": "asserts"}])
    assert controller_of(claimed) == REBELS  # no actor: the party that asserts it
    assert controller_of(ev("m", "2022-03-02", actor=[PRESS])) is None
    assert counts_for_control(ev("u", None))  # no date: its precision is taken as a day
    assert not counts_for_control(ev("h", "2022-03-02", status="hypothetical"))
    assert not counts_for_control(ev("y", "2022-03-02", date={"start": "2022", "end": "2022", "precision": "year"}))


def test_timeline_keys_and_rivals() -> None:
    seize = {"event_type": "Strategic developments", "sub_event_type": "Non-state actor overtakes territory"}
    regain = {"event_type": "Strategic developments", "sub_event_type": "Government regains territory"}
    tl = build_timeline("XX-02", [
        ev("1", "2022-05-01", acled=seize, actor=[REBELS], status="reported", n_articles=3),
        ev("2", "2022-05-01", acled=regain, actor=[ARMY], status="claimed"),
        ev("3", "2022-05-04", plover={"event": "ASSAULT", "mode": "occupy", "context": []}, actor=[ARMY]),
    ], until="2022-05-05")
    assert set(tl) == {"admin1", "periods", "changes", "days", "summary"}
    first, second = tl["periods"]
    assert first["controller"] == {"id": "rebels", "name": "Rebels"} and first["rivals"] == ["Army"]
    assert first["from"] == "2022-05-01" and first["until"] == "2022-05-03" and first["contested"]
    assert second["controller"]["name"] == "Army" and second["until"] is None
    assert [c["type"] for c in tl["changes"]] == [seize["sub_event_type"], regain["sub_event_type"], "ASSAULT"]
    assert len(tl["days"]) == 5 and tl["days"][-1] == {"date": "2022-05-05", "controller": "Army", "contested": False}
    assert tl["summary"][0] == ("XX-02: Rebels in control from 2022-05-01 until 2022-05-03, contested "
                                "(Army also said to hold it)")
