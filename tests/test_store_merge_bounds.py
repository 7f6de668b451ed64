"""Store: the merge-candidate look-up bounded on both sides of the date (span classes) finds the same
merged events as the plain window test, also for events with long date spans."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sitrep.store import Store, merge
from sitrep.store.schema import events
from tests.conftest import KABUL, PANJSHIR, TALIBAN, make_article

TEXT = "Fighters attacked a police post near the market on the main road."


def _article(
    aid: str, start: str, end: str, place: dict[str, Any], precision: str = "day", own_actor: bool = False
) -> dict[str, Any]:
    actor = {"id": "g-" + aid, "name": "Group " + aid} if own_actor else TALIBAN  # an own actor: no merge
    a = make_article(aid, TEXT, start[:4] + "-06-01", trigger="attacked", evidence=TEXT,
                     acled=("Battles", "Armed clash"), place=place, day=start, actor=[actor])
    a["events"][0]["date"] = {"start": start, "end": end, "precision": precision}
    return a


def _rows(store: Store, ev: dict[str, Any], bounded: bool) -> list[str]:
    q = store._candidates(ev, bounded=bounded)
    assert q is not None
    with store.engine.connect() as conn:
        return [eid for eid, _ in conn.execute(q)]


def _long_spans() -> list[tuple[str, str, str]]:
    return [
        ("2019-05-01", "2019-05-31", "month"),
        ("2019-01-01", "2019-12-31", "year"),
        ("2012-01-01", "2020-12-31", "year"),  # nearly a decade
        ("1995-01-01", "2020-12-31", "year"),  # longer than any bounded class
        ("2019-03-01", "2019-05-31", "season"),
        ("2019-06-03", "2019-06-09", "week"),
    ]


def test_span_class_bounds() -> None:
    d = date(2020, 1, 10)
    assert merge.span_class(None, d) is None
    assert merge.span_class(d, d) == 0
    assert merge.span_class(d, d + timedelta(days=6)) == 1
    assert merge.span_class(d, d + timedelta(days=30)) == 2
    assert merge.span_class(d, d + timedelta(days=365)) == 4
    assert merge.span_class(d - timedelta(days=9000), d) == len(merge.SPAN_CLASS_DAYS)
    for k, bound in enumerate(merge.SPAN_CLASS_DAYS):  # each bound is the largest span of its class
        assert merge.span_class(d, d + timedelta(days=bound)) == k
        assert merge.span_class(d, d + timedelta(days=bound + 1)) == k + 1


def test_bounded_lookup_same_rows(db_url: str) -> None:
    rng = random.Random(4)
    s = Store(db_url)
    base = date(2019, 1, 1)
    for i in range(120):
        d = base + timedelta(days=rng.randrange(900))
        span = rng.choice([0, 0, 0, 1, 6, 29, 80, 364, 2000, 5000])
        lo, hi = d - timedelta(days=span), d
        place = rng.choice([KABUL, PANJSHIR])
        s.ingest(_article(f"r{i:03d}", lo.isoformat(), hi.isoformat(), place, own_actor=i % 2 == 0))
    for i, (lo_s, hi_s, prec) in enumerate(_long_spans()):
        s.ingest(_article(f"long{i}", lo_s, hi_s, KABUL, prec, own_actor=True))
    with s.engine.connect() as conn:
        stored = conn.execute(select(events.c.span_class)).scalars().all()
    assert set(stored) >= {0, 1, 2, 4, 5, len(merge.SPAN_CLASS_DAYS)}
    probes = []
    for _ in range(60):
        d = base + timedelta(days=rng.randrange(-30, 950))
        span = rng.choice([0, 0, 3, 40, 400])
        probes.append(_article("p", d.isoformat(), (d + timedelta(days=span)).isoformat(),
                               rng.choice([KABUL, PANJSHIR]))["events"][0])
    found = 0
    for ev in probes:
        plain, bounded = _rows(s, ev, False), _rows(s, ev, True)
        assert bounded == plain
        found += len(plain)
    assert found > 100


def test_long_span_event_still_merges(db_url: str) -> None:
    s = Store(db_url)
    s.ingest(_article("old", "2001-01-01", "2021-12-31", KABUL, "year"))  # a span over any bounded class
    s.ingest(_article("year", "2021-01-01", "2021-12-31", PANJSHIR, "year"))
    r1 = s.ingest(_article("a", "2021-08-15", "2021-08-15", KABUL))
    r2 = s.ingest(_article("b", "2021-11-20", "2021-11-20", PANJSHIR))
    assert (r1.merged, r2.merged) == (1, 1)
    assert s.count_events() == 2


def test_migration_fills_span_class(tmp_path: Path) -> None:
    db = str(tmp_path / "v5.db")
    s = Store(db)
    for i, (lo_s, hi_s, prec) in enumerate([*_long_spans(), ("2020-02-02", "2020-02-02", "day")]):
        s.ingest(_article(f"m{i}", lo_s, hi_s, KABUL, prec, own_actor=True))
    with s.engine.connect() as conn:
        want = dict(conn.execute(select(events.c.id, events.c.span_class)).all())
    s.close()
    con = sqlite3.connect(db)  # make it a version-5 store: no span class, no index on it
    con.execute("DROP INDEX ix_events_place_span_date")
    con.execute("ALTER TABLE events DROP COLUMN span_class")
    con.execute("DELETE FROM schema_version WHERE version >= 6")
    con.commit()
    con.close()
    s = Store(db)
    with s.engine.connect() as conn:
        got = dict(conn.execute(select(events.c.id, events.c.span_class)).all())
        names = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'").scalars())
    assert got == want and len(set(want.values())) >= 5
    assert "ix_events_place_span_date" in names


def test_unclassed_rows_still_found(tmp_path: Path) -> None:
    s = Store(str(tmp_path / "mixed.db"))
    s.ingest(_article("x", "2022-03-01", "2022-03-01", KABUL))
    with s.transaction() as conn:  # as an older sitrep would have written it
        conn.execute(events.update().values(span_class=None))
    r = s.ingest(_article("y", "2022-03-02", "2022-03-02", KABUL))
    assert r.merged == 1
