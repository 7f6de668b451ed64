"""Command line: `sitrep extract`, and the store, gazetteer and server commands.

Subcommands other than `extract` live beside the stage they belong to and are imported only when
called, so that `sitrep --help` and `sitrep extract` start fast.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO, TYPE_CHECKING, Any

import click

from . import __version__
from .document import Document
from .ingest import InputError, parse_date, read_inputs, warnings_of
from .records import OutputRecord

if TYPE_CHECKING:
    from .pipeline import Pipeline

FORMATS = ("json", "jsonl", "plover", "acled-csv", "csv", "geojson", "summary")  # csv: alias of acled-csv
TTY_NOTE_CHARS = 20_000  # JSON written to a terminal beyond this gets a note on stderr
INCLUDE_HELP = (
    "ACLED CSV: also write events that are historical, hypothetical (proposed, future) or denied, "
    "comma-separated (default: current events that are reported, claimed or contested)."
)


def include_option(value: str | None) -> frozenset[str]:
    """Parse `--include` for the ACLED CSV exporter; a bad word is a usage error."""
    from .export import parse_include

    try:
        return parse_include(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--include") from None


def min_confidence_option(fn: Any) -> Any:
    return click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                        help="Only events whose confidence is at least X (0..1).")(fn)


def _read_config(ctx: click.Context, param: click.Parameter, value: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    from .config import ConfigError, load_config

    try:
        return load_config(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def config_option(fn: Any) -> Any:
    return click.option("--config", "config", type=click.Path(dir_okay=False), callback=_read_config,
                        help="Pipeline configuration (TOML or JSON: stages, batch size, time budget, stage "
                             "settings; `sitrep config` prints the defaults). --batch-size and --time-budget "
                             "given on the command line override it.")(fn)


def make_pipeline(config: dict[str, Any] | None, batch_size: int, time_budget: float | None) -> Pipeline:
    """The pipeline a command runs: the default one, or one made from `config` (`--config`); the command
    line's --batch-size (when given there) and --time-budget (when given) override."""
    from .pipeline import Pipeline, default_pipeline

    pipe = default_pipeline() if config is None else Pipeline.from_config(config)
    ctx = click.get_current_context(silent=True)
    given = ctx is None or ctx.get_parameter_source("batch_size") not in (click.core.ParameterSource.DEFAULT, None)
    if config is None or given:
        pipe.batch_size = batch_size
    if time_budget is not None:
        pipe.time_budget = time_budget if time_budget > 0 else None
    return pipe


def keep_confident(rec: OutputRecord, min_confidence: float | None) -> OutputRecord:
    """`rec` (a contract document) without its events below `min_confidence`."""
    if min_confidence is None or "error" in rec:
        return rec
    return {**rec, "events": [e for e in rec.get("events") or [] if (e.get("confidence") or 0) >= min_confidence]}


def tty_note(out: IO[str], chars: int, fmt: str) -> None:
    """A note on stderr when a terminal got a large JSON dump: there is a one-line-per-event format."""
    if fmt != "summary" and chars > TTY_NOTE_CHARS and out.isatty():
        click.echo(f"sitrep: {chars:,} characters of {fmt} written to the terminal; --format summary prints "
                   "one line per event, -o FILE writes to a file", err=True)


class FullHelpGroup(click.Group):
    """A click group whose command list shows each command's whole first paragraph (click cuts it at the
    first full stop or at 45 characters: "Read FILE...")."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            first = cmd.short_help or (cmd.help or "").split("\n\n")[0]
            rows.append((name, " ".join(first.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class LazyGroup(FullHelpGroup):
    """A click group whose subcommands are imported on first use ("module:attribute")."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attr = self.lazy[cmd_name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, cmd_name)


LAZY_COMMANDS = {
    "gazetteer": "sitrep.geo.cli:gazetteer",
    "ingest": "sitrep.store.cli:ingest",
    "recluster": "sitrep.store.cli:recluster",
    "events": "sitrep.store.cli:events",
    "timeline": "sitrep.store.cli:timeline",
    "serve": "sitrep.api.cli:serve",
    "watch": "sitrep.monitor.cli:watch",
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS, context_settings={"max_content_width": 120})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: sourced, structured conflict event records from news text."""


def _published_option(value: str | None) -> date | None:
    try:
        return parse_date(value, "--published")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--batch-size", default=16, show_default=True, help="Documents per spaCy batch.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
@click.option("--include", help=INCLUDE_HELP)
@min_confidence_option
@click.option("--time-budget", type=float, default=None, envvar="SITREP_DOC_BUDGET",
              help="Seconds one document may take over all stages (0: no limit; default 120, env SITREP_DOC_BUDGET).")
@click.option("--any-language", is_flag=True, help="Read articles that look not English too (default: skip them).")
@config_option
def extract(files: tuple[str, ...], published: str | None, fmt: str, output: str | None, batch_size: int,
            progress: bool | None, include: str | None, min_confidence: float | None,
            time_budget: float | None, any_language: bool = False, config: dict[str, Any] | None = None) -> None:
    """Read FILE... (.txt, .html, .jsonl, RSS/Atom, folders, http(s) URLs, or - for stdin) and write their events.

    The kind of each input is sniffed from its content as well as its name. An article that is not
    English is reported ("not English: fr, skipped") instead of giving an empty result.

    Exit status is 1 when any input item failed; each failed item is reported on stderr and, in jsonl
    output, as {"id": ..., "error": ...} in its place.
    """
    pub = _published_option(published)
    widen = include_option(include)
    items = read_inputs(files, pub, stdin_jsonl=(fmt == "jsonl"), check_language=not any_language)
    out: IO[str] = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    n_err = chars = 0
    try:
        records = (keep_confident(r, min_confidence) for r in _run(items, lambda: make_pipeline(config, batch_size, time_budget), progress))
        if fmt == "jsonl":
            for rec in records:
                n_err += "error" in rec
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                chars += len(line)
                out.write(line)
        elif fmt == "summary":
            from .export import summary_line

            for rec in records:
                if "error" in rec:
                    n_err += 1
                    continue
                for e in rec.get("events") or []:
                    out.write(summary_line(e, rec.get("id")) + "\n")
        elif fmt == "plover":
            from .export import plover_records

            recs = list(records)
            n_err = sum("error" in r for r in recs)
            for p in plover_records(recs):
                line = json.dumps(p, ensure_ascii=False) + "\n"
                chars += len(line)
                out.write(line)
        elif fmt in ("acled-csv", "csv"):
            from .export import export_acled_csv

            recs = list(records)
            n_err = sum("error" in r for r in recs)
            export_acled_csv(recs, out, widen).report(sys.stderr)
        elif fmt == "geojson":
            from .export import geojson

            recs = list(records)
            n_err = sum("error" in r for r in recs)
            text = json.dumps(geojson(recs), ensure_ascii=False, indent=1) + "\n"
            chars += len(text)
            out.write(text)
        else:
            recs = list(records)
            n_err = sum("error" in r for r in recs)
            text = json.dumps(recs[0] if len(recs) == 1 else recs, ensure_ascii=False, indent=2) + "\n"
            chars += len(text)
            out.write(text)
        tty_note(out, chars, fmt)
    finally:
        if output:
            out.close()
    if n_err:
        click.echo(f"sitrep: {n_err} input item(s) failed (see messages above)", err=True)
        sys.exit(1)


def _run(items: Iterator[Document | InputError], pipe: Callable[[], Pipeline], progress: bool | None
         ) -> Iterator[OutputRecord]:
    """Run the pipeline (made when the first document arrives) over the readable items; keep input order;
    report failures on stderr."""
    from .pipeline import iter_results

    def warned(stream: Iterator[Document | InputError]) -> Iterator[Document | InputError]:
        for it in stream:
            if isinstance(it, Document):
                for w in warnings_of(it):
                    click.echo(f"sitrep: {it.meta.get('where', it.id)}: warning: {w}", err=True)
            yield it

    items = warned(items)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="doc", desc="extract", file=sys.stderr)
    for item in iter_results(items, pipe):
        if isinstance(item, InputError):
            click.echo(f"sitrep: {item}", err=True)
            yield item.record()
            continue
        if bar is not None:
            bar.update(1)
        if "error" in item.meta:
            where = item.meta.get("where", item.id)
            click.echo(f"sitrep: {where}: {item.meta['error']}", err=True)
            yield {"id": item.id, "error": f"{where}: {item.meta['error']}"}
        else:
            yield item.to_contract()
    if bar is not None:
        bar.close()


@main.command("config")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
def config_cmd(fmt: str) -> None:
    """Print the default pipeline configuration (stages, batch size, every stage's settings), to copy into
    a file for `--config FILE`."""
    from .config import default_config, to_toml

    cfg = default_config()
    click.echo(json.dumps(cfg, indent=2) if fmt == "json" else to_toml(cfg), nl=fmt == "json")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for part-*.jsonl.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 512),
              help="Worker processes of the local Dask cluster (1: this process, no Dask).")
@click.option("--scheduler", default=None, help="tcp://HOST:PORT of a running Dask scheduler (instead of a local cluster).")
@click.option("--block-docs", default=200, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Documents per task and per part file.")
@click.option("--published", help="Publication date YYYY-MM-DD for lines that carry none.")
@click.option("--restart", is_flag=True, help="Discard parts of an earlier run over other inputs.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal).")
def batch(inputs: tuple[str, ...], out_dir: str, workers: int, scheduler: str | None, block_docs: int,
          published: str | None, restart: bool, progress: bool | None) -> None:
    """Extract large JSONL archives in parallel on Dask distributed. Parts that exist from an earlier run
    over the same inputs are kept (resume); `cat OUT/part-*.jsonl` is the whole output, in input order."""
    from .scale import run_batch

    _published_option(published)
    try:
        r = run_batch(list(inputs), out_dir, workers=workers, scheduler=scheduler, block_docs=block_docs,
                      published=published, restart=restart, progress=progress)
    except (ValueError, OSError) as exc:
        click.echo(f"sitrep: {exc}", err=True)
        sys.exit(2)
    click.echo(f"sitrep: {r.documents} documents ({r.errors} errors) in {r.parts} new and {r.skipped_parts} "
               f"earlier part file(s) under {out_dir}", err=True)
    if r.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
