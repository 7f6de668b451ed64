"""Store commands refuse a missing or bad --db with one line and exit 2 (issues 17, 20)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.store import cli as store_cli


@pytest.mark.parametrize(
    "cmd,args", [(store_cli.events, []), (store_cli.recluster, []), (store_cli.timeline, ["AF-PAN"])]
)
def test_missing_db_refused(tmp_path: Path, cmd, args) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "typo.db"
    r = CliRunner().invoke(cmd, [*args, "--db", str(db)])
    assert r.exit_code == 2
    assert "no such database" in r.output
    assert not db.exists()


def test_ingest_without_create_refused(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Invented text.", encoding="utf-8")
    db = tmp_path / "new.db"
    r = CliRunner().invoke(store_cli.ingest, [str(src), "--db", str(db), "--no-progress"])
    assert r.exit_code == 2
    assert not db.exists()


@pytest.mark.parametrize("kind", ["dir", "mysql", "junk"])
def test_bad_db_one_line(tmp_path: Path, kind: str) -> None:
    db = {"dir": str(tmp_path), "mysql": "mysql://x", "junk": str(tmp_path / "junk.db")}[kind]
    if kind == "junk":
        Path(db).write_text("not a database at all " * 50, encoding="utf-8")
    r = CliRunner().invoke(store_cli.events, ["--db", db])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_csv_cells_neutralised() -> None:
    from sitrep.export import _safe_cell

    assert _safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe_cell("@x") == "'@x"
    assert _safe_cell("-3.5") == "-3.5"
    assert _safe_cell(-3.5) == -3.5


def test_api_huge_offset_and_limit(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.store import Store

    db = str(tmp_path / "s.db")
    Store(db).close()
    c = TestClient(create_app(db))
    assert c.get("/api/events", params={"offset": "9223372036854775808"}).status_code in (400, 422)
    assert c.get("/api/events", params={"limit": "99999999999999999999"}).status_code in (400, 422)
