"""The database commands of `crisislens`: ingest · export · serve · watch.

Registered on the main typer app by `register(app)` in crisislens/cli.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # imported by the commands that draw a bar, not by every `crisislens` start
    from rich.progress import Progress

err = Console(stderr=True)
DEFAULT_DB = "crisislens.duckdb"
DbOption = Annotated[str, typer.Option("--db", help="DuckDB file, or a postgresql:// URL")]


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[status]}"), console=err, disable=not err.is_terminal)
    with progress:
        yield progress


def _open_store(db: str, read_only: bool = False):
    from crisislens.store import Store

    if not db.startswith(("postgresql://", "postgres://")):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    try:
        return Store.open(db, read_only=read_only)
    except Exception as exc:  # a locked file, an unreachable server: say so in a user's words
        err.print(f"[red]error:[/] cannot open the database {_redact(db)}: {exc}")
        raise typer.Exit(2) from exc


def _redact(db: str) -> str:
    """A database URL without its password, for messages."""
    if "://" in db and "@" in db:
        scheme, rest = db.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return db


def _pipeline(gazetteer: Path | None, batch_size: int, engine: str = "local", processes: int = 1,
              address: str | None = None, gate: bool = False):
    from crisislens.nlp import ModelMissing
    from crisislens.resources import Settings
    from crisislens.scale.engines import make_engine

    settings = Settings(batch_size=batch_size, gazetteer_path=gazetteer, relevance_gate=gate)
    try:
        return make_engine(engine, settings, processes, address)
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    except ModelMissing as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


AllowPrivate = Annotated[bool, typer.Option("--allow-private",
                                           help="let URLs reach this machine or the local network")]


def _is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _url_article(url: str, policy):
    """The article at a URL, fetched under `policy`; an Article with `error` when it cannot be."""
    from crisislens.feeds import page_article
    from crisislens.ingest.article import Article
    from crisislens.ingest.fetch import FetchError, fetch

    try:
        page = fetch(url, policy)
    except FetchError as exc:
        return Article(id=url, text="", url=url, error=str(exc))
    return page_article({"url": page.url}, page.text())


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines files, .txt/.html files, folders or http(s) URLs")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(min=1, help="articles per parse batch")] = 32,
    gazetteer: Annotated[Path | None, typer.Option(help="a gazetteer built by `gazetteer build`")] = None,
    engine: Annotated[str, typer.Option(help="local (this machine) or ray (a Ray cluster)")] = "local",
    processes: Annotated[int, typer.Option("--processes", "-p", min=1, help="local processes or Ray workers")] = 1,
    address: Annotated[str | None, typer.Option(help="Ray cluster address, e.g. ray://head:10001")] = None,
    gate: Annotated[bool, typer.Option(help="skip articles with no conflict or crisis words before the parse")] = False,
    allow_private: AllowPrivate = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="seconds before a URL fetch is abandoned")] = 20.0,
    max_bytes: Annotated[int, typer.Option(min=1, help="largest page fetched from a URL, in bytes")] = 5_000_000,
) -> None:
    """Extract articles and store them with their events; articles already stored are skipped."""
    from crisislens.ingest import read_inputs
    from crisislens.ingest.fetch import FetchPolicy

    for target in inputs:
        if target != "-" and not _is_url(target) and not Path(target).exists():
            err.print(f"[red]error:[/] no such file or folder: {target}")
            raise typer.Exit(2)
    policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
    articles = [a for target in inputs
                for a in ([_url_article(target, policy)] if _is_url(target) else read_inputs(target))]
    store = _open_store(db)
    pipeline = _pipeline(gazetteer, batch_size, engine, processes, address, gate)
    with store, _progress("ingesting") as progress:
        task = progress.add_task("ingest", total=len(articles), status="")
        counts: dict[str, int] = {}

        def step(status: str) -> None:
            counts[status] = counts.get(status, 0) + 1
            progress.update(task, advance=1, status=" ".join(f"{k} {v}" for k, v in sorted(counts.items())))

        report = store.ingest(articles, pipeline, on_article=step)
        incidents = store.rebuild_incidents()
        total_events = store.count("events")
    err.print(f"{report.inserted} new, {report.updated} updated, {report.skipped} already stored, "
              f"{report.failed} unreadable; {total_events} events in {incidents} incidents in {_redact(db)}")


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, parquet or jsonl")] = "acled-csv",
    output: Annotated[str, typer.Option("--output", "-o", help="file, or - for stdout")] = "-",
    db: DbOption = DEFAULT_DB,
    bbox: Annotated[str | None, typer.Option(help="minlon,minlat,maxlon,maxlat")] = None,
    date_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, typer.Option(help="event type or sub-event type")] = None,
    actor: Annotated[str | None, typer.Option(help="text in an actor's name")] = None,
    country: Annotated[str | None, typer.Option(help="ISO2, ISO3 or name")] = None,
    q: Annotated[str | None, typer.Option(help="text in the article")] = None,
) -> None:
    """Write stored events as ACLED CSV, GeoJSON, Parquet or JSON Lines, with the API's filters."""
    from crisislens.export import FORMATS
    from crisislens.export import export as run_export
    from crisislens.store import Filters

    if format not in FORMATS:
        err.print(f"[red]error:[/] unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    box = None
    if bbox:
        try:
            box = tuple(float(x) for x in bbox.split(","))
            assert len(box) == 4
        except (ValueError, AssertionError) as exc:
            err.print("[red]error:[/] --bbox must be minlon,minlat,maxlon,maxlat")
            raise typer.Exit(2) from exc
    filters = Filters(bbox=box, date_from=date_from, date_to=date_to, event_type=event_type, actor=actor,
                      country=country, q=q)
    with _open_store(db, read_only=True) as store:
        try:
            n = run_export(store, format, filters, output)
        except ValueError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
    err.print(f"{n} events written to {output if output != '-' else 'stdout'}")


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    token: Annotated[str | None, typer.Option(help="bearer token for writes (default: $CRISISLENS_API_TOKEN)")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(help="allow this origin (CORS); repeatable")] = None,
    max_body: Annotated[int, typer.Option(help="largest request body in bytes")] = 2_000_000,
    workers: Annotated[int, typer.Option(min=1, help="server processes; more than one needs a read-only DuckDB "
                                                     "file (no token) or PostgreSQL")] = 1,
    db_threads: Annotated[int, typer.Option(min=0, help="DuckDB threads per query (0: one per core); 1 runs many "
                                                        "small API queries at once with the least CPU each")] = 1,
) -> None:
    """Serve the REST API and the dashboard."""
    import json
    import os

    import uvicorn

    from crisislens.api import SERVE_ENV, ApiConfig, create_app

    is_pg = db.startswith(("postgresql://", "postgres://"))
    if not is_pg and not Path(db).exists():
        err.print(f"[yellow]note:[/] {db} does not exist yet; serving an empty database")
    config = ApiConfig.from_env(db=db, token=token, cors_origins=list(cors_origin or []), max_body=max_body,
                                db_threads=db_threads or None)
    if workers > 1 and config.token and not is_pg:
        err.print("[red]error:[/] --workers above 1 serves a DuckDB file read-only: give no token "
                  "(one process alone may write to a DuckDB file)")
        raise typer.Exit(2)
    app = create_app(config)  # also migrates or creates the database before any worker opens it
    err.print(f"crisislens dashboard: http://{host}:{port}/  (API docs at /docs; writes "
              f"{'enabled with a token' if config.token else 'disabled: no token'}"
              f"{f'; {workers} worker processes' if workers > 1 else ''})")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    app.state.store.close()
    os.environ[SERVE_ENV] = json.dumps({"db": db, "cors_origins": config.cors_origins, "max_body": max_body,
                                        "db_threads": db_threads or None})
    if config.token:
        os.environ["CRISISLENS_API_TOKEN"] = config.token
    uvicorn.run("crisislens.api:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning", access_log=False)


def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs")],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[float, typer.Option(min=1.0, help="seconds between polls")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="poll once and exit")] = False,
    timeout: Annotated[float, typer.Option(help="seconds before a fetch is abandoned")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="largest feed or page in bytes")] = 5_000_000,
    allow_private: AllowPrivate = False,
) -> None:
    """Poll feeds, fetch new articles, extract and store them; repeat every --interval seconds."""
    from crisislens.feeds import poll

    store = _open_store(db)
    pipeline = _pipeline(None, 32)
    with store:
        while True:
            report = poll(feeds, store, pipeline, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
            err.print(f"{time.strftime('%H:%M:%S')} {report.entries} entries, {report.known} already stored, "
                      f"{report.fetched} fetched, {report.stored.get('inserted', 0)} new, {report.failed} failed")
            if once:
                return
            time.sleep(interval)


def register(app: typer.Typer) -> None:
    """Add the database commands to the `crisislens` app."""
    for command in (ingest, export, serve, watch):
        app.command()(command)
