"""`sitroom ingest`: read inputs into the DuckDB store, one transaction per article."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sitroom.cli.options import published_option

db_option = click.option("--db", "db", default="sitroom.duckdb", show_default=True,
                         type=click.Path(dir_okay=False), help="The DuckDB store file.")


def _must_exist(ctx, param, value):
    # Readers open the store read-only; DuckDB's own error for a missing
    # file is a traceback, and fuse would quietly create an empty store.
    if value is not None and not Path(value).exists():
        raise click.BadParameter(f"{value} does not exist: run `sitroom ingest INPUT... --db {value}` first")
    return value


# For commands that read a store an ingest made.
existing_db_option = click.option("--db", "db", default="sitroom.duckdb", show_default=True,
                                  type=click.Path(dir_okay=False), callback=_must_exist,
                                  help="The DuckDB store file (made by `sitroom ingest`).")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@published_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for reading.")
@click.option("--force", is_flag=True, help="Read and store again even articles stored unchanged.")
@click.option("--no-fuse", is_flag=True, help="Do not update incidents after ingesting.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar (default: when stderr is a terminal).")
def ingest(inputs, db, published, workers, force, no_fuse, progress):
    """Read INPUTS (everything `sitroom extract` takes) into the store at --db.

    Idempotent: an article stored with the same id or the same normalised text
    is skipped; one whose text changed is replaced. Each article is committed
    on its own, so an interrupted run keeps what it stored and a rerun
    completes the rest. Exit status 1 when some inputs failed.
    """
    from rich.console import Console

    from sitroom.ingest import Options, iter_articles
    from sitroom.store import Store
    from sitroom.store.ingest import ingest as run_ingest

    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    with Store(db) as store:
        articles = iter_articles(list(inputs), Options(published=published))
        if show:
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                          TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                          console=console, transient=True) as bar:
                task = bar.add_task("ingesting", total=None)
                summary = run_ingest(store, articles, workers, force,
                                     on_article=lambda a, o: bar.update(task, advance=1, description=f"{o} {a.id}"))
        else:
            summary = run_ingest(store, articles, workers, force)
        fused = None
        if not no_fuse:
            from sitroom.fusion import fuse

            fused = fuse(store)
    console.print(f"articles read {summary.read}, new {summary.new}, replaced {summary.replaced}, "
                  f"skipped {summary.skipped}, failed {summary.failed}", highlight=False)
    for aid, reason in summary.failures:
        console.print(f"  failed {aid}: {reason}", highlight=False, markup=False)
    if fused is not None:
        console.print(f"incidents {fused['incidents']} ({fused['written']} written, "
                      f"{fused['removed']} removed)", highlight=False)
    sys.exit(1 if summary.failed else 0)


def register(cli) -> None:
    cli.add_command(ingest)
