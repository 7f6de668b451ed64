"""Store commands attached to the main `sitrep` CLI: `ingest`, `recluster`, `events`, `timeline`
(`serve`, the shell over the API, is `sitrep.api.cli`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from ..cli import INCLUDE_HELP, config_option, include_option, make_pipeline, tty_note
from ..records import StoredEvent
from .core import DEFAULT_DB, Store, content_hash

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    envvar="SITREP_DB",
    show_default=True,
    help="SQLite file, or a postgresql://user:pass@host/db URL (env SITREP_DB).",
)


def _date(value: str | None, name: str) -> str | None:
    """An ISO date option (`sitrep.ingest.parse_date`), as a string; a usage error otherwise."""
    from ..ingest import parse_date

    try:
        d = parse_date(value, name)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=name) from None
    return d.isoformat() if d else None


def _open_store(db: str, create: bool = False) -> Store:
    """Open the store at DB; refuse (exit 2, one line) a missing SQLite file unless CREATE, or a bad --db."""
    import os

    if "://" in db and not db.startswith(("postgresql://", "postgres://", "sqlite://")):
        click.echo(
            f"sitrep: --db {db}: unsupported database URL (use a SQLite file or postgresql://)", err=True
        )
        sys.exit(2)
    if "://" not in db:
        if os.path.isdir(db):
            click.echo(f"sitrep: --db {db}: is a directory, not a database file", err=True)
            sys.exit(2)
        if not os.path.exists(db) and not create:
            click.echo(
                f"sitrep: --db {db}: no such database (pass --create to `sitrep ingest` to make one)",
                err=True,
            )
            sys.exit(2)
    try:
        return Store(db)
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        click.echo(
            f"sitrep: --db {db}: cannot open database: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
            err=True,
        )
        sys.exit(2)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that carry none.")
@DB_OPTION
@click.option("--create", is_flag=True, help="Create the SQLite store if it does not exist.")
@click.option("--batch-size", default=16, show_default=True, help="Documents per spaCy batch.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal)."
)
@click.option(
    "--time-budget",
    type=float,
    default=None,
    envvar="SITREP_DOC_BUDGET",
    help="Seconds one article may take over all stages (0: no limit; default 120, env SITREP_DOC_BUDGET).",
)
@click.option("--any-language", is_flag=True, help="Store articles that look not English too (default: skip them).")
@config_option
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    db: str,
    create: bool,
    batch_size: int,
    progress: bool | None,
    time_budget: float | None = None,
    any_language: bool = False,
    config: dict[str, Any] | None = None,
) -> None:
    """Extract events from PATH... (.txt, .html, .jsonl, RSS/Atom, folders, http(s) URLs) and store them in
    the database.

    Incremental and idempotent: an article already stored with the same id and content is skipped; each
    article is stored in its own transaction. Events of the same real-world event found in several
    articles are merged. Exit status 1 when any item failed (each is reported on stderr).
    """
    from ..document import Document
    from ..ingest import InputError, read_inputs, warnings_of

    pub = _date(published, "--published")
    store = _open_store(db, create)
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0, "events": 0, "merged": 0}
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="article", desc="ingest", file=sys.stderr)

    def fail(message: str) -> None:
        counts["failed"] += 1
        if bar is not None:
            bar.write(f"sitrep: {message}", file=sys.stderr)
        else:
            click.echo(f"sitrep: {message}", err=True)

    def new_docs() -> Iterator[Document | InputError]:
        """The inputs, less the articles stored already with the same content (they skip the pipeline)."""
        for item in read_inputs(paths, pub, check_language=not any_language):
            if isinstance(item, InputError):
                yield item
                continue
            for w in warnings_of(item):
                click.echo(f"sitrep: {item.meta.get('where', item.id)}: warning: {w}", err=True)
            h = content_hash(item.text, item.title, item.published, item.url)
            if store.has_article(item.id, h):
                counts["unchanged"] += 1
                if bar is not None:
                    bar.update(1)
                continue
            item.meta["content_hash"] = h
            yield item

    from ..pipeline import Pipeline, iter_results

    def pipeline() -> Pipeline:  # made when the first new article arrives (the model loads then)
        return make_pipeline(config, batch_size, time_budget)

    for out in store.ingest_stream(iter_results(new_docs(), pipeline)):
        if out.result is None:
            fail(out.error or f"{out.where}: not stored")
        else:
            counts[out.result.action] += 1
            counts["events"] += out.result.events
            counts["merged"] += out.result.merged
        if bar is not None and not isinstance(out.item, InputError):
            bar.update(1)
    if bar is not None:
        bar.close()
    click.echo(
        f"sitrep: {counts['added']} article(s) added, {counts['replaced']} replaced, {counts['unchanged']} unchanged,"
        f" {counts['failed']} failed; {counts['events']} event mention(s), {counts['merged']} merged into existing"
        f" events; the store holds {store.count_articles()} articles and {store.count_events()} events",
        err=True,
    )
    store.close()
    if counts["failed"]:
        sys.exit(1)


@click.command()
@DB_OPTION
def recluster(db: str) -> None:
    """Merge all stored article events again in an order fixed by their content (date, article id), so the
    merged events do not depend on the order the articles were ingested in. One transaction."""
    store = _open_store(db)
    r = store.recluster()
    click.echo(
        f"sitrep: {r['mentions']} event mention(s) merged into {r['events_after']} events "
        f"(before: {r['events_before']}); {r['moved']} mention(s) changed event",
        err=True,
    )
    store.close()


EVENT_FORMATS = ("jsonl", "json", "acled-csv", "csv", "geojson", "plover", "summary")  # csv: alias of acled-csv


@click.command()
@DB_OPTION
@click.option("--country", help="ISO 3166-1 alpha-2, e.g. AF.")
@click.option("--admin1", help="ISO 3166-2 province, e.g. AF-PAN.")
@click.option("--since", help="Events on or after YYYY-MM-DD.")
@click.option("--until", help="Events on or before YYYY-MM-DD.")
@click.option("--type", "type_", help="ACLED event type or sub-event type, or PLOVER event, in any case (e.g. battles, \"armed clash\", ASSAULT).")
@click.option("--status", type=click.Choice(["reported", "claimed", "contested", "denied", "hypothetical"]))
@click.option("--timeframe", type=click.Choice(["current", "recent", "historical", "future", "unknown"]))
@click.option("--actor", help="Part of an actor's or recipient's name or id (any case).")
@click.option("-q", "--query", "query", help="Words that must all occur (full text: evidence, claims, names, place).")
@click.option("--min-fatalities", type=click.IntRange(min=0), default=None, help="At least N killed.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, help="Confidence at least X.")
@click.option("--limit", type=int, default=None, help="At most N events (default: all).")
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(EVENT_FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout."
)
@click.option("--include", help=INCLUDE_HELP)
def events(
    db: str,
    country: str | None,
    admin1: str | None,
    since: str | None,
    until: str | None,
    type_: str | None,
    status: str | None,
    timeframe: str | None,
    actor: str | None,
    query: str | None,
    min_fatalities: int | None,
    min_confidence: float | None,
    limit: int | None,
    offset: int,
    fmt: str,
    output: str | None,
    include: str | None,
) -> None:
    """List merged events from the store, newest first, with their source articles."""
    widen = include_option(include)
    store = _open_store(db)
    evs = store.query_events(
        country=country,
        admin1=admin1,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        type=type_,
        status=status,
        timeframe=timeframe,
        actor=actor,
        q=query,
        min_fatalities=min_fatalities,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    )
    out: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        chars = write_events(store, evs, fmt, out, widen)
        tty_note(out, chars, fmt)
    finally:
        if output:
            out.close()
        store.close()
    click.echo(f"sitrep: {len(evs)} event(s)", err=True)


def write_events(
    store: Store, evs: list[StoredEvent], fmt: str, out: IO[str], include: frozenset[str] = frozenset()
) -> int:
    """Write `evs` in `fmt`; returns the number of characters of JSON written (for `tty_note`)."""
    chars = 0
    if fmt == "jsonl":
        for e in evs:
            line = json.dumps(e, ensure_ascii=False) + "\n"
            chars += len(line)
            out.write(line)
    elif fmt == "json":
        text = json.dumps({"events": evs}, ensure_ascii=False, indent=2) + "\n"
        chars += len(text)
        out.write(text)
    elif fmt == "summary":
        from ..export import summary_line

        for e in evs:
            out.write(summary_line(e) + "\n")
    elif fmt in ("acled-csv", "csv"):
        from ..export import export_acled_csv

        export_acled_csv(store.event_documents(evs), out, include).report(sys.stderr)
    elif fmt == "geojson":
        from ..export import geojson

        text = json.dumps(geojson(store.event_documents(evs)), ensure_ascii=False, indent=1) + "\n"
        chars += len(text)
        out.write(text)
    elif fmt == "plover":
        from ..export import plover_records

        for rec in plover_records(store.event_documents(evs)):
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            chars += len(line)
            out.write(line)
    return chars


@click.command()
@click.argument("admin1")
@DB_OPTION
@click.option("--until", help="Last day of the day-by-day table (default: the latest event in the store).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def timeline(admin1: str, db: str, until: str | None, fmt: str) -> None:
    """Who is said to control province ADMIN1 (e.g. AF-PAN), from when, and whether it is contested."""
    store = _open_store(db)
    tl = store.timeline(admin1, until=_date(until, "--until"))
    store.close()
    if fmt == "json":
        click.echo(json.dumps(tl, ensure_ascii=False, indent=2))
        return
    if not tl["periods"]:
        click.echo(f"{tl['admin1']}: no territorial event with a known controller in the store")
        return
    for line in tl["summary"]:
        click.echo(line)
    for ch in tl["changes"]:
        who = ch["controller"]["name"]
        extra = f"; disputed by {', '.join(ch['disputed_by'])}" if ch["disputed_by"] else ""
        click.echo(f"  {ch['date']}  {who}  [{ch['status']}] {ch['type']} (event {ch['event_id']}{extra})")
