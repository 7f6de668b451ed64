"""`sitrep watch`: a thin shell over `sitrep.monitor.watch.Watcher`."""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from datetime import UTC, datetime
from types import FrameType

import click

from ..store.cli import DB_OPTION, _open_store

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(value: str) -> float:
    """"15m", "90s", "1h30m", "2d" or plain seconds ("900") -> seconds; ValueError otherwise."""
    s = value.strip().replace(" ", "")
    if not s or _DURATION.sub("", s):
        raise ValueError(f"{value!r} is not a duration such as 30s, 15m, 1h or 1h30m")
    total = sum(float(n) * _UNIT[u.lower()] for n, u in _DURATION.findall(s))
    if total <= 0:
        raise ValueError(f"{value!r}: a duration must be more than 0")
    return total


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _log(message: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    click.echo(f"{stamp} sitrep watch: {message}", err=True)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option("--create", is_flag=True, help="Create the SQLite store if it does not exist.")
@click.option("--interval", default="15m", show_default=True, callback=_duration,
              help="Time between passes (30s, 15m, 1h, ...).")
@click.option("--once", is_flag=True, help="One pass, then exit (for cron or a systemd timer).")
@click.option("--timeout", default="20s", show_default=True, callback=_duration, help="Per request.")
@click.option("--retry-after", "retry_after", default="1m", show_default=True, callback=_duration,
              help="First wait after a failed fetch; doubles with each failure in a row (up to 6h).")
@click.option("--host-delay", default="1s", show_default=True, help="Least time between two requests to one host.")
@click.option("--alert-url", "alert_urls", multiple=True, help="Webhook to POST new or changed events to (repeatable).")
@click.option("--alert-country", "alert_countries", multiple=True, help="Alert only on events in this ISO country (AF).")
@click.option("--alert-type", "alert_types", multiple=True,
              help="Alert only on this ACLED event type or sub-event type, or PLOVER event.")
@click.option("--alert-status", "alert_statuses", multiple=True,
              type=click.Choice(["reported", "claimed", "contested", "denied", "hypothetical"]),
              help="Alert only on events with this status.")
@click.option("--any-language", is_flag=True, help="Store articles that look not English too (default: skip them).")
def watch(sources: tuple[str, ...], db: str, create: bool, interval: float, once: bool, timeout: float,
          retry_after: float, host_delay: str, alert_urls: tuple[str, ...], alert_countries: tuple[str, ...],
          alert_types: tuple[str, ...], alert_statuses: tuple[str, ...], any_language: bool) -> None:
    """Follow SOURCE... (RSS/Atom feed URLs, page URLs, folders, or files listing them, one a line) and
    store the events of new and changed articles in the database, pass after pass.

    Each pass uses conditional requests, fetches the articles feeds link to, skips what it has seen (by
    link, by content, and near-duplicate wire copies), retries failures later with back-off, and logs one
    line. Runs until stopped (SIGTERM or Ctrl-C: the article being stored is finished first), or one
    pass with --once. Exit status 1 when --once saw failures.
    """
    from .alerts import AlertFilter
    from .watch import Settings, Watcher

    try:
        delay = 0.0 if host_delay.strip() in ("0", "0s") else parse_duration(host_delay)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--host-delay") from None
    for url in alert_urls:
        if not url.lower().startswith(("http://", "https://")):
            raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--alert-url")
    if "://" not in db and not os.path.exists(db) and not create:
        click.echo(f"sitrep: --db {db}: no such database (pass --create to make one)", err=True)
        sys.exit(2)
    store = _open_store(db, create=True)
    settings = Settings(
        interval=interval, timeout=timeout, retry_base=retry_after, host_delay=delay, alert_urls=alert_urls,
        alert_filter=AlertFilter(alert_countries, alert_types, alert_statuses), check_language=not any_language,
    )
    stop = threading.Event()
    got: list[str] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        got.append(signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    watcher = Watcher(store, sources, settings, log=_log, stop=stop)
    what = f"; alerts to {len(alert_urls)} webhook(s) on {settings.alert_filter.describe()}" if alert_urls else ""
    _log(f"watching {len(sources)} source(s) into {db}, every {interval:g}s{what}" if not once
         else f"one pass over {len(sources)} source(s) into {db}{what}")
    failed = False
    try:
        while not stop.is_set():
            rep = watcher.run_pass()
            _log(rep.line())
            failed = bool(rep.failed)
            if once:
                break
            stop.wait(interval)
    finally:
        store.close()
    if got:
        _log(f"stopped by {got[0]} after {watcher.passes} pass(es)")
    if once and failed:
        sys.exit(1)
