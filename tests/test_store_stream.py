"""`Store.ingest_stream`: a stream of documents stored one transaction each, in bounded memory; a bad item
or a failure mid-stream costs that item only and never leaves part of an article. SQLite and PostgreSQL
(db_url). Articles are invented (conftest.make_article)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import KABUL, make_article
from sqlalchemy import func, select

from sitrep.document import Document
from sitrep.ingest import InputError
from sitrep.store import Store
from sitrep.store.schema import articles as articles_t
from sitrep.store.schema import claims as claims_t
from sitrep.store.schema import event_mentions, events


def _article(i: int, n_events: int = 3) -> dict[str, Any]:
    text = f"A bomb exploded in invented bazaar {i} on Tuesday, killing {i % 5 + 1} people, officials said."
    a = make_article(
        f"s{i:03d}", text, "2021-09-07", trigger="exploded", evidence=text,
        acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"), plover="ASSAULT",
        place={**KABUL, "name": f"Invented bazaar {i}", "geonameid": 800000 + i, "admin1_code": f"AF-Q{i}"},
        day="2021-09-07", claims=[(None, "reports", "officials said")],
    )
    base = a["events"][0]
    a["events"] = []
    for j in range(n_events):
        e = copy.deepcopy(base)
        e["id"] = f"e{j}"
        e["date"] = {"start": f"2021-0{j + 1}-07", "end": f"2021-0{j + 1}-07", "precision": "day"}
        a["events"].append(e)
    return a


def _rows(store: Store) -> dict[str, dict[str, int]]:
    """Per article id: how many mentions and claims the store holds for it."""
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(articles_t.c.id)).scalars())
        m = dict(conn.execute(select(event_mentions.c.article_id, func.count()).group_by(event_mentions.c.article_id)).all())
        c = dict(conn.execute(select(claims_t.c.article_id, func.count()).group_by(claims_t.c.article_id)).all())
    return {aid: {"mentions": m.get(aid, 0), "claims": c.get(aid, 0)} for aid in ids}


def test_stream_stores_each_item_and_reports_it_in_order(db_url: str) -> None:
    s = Store(db_url)
    items: list[Any] = [
        _article(1),
        InputError("bad-1", "feed.jsonl:2", "invalid JSON"),
        {"id": "x2", "error": "feed.jsonl:3: text is empty"},
        _article(4),
        _article(1),  # the same article again: unchanged
    ]
    out = list(s.ingest_stream(items))
    assert [o.ok for o in out] == [True, False, False, True, True]
    assert [o.result.action for o in out if o.result] == ["added", "added", "unchanged"]
    assert out[1].error == "feed.jsonl:2: invalid JSON" and out[1].record() == {"id": "bad-1", "error": out[1].error}
    assert out[2].error == "feed.jsonl:3: text is empty"
    assert out[0].record()["events"] == 3 and out[0].record()["id"] == "s001"
    assert _rows(s) == {"s001": {"mentions": 3, "claims": 3}, "s004": {"mentions": 3, "claims": 3}}
    s.close()


def test_failure_mid_stream_rolls_that_article_back_and_goes_on(db_url: str, monkeypatch: Any) -> None:
    s = Store(db_url)
    real = Store._add_mention

    def flaky(self: Store, conn: Any, aid: str, local_id: str, ev: dict[str, Any], **kw: Any) -> Any:
        if aid == "s003" and local_id == "e2":  # the third event of the third article: two are written
            raise RuntimeError("invented failure in the middle of an article")
        return real(self, conn, aid, local_id, ev, **kw)

    monkeypatch.setattr(Store, "_add_mention", flaky)
    out = list(s.ingest_stream(_article(i) for i in range(1, 7)))
    assert [o.ok for o in out] == [True, True, False, True, True, True]
    assert out[2].error is not None and out[2].error.startswith("s003: could not store: RuntimeError: invented")
    rows = _rows(s)
    assert "s003" not in rows  # nothing of it: article, mentions, claims
    assert set(rows) == {"s001", "s002", "s004", "s005", "s006"}
    assert all(r == {"mentions": 3, "claims": 3} for r in rows.values())
    with s.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(claims_t).where(claims_t.c.article_id == "s003")).scalar_one() == 0
        n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
    assert n_events == 15  # 5 articles x 3 events, none left by the failed one
    monkeypatch.setattr(Store, "_add_mention", real)
    again = list(s.ingest_stream(_article(i) for i in range(1, 7)))  # resume: only the failed one is new
    assert [o.result.action for o in again if o.result] == ["unchanged"] * 2 + ["added"] + ["unchanged"] * 3
    assert _rows(s)["s003"] == {"mentions": 3, "claims": 3}
    s.close()


def test_documents_with_a_stage_error_are_reported_not_stored(db_url: str, fake_pipeline: Any) -> None:
    from sitrep.pipeline import iter_results

    s = Store(db_url)
    docs: list[Any] = [
        Document(text="A bomb blew up near an invented town.", id="d1", published=None),
        Document(text="FAIL this one in the events stage.", id="d2"),
        InputError(None, "in.jsonl:3", "not JSON"),
        Document(text="Another bomb went off in a second invented town.", id="d4"),
    ]
    docs[0].meta["where"] = "in.jsonl:1"
    out = list(s.ingest_stream(iter_results(docs, fake_pipeline)))
    assert [o.where for o in out] == ["in.jsonl:1", "d2", "in.jsonl:3", "d4"]
    assert [o.ok for o in out] == [True, False, False, True]
    assert out[1].error == "d2: events stage failed: RuntimeError: invented failure"
    assert s.count_articles() == 2
    s.close()


def test_stream_is_read_one_item_at_a_time(tmp_path: Any) -> None:
    s = Store(tmp_path / "lazy.db")
    pulled: list[int] = []

    def gen() -> Iterator[dict[str, Any]]:
        for i in range(1, 1000):
            pulled.append(i)
            yield _article(i, 1)

    stream = s.ingest_stream(gen())
    for k, outcome in enumerate(stream, start=1):
        assert outcome.ok and len(pulled) == k  # item k+1 is not read before item k is stored
        if k == 5:
            break
    assert s.count_articles() == 5
    s.close()


def test_interrupt_mid_article_leaves_no_part_of_it(db_url: str, monkeypatch: Any) -> None:
    s = Store(db_url)
    real = Store._add_mention

    def interrupted(self: Store, conn: Any, aid: str, local_id: str, ev: dict[str, Any], **kw: Any) -> Any:
        if aid == "s002" and local_id == "e1":
            raise KeyboardInterrupt
        return real(self, conn, aid, local_id, ev, **kw)

    monkeypatch.setattr(Store, "_add_mention", interrupted)
    with pytest.raises(KeyboardInterrupt):
        for _ in s.ingest_stream(_article(i) for i in range(1, 4)):
            pass
    assert set(_rows(s)) == {"s001"}
    s.close()
