"""`sitroom export`: the store's incidents as ACLED CSV, GeoJSON, Parquet or JSONL."""
from __future__ import annotations

import click

from sitroom.cli.events import filter_options, make_filters
from sitroom.cli.ingest import existing_db_option


@click.command("export")
@existing_db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "parquet", "jsonl"]),
              required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically), or - for stdout.")
def export(db, fmt, output, **kw):
    """Export incidents (with the same filters as `sitroom events`)."""
    from sitroom.export import write
    from sitroom.store import Store

    with Store(db, read_only=True) as store:
        n = write(store, make_filters(kw), fmt, output)
    if output != "-":
        click.echo(f"{n} incidents written to {output}", err=True)


def register(cli) -> None:
    cli.add_command(export)
