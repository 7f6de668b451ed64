"""Pipeline configuration files (TOML or JSON): which stages run, in what order, with which settings.

```toml
[pipeline]
stages = ["nlp", "actors", "places", "times", "events", "claims", "acled_actors"]
batch_size = 16        # documents per spaCy batch
time_budget = 120      # seconds per document over all stages; 0: none; absent: SITREP_DOC_BUDGET, else 120

[stages.nlp]           # a stage's settings (its `register(name, default_config)`)
fast_rules = true
```

The JSON form has the same structure. Everything is optional; what a file leaves out keeps its default,
so an empty file gives the standard pipeline. `sitrep config` prints the defaults. Errors (an unknown
section, key, stage or setting, a value of the wrong type) are `ConfigError`s that name the file and key.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from .pipeline import DEFAULT_STAGES, StageConfig, stage_defaults

PIPELINE_KEYS = ("stages", "batch_size", "time_budget")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says where and why."""


def load_config(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The parsed and checked configuration in `path` (`.json`: JSON, anything else: TOML)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror or exc}") from None
    try:
        cfg = json.loads(raw) if p.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{p}: not valid {'JSON' if p.suffix.lower() == '.json' else 'TOML'}: {exc}") from None
    check_config(cfg, str(p))
    return cfg


def check_config(cfg: Any, where: str = "config") -> None:
    """Raise ConfigError unless `cfg` is a configuration `pipeline_kwargs` can use."""
    if not isinstance(cfg, dict):
        raise ConfigError(f"{where}: expected a table/object with [pipeline] and [stages.NAME] sections")
    unknown = sorted(set(cfg) - {"pipeline", "stages"})
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {', '.join(unknown)} (known: pipeline, stages)")
    pipe = cfg.get("pipeline", {})
    if not isinstance(pipe, dict):
        raise ConfigError(f"{where}: [pipeline] must be a table")
    bad = sorted(set(pipe) - set(PIPELINE_KEYS))
    if bad:
        raise ConfigError(f"{where}: [pipeline] has no key {', '.join(bad)} (known: {', '.join(PIPELINE_KEYS)})")
    stages = pipe.get("stages", list(DEFAULT_STAGES))
    if not isinstance(stages, list) or not stages or not all(isinstance(s, str) for s in stages):
        raise ConfigError(f"{where}: pipeline.stages must be a non-empty list of stage names")
    batch = pipe.get("batch_size", 16)
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise ConfigError(f"{where}: pipeline.batch_size must be a whole number of at least 1, not {batch!r}")
    budget = pipe.get("time_budget", 0)
    if isinstance(budget, bool) or not isinstance(budget, int | float) or budget < 0:
        raise ConfigError(f"{where}: pipeline.time_budget must be a number of seconds >= 0, not {budget!r}")
    settings = cfg.get("stages", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: [stages] must hold one table per stage, [stages.NAME]")
    for name, values in settings.items():
        _check_stage(name, values, stages, where)


def _check_stage(name: str, values: Any, stages: list[str], where: str) -> None:
    if name not in stages:
        raise ConfigError(f"{where}: [stages.{name}]: {name!r} is not among pipeline.stages ({', '.join(stages)})")
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: [stages.{name}] must be a table of settings")
    try:
        defaults = stage_defaults(name)
    except KeyError as exc:
        raise ConfigError(f"{where}: [stages.{name}]: {exc.args[0]}") from None
    for key, value in values.items():
        if key not in defaults:
            takes = ", ".join(sorted(defaults)) or "none"
            raise ConfigError(f"{where}: [stages.{name}] has no setting {key!r} (its settings: {takes})")
        default = defaults[key]
        if default is not None and not _same_kind(value, default):
            raise ConfigError(
                f"{where}: stages.{name}.{key} must be a {type(default).__name__} like its default "
                f"{default!r}, not {value!r}"
            )


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def pipeline_kwargs(cfg: dict[str, Any]) -> dict[str, Any]:
    """`Pipeline(**pipeline_kwargs(cfg))`: the checked configuration as the pipeline's arguments."""
    check_config(cfg)
    pipe = cfg.get("pipeline", {})
    kwargs: dict[str, Any] = {
        "stages": tuple(pipe.get("stages", DEFAULT_STAGES)),
        "batch_size": pipe.get("batch_size", 16),
        "config": {name: dict(values) for name, values in (cfg.get("stages") or {}).items()},
    }
    if "time_budget" in pipe:
        kwargs["time_budget"] = float(pipe["time_budget"]) or None
    return kwargs


def default_config(stages: tuple[str, ...] = DEFAULT_STAGES) -> dict[str, Any]:
    """The full default configuration (every stage's settings with their defaults), as a dict."""
    per_stage: dict[str, StageConfig] = {n: stage_defaults(n) for n in stages}
    return {
        "pipeline": {"stages": list(stages), "batch_size": 16},
        "stages": {n: s for n, s in per_stage.items() if s},
    }


def to_toml(cfg: dict[str, Any]) -> str:
    """A configuration written as TOML (scalars, lists of scalars; None settings as comments)."""
    lines: list[str] = []
    for section, table in (("pipeline", cfg.get("pipeline") or {}),
                           *((f"stages.{n}", t) for n, t in (cfg.get("stages") or {}).items())):
        lines.append(f"[{section}]")
        if section == "pipeline" and "time_budget" not in table:
            lines.append("# time_budget = 120  (seconds per document; 0: none; unset: SITREP_DOC_BUDGET, else 120)")
        for key, value in table.items():
            if value is None:
                lines.append(f"# {key} = (unset: the stage's own default)")
            else:
                lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    return "\n".join(lines)
