"""`crisislens gazetteer build|info`: make and inspect local gazetteer indexes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

gazetteer_app = typer.Typer(no_args_is_help=True, help="Build or inspect the offline GeoNames gazetteer.")
_err = Console(stderr=True)


@gazetteer_app.command("build")
def build(
    paths: Annotated[list[Path], typer.Argument(help="GeoNames dump files: SY.txt or allCountries.txt, "
                                                     "admin1CodesASCII.txt, optional admin2Codes.txt "
                                                     "and alternateNamesV2.txt")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="index file to write (default: the cache's)")] = None,
    base: Annotated[bool, typer.Option(help="include the default towns and regions under the dump's")] = True,
) -> None:
    """Build an index: from the dumps given, or the default one from installed packages if none."""
    from crisislens.geo.build import build_default, build_from_dumps
    from crisislens.geo.gazetteer import default_path

    missing = [p for p in paths or [] if not p.is_file()]
    if missing:
        _err.print(f"[red]error:[/] no such file: {missing[0]}")
        raise typer.Exit(2)
    target = output or (default_path().with_name("gazetteer-dumps.sqlite") if paths else default_path())
    started = time.perf_counter()
    if paths:
        build_from_dumps(list(paths), target, include_base=base)
    else:
        build_default(target)
    _err.print(f"built {target} in {time.perf_counter() - started:.1f} s; "
               f"use it with `crisislens extract ... --gazetteer {target}`")


@gazetteer_app.command("info")
def info(path: Annotated[Path | None, typer.Argument(help="index file (default: the cache's)")] = None,
         name: Annotated[str | None, typer.Option(help="a place name to look up")] = None) -> None:
    """How many places an index holds, how fast it opens, and what a name resolves to."""
    from crisislens.geo import Gazetteer, GazetteerMissing

    started = time.perf_counter()
    try:
        gazetteer = Gazetteer.open(path)
    except GazetteerMissing as exc:
        _err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    ready = time.perf_counter() - started
    typer.echo(f"{gazetteer.path}: {gazetteer.count()} places from {gazetteer.source}; ready in {ready:.2f} s")
    for cand in gazetteer.lookup(name) if name else ():
        typer.echo(f"  {cand.name} ({cand.kind}, {cand.cc}, {cand.admin1}) {cand.lat:.4f},{cand.lon:.4f} "
                   f"pop {cand.population} [{cand.match}]")
