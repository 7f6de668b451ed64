"""Store: schema migrations, idempotent and transactional ingest, cross-article merging, timeline, CLI."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from sitrep.store import SCHEMA_VERSION, Store
from sitrep.store import cli as store_cli
from sitrep.store.merge import dates_compatible, match
from sitrep.store.schema import schema_version


def _snapshot(store: Store) -> list[tuple[Any, ...]]:
    return sorted(
        (e["id"], e["status"], tuple(s["id"] for s in e["sources"]), len(e["claims"]), len(e["evidence"]))
        for e in store.query_events(limit=None)
    )


def test_migrations_recorded_once(db_url: str) -> None:
    s = Store(db_url)
    Store(db_url)  # opening again applies nothing
    with s.engine.connect() as conn:
        versions = list(
            conn.execute(select(schema_version.c.version).order_by(schema_version.c.version)).scalars()
        )
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_merge_across_articles(db_url: str, articles: list[dict[str, Any]]) -> None:
    s = Store(db_url)
    results = [s.ingest(a) for a in articles]
    assert [r.action for r in results] == ["added", "added", "added"]
    assert results[1].merged == 1  # b1 joins a1's event
    evs = s.query_events()
    assert len(evs) == 2
    pan = s.query_events(admin1="AF-PAN")
    assert len(pan) == 1
    ev = pan[0]
    assert [x["id"] for x in ev["sources"]] == ["a1", "b1"]
    assert ev["status"] == "contested"
    assert ev["n_articles"] == 2
    assert {c["article_id"] for c in ev["claims"]} == {"a1", "b1"}
    assert {c["stance"] for c in ev["claims"]} == {"asserts", "denies"}
    assert len(ev["evidence"]) == 2
    why = ev["merge"]["mentions"][1]["why"]
    assert (
        why["type"] == "ACLED Battles / Non-state actor overtakes territory"
        and why["place"] == "AF-PAN"
        and why["actors"] == ["taliban"]
    )
    assert ev["confidence"] > 0.8  # corroborated


def test_ingest_twice_is_idempotent(db_url: str, articles: list[dict[str, Any]]) -> None:
    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    before = _snapshot(s)
    again = [s.ingest(copy.deepcopy(a)) for a in articles]
    assert {r.action for r in again} == {"unchanged"}
    assert _snapshot(s) == before
    assert s.count_articles() == 3


def test_changed_article_is_replaced(db_url: str, articles: list[dict[str, Any]]) -> None:
    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    b = copy.deepcopy(articles[1])
    b["text"] += " More fighting was reported."
    b["events"][0]["date"] = {"start": "2021-10-20", "end": "2021-10-20", "precision": "day"}
    r = s.ingest(b)
    assert r.action == "replaced"
    pan = s.query_events(admin1="AF-PAN", limit=None)
    assert len(pan) == 2  # b1 no longer within the date window of a1
    by_sources = sorted(tuple(x["id"] for x in e["sources"]) for e in pan)
    assert by_sources == [("a1",), ("b1",)]
    assert s.count_articles() == 3
    # now a1 moves away: the event it created lives on with b1 only, a1 gets a new one
    s.ingest(articles[1])
    a = copy.deepcopy(articles[0])
    a["text"] += " Update."
    a["events"][0]["date"] = {"start": "2021-11-01", "end": "2021-11-01", "precision": "day"}
    assert s.ingest(a).action == "replaced"
    pan = s.query_events(admin1="AF-PAN", limit=None)
    assert sorted(tuple(x["id"] for x in e["sources"]) for e in pan) == [("a1",), ("b1",)]
    assert len({e["id"] for e in pan}) == 2


def test_crash_inside_transaction_then_resume(
    db_url: str, articles: list[dict[str, Any]], monkeypatch: Any
) -> None:
    two = copy.deepcopy(articles[2])
    second = copy.deepcopy(two["events"][0])
    second["id"] = "e2"
    two["events"].append(second)
    docs = [articles[0], two, articles[1]]

    s = Store(db_url)
    calls = {"n": 0}
    real = Store._add_mention

    def flaky(self: Store, conn: Any, aid: str, local_id: str, ev: dict[str, Any], **kw: Any) -> Any:
        calls["n"] += 1
        if aid == "c1" and local_id == "e2":
            raise RuntimeError("simulated crash in the middle of an article")
        return real(self, conn, aid, local_id, ev, **kw)

    monkeypatch.setattr(Store, "_add_mention", flaky)
    s.ingest(docs[0])
    with pytest.raises(RuntimeError):
        s.ingest(docs[1])
    # nothing of the half-written article is left
    assert s.count_articles() == 1
    assert [e["sources"][0]["id"] for e in s.query_events()] == ["a1"]
    monkeypatch.setattr(Store, "_add_mention", real)

    for d in docs:  # resume: the whole input again
        s.ingest(d)
    fresh = Store(":memory:")
    for d in docs:
        fresh.ingest(d)
    assert _snapshot(s) == _snapshot(fresh)
    assert s.count_articles() == 3
    with s.engine.connect() as conn:
        from sitrep.store.schema import event_mentions

        assert conn.execute(select(func.count()).select_from(event_mentions)).scalar_one() == 4


def test_no_merge_across_provinces_dates_or_actors(articles: list[dict[str, Any]]) -> None:
    a = articles[0]["events"][0]
    b = copy.deepcopy(a)
    assert match(a, b) is not None
    far = copy.deepcopy(a)
    far["date"] = {"start": "2021-09-10", "end": "2021-09-10", "precision": "day"}
    assert match(a, far) is None
    near = copy.deepcopy(a)
    near["date"] = {"start": "2021-09-08", "end": "2021-09-08", "precision": "day"}
    assert match(a, near) is not None
    other = copy.deepcopy(a)
    other["place"] = {**a["place"], "admin1_code": "AF-KAB"}
    assert match(a, other) is None
    stranger = copy.deepcopy(a)
    stranger["actor"] = [{"id": "isis-k", "name": "Islamic State Khorasan"}]
    assert match(a, stranger) is None
    anon = copy.deepcopy(a)
    anon["actor"] = []
    assert match(anon, copy.deepcopy(anon)) is not None
    anon_other = copy.deepcopy(anon)
    anon_other["acled"] = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert match(anon, anon_other) is None
    anon_country = copy.deepcopy(anon)
    anon_country["place"] = {**a["place"], "admin1_code": None, "kind": "country"}
    assert match(anon_country, copy.deepcopy(anon_country)) is None
    clash = copy.deepcopy(a)
    clash["acled"] = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert match(a, clash) is None
    assert dates_compatible({"start": "2021-09", "end": "2021-09", "precision": "month"}, a["date"])


def test_query_filters(db_url: str, articles: list[dict[str, Any]]) -> None:
    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    assert len(s.query_events(country="AF")) == 2
    assert len(s.query_events(country="SY")) == 0
    assert len(s.query_events(since="2021-09-07")) == 1
    assert len(s.query_events(until="2021-09-06")) == 1
    assert len(s.query_events(type="Battles")) == 1
    assert len(s.query_events(type="Remote explosive/landmine/IED")) == 1
    assert len(s.query_events(type="ASSAULT")) == 2
    assert len(s.query_events(status="contested")) == 1
    assert len(s.query_events(limit=1)) == 1 and len(s.query_events(limit=1, offset=1)) == 1
    ev = s.get_event(s.query_events(admin1="AF-PAN")[0]["id"])
    assert ev is not None
    art = ev["articles"][0]
    span = art["mentions"][0]["evidence"][0]
    assert art["text"][span["start"] : span["end"]] == span["text"]


def test_control_timeline(db_url: str, articles: list[dict[str, Any]]) -> None:
    s = Store(db_url)
    for a in articles:
        s.ingest(a)
    tl = s.timeline("AF-PAN")
    assert tl["summary"] == [
        "AF-PAN: Taliban claim control from 2021-09-06, contested (National Resistance Front denies)"
    ]
    assert tl["days"][0] == {"date": "2021-09-06", "controller": "Taliban", "contested": True}
    assert tl["days"][-1]["date"] == "2021-09-07"  # up to the latest event in the store
    assert s.timeline("AF-KAB")["periods"] == []


# ---------------------------------------------------------------------------------------------- CLI
def _write_inputs(tmp_path: Path) -> Path:
    lines = [
        {
            "id": "x1",
            "text": "The Taliban said they captured Panjshir. The NRF denied it.",
            "published": "2021-09-06",
        },
        {"id": "x2", "text": "Taliban fighters took control of Panjshir.", "published": "2021-09-07"},
        {"id": "x3", "text": "This one makes the pipeline FAIL.", "published": "2021-09-07"},
    ]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    return p


def test_cli_ingest_events_timeline(tmp_path: Path, fake_pipeline: Any, monkeypatch: Any) -> None:
    import sitrep.pipeline

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    db = str(tmp_path / "cli.db")
    src = _write_inputs(tmp_path)
    runner = CliRunner()
    r = runner.invoke(store_cli.ingest, [str(src), "--db", db, "--no-progress", "--create"])
    assert r.exit_code == 1, r.output
    assert "in.jsonl:4" in r.output  # the bad line is named
    assert "in.jsonl:3" in r.output and "invented failure" in r.output  # the failed article is named
    assert "2 article(s) added" in r.output
    r2 = runner.invoke(store_cli.ingest, [str(src), "--db", db, "--no-progress"])
    assert "0 article(s) added" in r2.output and "2 unchanged" in r2.output

    r = runner.invoke(store_cli.events, ["--db", db, "--admin1", "AF-PAN"])
    assert r.exit_code == 0, r.output
    evs = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    assert len(evs) == 1 and [s["id"] for s in evs[0]["sources"]] == ["x1", "x2"]
    assert evs[0]["status"] == "contested"

    out = tmp_path / "ev.csv"
    r = runner.invoke(store_cli.events, ["--db", db, "--format", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and rows[0]["sub_event_type"] == "Non-state actor overtakes territory"
    for fmt in ("geojson", "plover", "json"):
        r = runner.invoke(store_cli.events, ["--db", db, "--format", fmt])
        assert r.exit_code == 0, (fmt, r.output)

    r = runner.invoke(store_cli.timeline, ["AF-PAN", "--db", db])
    assert r.exit_code == 0
    assert (
        "AF-PAN: Taliban claim control from 2021-09-06, contested (National Resistance Front denies)"
        in r.output
    )


def test_migrate_from_older_version(tmp_path: Path, monkeypatch: Any) -> None:
    from sitrep.store import schema

    db = str(tmp_path / "old.db")
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    Store(db)
    monkeypatch.undo()
    s = Store(db)  # a newer sitrep opens the old database: only the missing steps run
    with s.engine.connect() as conn:
        assert schema.current_version(conn) == SCHEMA_VERSION
        names = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'").scalars())
    assert "ix_events_admin1_date" in names


def test_timeline_changes_hands() -> None:
    from sitrep.store.timeline import build_timeline

    def ev(
        eid: str, day: str, sub: str, actor: str, status: str = "reported", claims: Any = ()
    ) -> dict[str, Any]:
        return {
            "id": eid,
            "acled": {"event_type": "Battles", "sub_event_type": sub},
            "actor": [{"id": actor.lower(), "name": actor}],
            "date": {"start": day, "end": day, "precision": "day"},
            "status": status,
            "claims": list(claims),
        }

    deny = {"source": {"id": "gov", "name": "Government"}, "stance": "denies"}
    history = ev("0", "1996-01-01", "Non-state actor overtakes territory", "Rebels")
    history["timeframe"], history["date"] = (
        "historical",
        {"start": "1996", "end": "2001", "precision": "year"},
    )
    failed = ev("0b", "2020-12-30", "Government regains territory", "Government", "denied")
    tl = build_timeline(
        "XX-01",
        [
            history,
            failed,
            ev("1", "2021-01-01", "Non-state actor overtakes territory", "Rebels", "contested", [deny]),
            ev("2", "2021-01-05", "Government regains territory", "Government"),
        ],
        until="2021-01-07",
    )
    assert tl["summary"] == [
        "XX-01: Rebels claim control from 2021-01-01 until 2021-01-04, contested (Government denies)",
        "XX-01: Government in control from 2021-01-05",
    ]
    assert [d["controller"] for d in tl["days"]] == ["Rebels"] * 4 + ["Government"] * 3
    assert tl["days"][0]["contested"] and not tl["days"][-1]["contested"]


_KILL_SCRIPT = r"""
import json, sys, time
from sitrep.store import Store
from sitrep.store.core import Store as S
real = S._add_mention
def slow(self, *a, **kw):
    out = real(self, *a, **kw)
    time.sleep(0.02)  # widen the window in which the kill lands mid-article
    return out
S._add_mention = slow
store = Store(sys.argv[1])
for line in sys.stdin:
    store.ingest(json.loads(line))
    print("done", flush=True)
"""


def _many_articles(base: dict[str, Any], n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        a = copy.deepcopy(base)
        a["id"] = f"k{i:03d}"
        a["text"] = a["text"] + f" ({i})"
        evs = []
        for j in range(4):
            e = copy.deepcopy(base["events"][0])
            e["id"] = f"e{j}"
            e["date"] = {
                "start": f"2021-0{1 + j}-{1 + i % 28:02d}",
                "end": f"2021-0{1 + j}-{1 + i % 28:02d}",
                "precision": "day",
            }
            evs.append(e)
        a["events"] = evs
        out.append(a)
    return out


def test_killed_ingest_leaves_whole_articles_and_resumes(db_url: str, articles: list[dict[str, Any]]) -> None:
    import subprocess
    import sys
    import time

    from sitrep.store.schema import event_mentions

    docs = _many_articles(articles[0], 40)
    payload = "".join(json.dumps(d) + "\n" for d in docs)
    Store(db_url)  # schema first, so the kill cannot land in a migration
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, db_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(payload)
    proc.stdin.close()
    for _ in range(5):  # let a few articles through, then kill it in the middle of one
        proc.stdout.readline()
    time.sleep(0.03)
    proc.kill()
    proc.wait()

    s = Store(db_url)
    n_done = s.count_articles()
    assert 0 < n_done < len(docs)
    with s.engine.connect() as conn:
        per_article = dict(
            conn.execute(
                select(event_mentions.c.article_id, func.count()).group_by(event_mentions.c.article_id)
            ).all()
        )
    assert len(per_article) == n_done and set(per_article.values()) == {4}  # no half article
    for d in docs:  # resume
        s.ingest(d)
    fresh = Store(":memory:")
    for d in docs:
        fresh.ingest(d)
    assert s.count_articles() == len(docs)
    assert _snapshot(s) == _snapshot(fresh)


def _chain_articles() -> list[dict[str, Any]]:
    """Three reports of fighting in one province two days apart, X (Taliban), Y (Taliban and NRF), Z (NRF):
    greedy merging in arrival order joins Y to whichever of X and Z came first."""
    from conftest import NRF, PANJSHIR, TALIBAN, make_article

    out = []
    for aid, day, actor, conf in (
        ("x", "2021-09-06", [TALIBAN], 0.9),
        ("y", "2021-09-08", [TALIBAN, NRF], 0.5),
        ("z", "2021-09-10", [NRF], 0.9),
    ):
        text = f"Fighting broke out in Panjshir on {day}, report {aid} said."
        out.append(
            make_article(aid, text, day, trigger="Fighting", evidence=text, acled=("Battles", "Armed clash"),
                         plover="ASSAULT", place=PANJSHIR, day=day, actor=actor, confidence=conf)
        )
    return out


def _groups(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((e["id"], tuple(sorted(s["id"] for s in e["sources"]))) for e in store.query_events(limit=None))


def test_recluster_makes_merging_independent_of_arrival_order(tmp_path: Path, db_url: str) -> None:
    arts = _chain_articles()
    one, two = Store(tmp_path / "one.db"), Store(db_url)  # SQLite, and PostgreSQL when the tests have one
    for a in arts:
        one.ingest(copy.deepcopy(a))
    for a in reversed(arts):
        two.ingest(copy.deepcopy(a))
    assert {g for _, g in _groups(one)} != {g for _, g in _groups(two)}  # arrival order decided
    r1, r2 = one.recluster(), two.recluster()
    assert _groups(one) == _groups(two)  # same events, same ids
    assert {g for _, g in _groups(one)} == {("x", "y"), ("z",)}  # in date order: Y joins X
    assert r1["mentions"] == r2["mentions"] == 3 and r2["moved"] > 0
    assert one.recluster()["moved"] == 0  # a second run changes nothing
    # claims and sources follow their mentions
    ev = next(e for e in one.query_events(limit=None) if len(e["sources"]) == 2)
    assert ev["n_articles"] == 2


def test_cli_recluster(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    s = Store(db)
    for a in reversed(_chain_articles()):
        s.ingest(a)
    s.close()
    res = CliRunner().invoke(store_cli.recluster, ["--db", db])
    assert res.exit_code == 0, res.output
    assert "3 event mention(s) merged into 2 events" in res.output
