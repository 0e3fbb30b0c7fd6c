"""`sitroom report`: the situation report of the store, as Markdown or HTML."""
from __future__ import annotations

import click

from sitroom.cli.events import filter_options, make_filters
from sitroom.cli.ingest import existing_db_option


@click.command()
@existing_db_option
@filter_options(full=False)
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically); default stdout.")
def report(db, fmt, output, **kw):
    """Write the situation report: incidents per day and region with their
    corroboration, claims by side, conflicting figures; every line cites its articles."""
    from sitroom.output import atomic_output
    from sitroom.report import render
    from sitroom.store import Store

    with Store(db, read_only=True) as store:
        text = render(store, make_filters(kw), fmt)
    with atomic_output(output) as out:
        out.write(text)
    if output not in (None, "-"):
        click.echo(f"report written to {output}", err=True)


def register(cli) -> None:
    cli.add_command(report)
