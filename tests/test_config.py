"""Stage configuration (issue 19): `register(name, default_config)`, per-stage settings, and pipeline
configuration files (TOML/JSON) for `Pipeline.from_config` and `sitrep extract --config`. The stages and
texts here are invented."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep import make_document
from sitrep.cli import main
from sitrep.config import ConfigError, check_config, default_config, load_config, pipeline_kwargs, to_toml
from sitrep.pipeline import DEFAULT_STAGES, Pipeline, get_stage, register, stage_defaults


class _Stamp:
    """Appends its `mark` to doc.meta["marks"], `times` times."""

    name = "stampstage"

    def __init__(self, mark: str = "x", times: int = 1) -> None:
        self.mark, self.times = mark, times

    def __call__(self, doc: Any) -> Any:
        doc.meta.setdefault("marks", []).extend([self.mark] * self.times)
        return doc


class _Plain:
    name = "plainstage"

    def __call__(self, doc: Any) -> Any:
        doc.meta["plain"] = True
        return doc


register("stampstage", {"mark": "x", "times": 1})(_Stamp)
register("plainstage")(_Plain)


def _run(pipe: Pipeline, text: str = "Rain over the harbour.") -> Any:
    return pipe(make_document(text, id="t"))


def test_defaults_apply_and_settings_override_them() -> None:
    assert stage_defaults("stampstage") == {"mark": "x", "times": 1}
    assert _run(Pipeline(["stampstage"])).meta["marks"] == ["x"]
    doc = _run(Pipeline(["stampstage", "plainstage"], config={"stampstage": {"mark": "y", "times": 3}}))
    assert doc.meta["marks"] == ["y", "y", "y"] and doc.meta["plain"] is True
    assert stage_defaults("stampstage") == {"mark": "x", "times": 1}  # a copy: the registry is unchanged


def test_unknown_setting_or_stage_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"no setting 'colour' \(its settings: mark, times\)"):
        get_stage("stampstage", {"colour": "red"})
    with pytest.raises(ValueError, match=r"its settings: none"):
        get_stage("plainstage", {"anything": 1})
    with pytest.raises(ValueError, match="not in the pipeline: stampstage"):
        Pipeline(["plainstage"], config={"stampstage": {"mark": "z"}})
    with pytest.raises(KeyError, match="no pipeline stage named 'nosuchstage'"):
        get_stage("nosuchstage")


def test_config_file_toml_and_json_give_the_same_pipeline(tmp_path: Path) -> None:
    toml = tmp_path / "p.toml"
    toml.write_text('[pipeline]\nstages = ["stampstage"]\nbatch_size = 3\ntime_budget = 0\n\n'
                    '[stages.stampstage]\nmark = "q"\n', encoding="utf-8")
    js = tmp_path / "p.json"
    js.write_text(json.dumps({"pipeline": {"stages": ["stampstage"], "batch_size": 3, "time_budget": 0},
                              "stages": {"stampstage": {"mark": "q"}}}), encoding="utf-8")
    for path in (toml, js):
        pipe = Pipeline.from_config(path)
        assert pipe.stage_names == ("stampstage",) and pipe.batch_size == 3 and pipe.time_budget is None
        assert _run(pipe).meta["marks"] == ["q"]


def test_an_empty_configuration_is_the_default_pipeline() -> None:
    kwargs = pipeline_kwargs({})
    assert kwargs["stages"] == DEFAULT_STAGES and kwargs["batch_size"] == 16 and kwargs["config"] == {}
    assert "time_budget" not in kwargs  # left to SITREP_DOC_BUDGET, as without a file


def test_printed_defaults_read_back() -> None:
    cfg = default_config()
    assert cfg["pipeline"]["stages"] == list(DEFAULT_STAGES)
    assert cfg["stages"]["nlp"]["max_chars"] == 1_000_000
    back = tomllib.loads(to_toml(cfg))
    check_config(back)
    assert back["pipeline"] == cfg["pipeline"]
    assert back["stages"]["nlp"] == {k: v for k, v in cfg["stages"]["nlp"].items() if v is not None}


@pytest.mark.parametrize(
    ("cfg", "message"),
    [
        ({"pipelines": {}}, "unknown section"),
        ({"pipeline": {"batch": 4}}, r"\[pipeline\] has no key batch"),
        ({"pipeline": {"batch_size": 0}}, "batch_size must be a whole number"),
        ({"pipeline": {"batch_size": True}}, "batch_size must be a whole number"),
        ({"pipeline": {"time_budget": -1}}, "time_budget must be a number"),
        ({"pipeline": {"stages": []}}, "non-empty list"),
        ({"pipeline": {"stages": ["stampstage"]}, "stages": {"plainstage": {}}}, "not among pipeline.stages"),
        ({"pipeline": {"stages": ["stampstage"]}, "stages": {"stampstage": {"times": "two"}}}, "must be a int"),
        ({"pipeline": {"stages": ["stampstage"]}, "stages": {"stampstage": {"size": 2}}}, "no setting 'size'"),
    ],
)
def test_bad_configurations_name_the_key(cfg: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_config(cfg, "p.toml")


def test_unreadable_or_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\nstages = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_extract_reads_the_config_and_the_command_line_overrides_it(tmp_path: Path) -> None:
    cfg = tmp_path / "p.toml"
    cfg.write_text('[pipeline]\nstages = ["stampstage", "plainstage"]\nbatch_size = 5\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The ferry to the island left two hours late.", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(text), "--config", str(cfg), "--format", "jsonl", "--no-progress"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["id"] == "a" and rec["events"] == []  # only the two invented stages ran
    bad = tmp_path / "bad.toml"
    bad.write_text('[stages.plainstage]\nloud = true\n', encoding="utf-8")
    res = runner.invoke(main, ["extract", str(text), "--config", str(bad)])
    assert res.exit_code == 2 and "not among pipeline.stages" in res.output


def test_make_pipeline_keeps_the_config_batch_size_unless_given() -> None:
    import click
    from click.core import ParameterSource

    from sitrep import cli

    cfg = {"pipeline": {"stages": ["plainstage"], "batch_size": 5}}
    assert cli.make_pipeline(cfg, 16, None).batch_size == 16  # no click context: the argument counts
    pipe = cli.make_pipeline(cfg, 16, 2.5)
    assert pipe.time_budget == 2.5 and pipe.stage_names == ("plainstage",)
    for source, want in ((ParameterSource.DEFAULT, 5), (ParameterSource.COMMANDLINE, 16)):
        with click.Context(cli.extract) as ctx:
            ctx.set_parameter_source("batch_size", source)
            assert cli.make_pipeline(cfg, 16, None).batch_size == want


def test_nlp_max_chars_setting() -> None:
    pytest.importorskip("spacy")
    pipe = Pipeline(["nlp"], config={"nlp": {"max_chars": 20}})
    long_doc, short_doc = pipe.pipe([make_document("The harbour was closed all week by the storm.", id="l"),
                                     make_document("Rain fell.", id="s")])
    assert "over the 20 a document may have" in long_doc.meta["error"]
    assert "error" not in short_doc.meta and short_doc.spacy is not None
