"""Issue 20, cases 8 and 9: several processes on one store. A new SQLite store opened by several
processes at once; concurrent writers of the same and of different articles; two ingests of one file at
once; PostgreSQL given NUL characters and long ids. Articles are invented (conftest.make_article)."""

from __future__ import annotations

import json
import multiprocessing as mp
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import KABUL, make_article

from sitrep.store import Store

HERE = Path(__file__).resolve().parent
CTX = mp.get_context("fork")


def _article(aid: str, n: int, extra: str = "") -> dict[str, Any]:
    text = f"A bomb exploded in invented market {n} on Tuesday, killing {n % 7 + 1} people.{extra}"
    return make_article(
        aid, text, "2021-09-07", trigger="exploded", evidence=text.split(".")[0] + ".",
        acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"), plover="ASSAULT",
        place={**KABUL, "name": f"Invented market {n}", "geonameid": 900000 + n, "admin1_code": f"AF-Z{n}"},
        day="2021-09-07",
    )


def _open(db: str, barrier: Any, q: Any) -> None:
    try:
        barrier.wait(10)
        Store(db).close()
        q.put("ok")
    except Exception as exc:  # noqa: BLE001
        q.put(f"{type(exc).__name__}: {exc}")


def test_processes_opening_a_new_sqlite_store_at_once(tmp_path: Path) -> None:
    results = []
    for run in range(10):
        db = str(tmp_path / f"new{run}.db")
        barrier, q = CTX.Barrier(3), CTX.Queue()
        procs = [CTX.Process(target=_open, args=(db, barrier, q)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results += [q.get(timeout=5) for _ in procs]
    assert results == ["ok"] * 30, [r for r in results if r != "ok"]


def _write(db: str, worker: int, barrier: Any, q: Any) -> None:
    try:
        store = Store(db)
        barrier.wait(20)
        actions = []
        for i in range(12):  # the same 12 articles in every worker, then 6 of its own
            actions.append(store.ingest(_article(f"shared{i}", i)).action)
        for i in range(6):
            actions.append(store.ingest(_article(f"own{worker}-{i}", 100 + worker * 10 + i)).action)
        store.close()
        q.put(actions)
    except Exception as exc:  # noqa: BLE001
        q.put(f"{type(exc).__name__}: {exc}")


def test_concurrent_writers_lose_double_and_fail_nothing(db_url: str) -> None:
    Store(db_url).close()
    n = 4
    barrier, q = CTX.Barrier(n), CTX.Queue()
    procs = [CTX.Process(target=_write, args=(db_url, w, barrier, q)) for w in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    out = [q.get(timeout=5) for _ in procs]
    assert all(isinstance(o, list) for o in out), out
    shared = [a for o in out for a in o[:12]]
    assert shared.count("added") == 12 and shared.count("unchanged") == 12 * (n - 1)
    assert all(a == "added" for o in out for a in o[12:])
    s = Store(db_url)
    assert s.count_articles() == 12 + 6 * n
    assert s.count_events() == 12 + 6 * n  # each invented market is its own event, none doubled
    s.close()


INGEST = (
    "import sys; sys.path.insert(0, {here!r}); from conftest import FakePipeline; import sitrep.pipeline as pl; "
    "pl._DEFAULT = FakePipeline(); from sitrep.store.cli import ingest; ingest(sys.argv[1:])"
)


def test_two_ingests_of_one_file_at_once(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        "\n".join(json.dumps({"id": f"a{i}", "text": f"A bomb went off in invented town {i}."}) for i in range(150)),
        encoding="utf-8",
    )
    db = str(tmp_path / "two.db")
    cmd = [sys.executable, "-c", INGEST.format(here=str(HERE)), str(f), "--db", db, "--create", "--no-progress"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert not any("IntegrityError" in o or "could not store" in o for o in outs), outs
    assert Store(db).count_articles() == 150


def test_nul_and_long_ids_stored(db_url: str) -> None:
    s = Store(db_url)
    aid = "invented-" + "k" * 400
    art = _article(aid, 7, extra=" Odd\x00byte.")
    art["title"] = "Title\x00with NUL"
    art["actors"] = [{"id": f"{aid}-ev-someone", "name": "Some\x00one", "kind": None, "country": None, "mentions": []}]
    art["events"][0]["actor"] = [{"id": f"{aid}-ev-someone", "name": "Some\x00one"}]
    art["events"][0]["id"] = f"{aid}-e0"
    res = s.ingest(art)
    assert res.action == "added" and res.events == 1
    ev = s.get_event(res.event_ids[0])
    assert ev is not None
    text = ev["articles"][0]["text"]
    assert "\x00" not in text and len(text) == len(art["text"])  # replaced, same length: offsets hold
    assert s.ingest(art).action == "unchanged"
    s.close()


@pytest.mark.parametrize("param", ["country", "admin1", "type", "status"])
def test_nul_in_query_values_does_not_break_the_store(db_url: str, param: str) -> None:
    # the API answers 400 before this; the store itself must not raise a driver error either way
    s = Store(db_url)
    if param == "status":
        assert s.query_events(status="reported") == []
    else:
        try:
            s.query_events(**{param: "A\x00F"})
        except Exception as exc:  # noqa: BLE001
            assert "NUL" in str(exc) or "0x00" in str(exc)
    s.close()


def _write_for(db: str, worker: int, seconds: float, barrier: Any, q: Any) -> None:
    """Write for `seconds`: the writer's own articles, and every third step an article both writers store."""
    import time

    done: list[tuple[str, str]] = []
    errors: list[str] = []
    try:
        store = Store(db)
        barrier.wait(30)
        end = time.monotonic() + seconds
        i = 0
        while time.monotonic() < end:
            aid = f"w{worker}-{i}"
            try:
                done.append((aid, store.ingest(_article(aid, 1_000_000 * (worker + 1) + i)).action))
                if i % 3 == 0:
                    sid = f"both-{i // 3}"
                    done.append((sid, store.ingest(_article(sid, 5_000_000 + i // 3)).action))
            except Exception as exc:  # noqa: BLE001 - counted: the test wants none
                errors.append(f"{aid}: {type(exc).__name__}: {exc}")
            i += 1
        store.close()
    except Exception as exc:  # noqa: BLE001
        errors.append(f"{type(exc).__name__}: {exc}")
    q.put((done, errors))


def test_two_writers_for_a_while_lose_double_and_fail_nothing(tmp_path: Path) -> None:
    """Issue 20: two processes write to one SQLite store for SITREP_WRITERS_SECONDS seconds (5 in CI; the
    issue's 60 s run is in docs/notes/architecture-session6.md); nothing lost, doubled or failed."""
    import os

    seconds = float(os.environ.get("SITREP_WRITERS_SECONDS", "5"))
    db = str(tmp_path / "writers.db")
    Store(db).close()
    barrier, q = CTX.Barrier(2), CTX.Queue()
    procs = [CTX.Process(target=_write_for, args=(db, w, seconds, barrier, q)) for w in range(2)]
    for p in procs:
        p.start()
    outs = [q.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(30)
    errors = [e for _, errs in outs for e in errs]
    assert errors == [], errors[:5]
    done = [d for o, _ in outs for d in o]
    own = [aid for aid, action in done if aid.startswith("w")]
    both = [(aid, action) for aid, action in done if aid.startswith("both-")]
    assert all(action == "added" for aid, action in done if aid.startswith("w"))
    assert len(own) == len(set(own)) and len(own) > 2
    added = {aid for aid, action in both if action == "added"}
    assert sorted(aid for aid, action in both if action == "added") == sorted(added)  # each added once
    s = Store(db)
    want = set(own) | {aid for aid, _ in both}
    assert s.count_articles() == len(want)  # nothing lost
    assert s.count_events() == len(want)  # nothing doubled: one invented place, one event, per article
    s.close()
    print(f"two writers, {seconds:g} s: {len(done)} ingests, {len(want)} articles, 0 errors")
