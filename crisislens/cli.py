"""The `crisislens` command: extract · ingest · watch · serve · export · gazetteer."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # rich's progress bar and table are imported by the commands that draw them
    from rich.progress import Progress

from crisislens.cli_store import register as register_store_commands
from crisislens.geo.cli import gazetteer_app

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news about armed conflict and crises into sourced, geocoded events.")
err = Console(stderr=True)
app.add_typer(gazetteer_app, name="gazetteer")
register_store_commands(app)  # ingest · export · serve · watch


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log what each stage decides")] = False):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=False, disable=not err.is_terminal)
    with progress:
        yield progress


@contextmanager
def _open_output(target: str):
    if target == "-":
        yield sys.stdout
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yield handle


def one_blas_thread() -> None:
    """Start OpenBLAS with one thread, as the parse uses it (crisislens/nlp_speed.py).

    OpenBLAS starts a thread per core when numpy is imported: ~0.1 s of CPU per process for
    threads the parse never uses. Must run before numpy's first import (the workers of
    --processes inherit it); a value the user set is kept."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@app.command()
def extract(
    input: Annotated[str, typer.Argument(help="JSON Lines file, .txt/.html file, folder, or - for stdin")],
    output: Annotated[str, typer.Option("--output", "-o", help="JSON Lines output, or - for stdout")] = "-",
    processes: Annotated[int, typer.Option("--processes", "-p", min=1, help="worker processes")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="articles per parse batch")] = 64,
    gazetteer: Annotated[Path | None, typer.Option(help="a gazetteer built by `gazetteer build`")] = None,
    summary: Annotated[bool, typer.Option(help="print a table of what was found")] = False,
    gate: Annotated[bool, typer.Option(help="skip articles with no conflict or crisis words before the parse")] = False,
) -> None:
    """Extract events, actors, places, figures and quotes: one contract document per article."""
    one_blas_thread()
    from crisislens.ingest import read_inputs
    from crisislens.nlp import ModelMissing
    from crisislens.pipeline import Pipeline, run_parallel_json
    from crisislens.resources import Settings

    if input != "-" and not Path(input).exists():
        err.print(f"[red]error:[/] no such file or folder: {input}")
        raise typer.Exit(2)
    settings = Settings(batch_size=batch_size, gazetteer_path=gazetteer, relevance_gate=gate)
    articles = list(read_inputs(input, settings.max_chars))
    rows: list[dict] = []
    skipped = 0
    try:
        with _open_output(output) as out, _progress("extracting") as progress:
            task = progress.add_task("extract", total=len(articles))
            if processes > 1:  # the workers serialise: the parent only writes lines
                lines = run_parallel_json(articles, settings, processes,
                                          on_batch=lambda n: progress.advance(task, n))
            else:
                pipeline = Pipeline(settings)
                lines = (_advance(progress, task, (json.dumps(doc.to_dict(), ensure_ascii=False), doc.skipped))
                         for doc in pipeline.run(articles))
            for line, was_skipped in lines:
                out.write(line + "\n")
                skipped += was_skipped
                if summary:
                    rows.append(json.loads(line))
    except ModelMissing as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    if gate:
        err.print(f"relevance gate: skipped {skipped} of {len(articles)} articles")
    if summary:
        _print_summary(rows, [a.title for a in articles])


def _advance(progress: Progress, task, record):
    progress.advance(task)
    return record


def _print_summary(records: list[dict], titles: list[str | None]) -> None:
    from rich.table import Table

    console = Console()
    table = Table(title=f"crisislens: {len(records)} articles", show_lines=False)
    for column in ("article", "events", "main event", "where", "when", "killed", "figures", "quotes"):
        table.add_column(column, overflow="fold")
    for record, title in zip(records, titles, strict=False):
        events = record.get("events") or []
        main = max(events, key=lambda e: e.get("confidence") or 0, default=None)
        where = ((main or {}).get("location") or {})
        table.add_row(
            (title or record["id"])[:48],
            str(len(events)),
            f"{main['event_type']} / {main['sub_event_type']}" if main else (record.get("error") or "-"),
            ", ".join(x for x in (where.get("name"), where.get("country_code")) if x) or "-",
            (main or {}).get("date") or "-",
            "-" if not main or main.get("fatalities") is None else str(main["fatalities"]),
            str(len(record.get("quantities") or [])),
            str(len(record.get("quotes") or [])),
        )
    console.print(table)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
