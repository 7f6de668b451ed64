"""The shells a user touches (issue 19): --format summary, --min-confidence, the note when a terminal gets a
large JSON dump, untruncated --help, case-insensitive --type, and `gazetteer build` not overwriting the
installed gazetteer. Texts are invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import sitrep.pipeline
from sitrep import cli
from sitrep.export import summary_line

TEXT = "Insurgents captured the hill town of Varek at dawn on Tuesday, residents said."


@pytest.fixture
def fake(monkeypatch: Any, fake_pipeline: Any) -> Any:
    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    return fake_pipeline


def _input(tmp_path: Path, *texts: str) -> str:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "published": "2024-03-05"}) + "\n"
                         for i, t in enumerate(texts)), encoding="utf-8")
    return str(p)


def test_summary_line_names_date_type_actors_place_and_status() -> None:
    e = {"id": "e1", "date": {"start": "2024-03-05", "end": "2024-03-05"},
         "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
         "actor": [{"id": "x", "name": "Hill Brigade"}], "recipient": [{"id": "y", "name": "River Guard"}],
         "place": {"name": "Varek", "admin1_code": "ZZ-01"}, "magnitude": {"killed": 4},
         "status": "claimed", "confidence": 0.8}
    line = summary_line(e, "doc-1")
    assert line == ("2024-03-05  Battles / Armed clash  Hill Brigade -> River Guard  Varek (ZZ-01)  killed 4  "
                    "[claimed 0.80]  doc-1#e1")
    assert "\n" not in summary_line({"id": "e2"})


def test_extract_summary_is_one_line_per_event(tmp_path: Path, fake: Any) -> None:
    r = CliRunner().invoke(cli.main, ["extract", _input(tmp_path, TEXT, "A bomb went off near the depot."),
                                      "--format", "summary", "--no-progress"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "Non-state actor overtakes territory" in lines[0] and lines[0].endswith("a0#e0")
    assert "Remote explosive/landmine/IED" in lines[1]


def test_extract_min_confidence_drops_events_below_it(tmp_path: Path, fake: Any) -> None:
    src = _input(tmp_path, TEXT)
    kept = CliRunner().invoke(cli.main, ["extract", src, "--format", "jsonl", "--no-progress",
                                         "--min-confidence", "0.7"])
    dropped = CliRunner().invoke(cli.main, ["extract", src, "--format", "jsonl", "--no-progress",
                                            "--min-confidence", "0.71"])
    assert len(json.loads(kept.stdout)["events"]) == 1  # the fake pipeline's events have confidence 0.7
    assert json.loads(dropped.stdout)["events"] == []
    bad = CliRunner().invoke(cli.main, ["extract", src, "--min-confidence", "2"])
    assert bad.exit_code == 2


class _Tty:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.text += s


def test_tty_note_only_for_a_large_dump_on_a_terminal(capsys: Any) -> None:
    cli.tty_note(_Tty(), cli.TTY_NOTE_CHARS + 1, "json")  # type: ignore[arg-type]
    assert "--format summary" in capsys.readouterr().err
    cli.tty_note(_Tty(), 10, "json")  # type: ignore[arg-type]
    cli.tty_note(_Tty(), cli.TTY_NOTE_CHARS + 1, "summary")  # type: ignore[arg-type]
    assert capsys.readouterr().err == ""


def test_help_lists_commands_without_cutting_them() -> None:
    r = CliRunner().invoke(cli.main, ["--help"])
    flat = " ".join(r.output.split())
    assert "Read FILE... (.txt, .html, .jsonl, RSS/Atom, folders, http(s) URLs, or - for stdin) and write their events." in flat
    assert "..." not in flat.replace("FILE...", "").replace("PATH...", "").replace("SOURCE...", "").replace("ARGS]...", "")


def test_events_type_any_case_and_summary(tmp_path: Path, fake: Any) -> None:
    from sitrep.store import cli as store_cli

    db = str(tmp_path / "s.db")
    runner = CliRunner()
    r = runner.invoke(store_cli.ingest, [_input(tmp_path, TEXT, "A bomb went off near the depot."), "--db", db,
                                         "--no-progress", "--create"])
    assert r.exit_code == 0, r.output
    for t, n in (("battles", 1), ("BATTLES", 1), ("non-state actor overtakes territory", 1),
                 ("Explosions/Remote violence", 1), ("assault", 2), ("riots", 0)):
        r = runner.invoke(store_cli.events, ["--db", db, "--type", t, "--format", "summary"])
        assert r.exit_code == 0, r.output
        assert len(r.stdout.strip().splitlines()) == n, (t, r.stdout)


def test_gazetteer_build_refuses_the_installed_gazetteer_without_force(tmp_path: Path, monkeypatch: Any) -> None:
    from sitrep.geo import cli as geo_cli

    installed = tmp_path / "gazetteer.sqlite"
    installed.write_bytes(b"the installed one")
    monkeypatch.setattr(geo_cli, "DEFAULT_DB", installed)
    calls: list[Path] = []

    def fake_build(out: Path, geonames: Any, min_population: int = 500) -> dict[str, int]:
        calls.append(out)
        out.write_bytes(b"rebuilt")
        return {"places": 1}

    monkeypatch.setattr(geo_cli, "build", fake_build)
    r = CliRunner().invoke(geo_cli.gazetteer, ["build", "--out", str(installed)])
    assert r.exit_code == 2 and "--force" in r.output and calls == []
    assert installed.read_bytes() == b"the installed one"
    r = CliRunner().invoke(geo_cli.gazetteer, ["build", "--out", str(tmp_path / "other.sqlite")])
    assert r.exit_code == 0 and calls == [tmp_path / "other.sqlite"]
    r = CliRunner().invoke(geo_cli.gazetteer, ["build", "--out", str(installed), "--force"])
    assert r.exit_code == 0 and installed.read_bytes() == b"rebuilt"


@pytest.mark.parametrize("script", ["run_corpus.py", "geo_errors.py", "recluster_check.py"])
def test_benchmark_scripts_say_what_they_need_without_the_shared_data(tmp_path: Path, script: str) -> None:
    import subprocess
    import sys

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / script
    missing = str(tmp_path / "no-such-corpus.input.jsonl")
    args = [missing, str(tmp_path / "out.jsonl")] if script == "run_corpus.py" else [missing]
    r = subprocess.run([sys.executable, str(bench), *args], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "not found" in r.stderr and "not part of sitrep" in r.stderr and "Traceback" not in r.stderr
