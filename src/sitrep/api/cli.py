"""`sitrep serve`: the HTTP API and the map page over a store (a thin shell over `create_app`)."""

from __future__ import annotations

import click

from ..store.cli import DB_OPTION, _open_store
from .app import LOOPBACK_HOSTS, create_app


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A Host header value to answer (repeatable; '*' for any). Default: env SITREP_ALLOWED_HOSTS, "
    "else the loopback names and --host. Others get 400 (DNS rebinding).",
)
def serve(db: str, host: str, port: int, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the HTTP API (/api, OpenAPI docs at /docs) and the map page (/)."""
    import os

    import uvicorn

    _open_store(db).close()
    hosts = serve_hosts(host, allowed_hosts, os.environ.get("SITREP_ALLOWED_HOSTS"))
    click.echo(f"sitrep: serving {db} on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(db, allowed_hosts=hosts), host=host, port=port, log_level="info")


def serve_hosts(host: str, allowed: tuple[str, ...] | list[str], env: str | None) -> list[str] | None:
    """The Host header values `serve` answers: --allowed-host if given; else None (create_app reads env
    SITREP_ALLOWED_HOSTS) when that is set; else the loopback names and the --host bound to (unless it
    is a wildcard address)."""
    if allowed:
        return list(allowed)
    if env:
        return None
    return LOOPBACK_HOSTS + ([host] if host not in LOOPBACK_HOSTS and host not in ("0.0.0.0", "::") else [])
