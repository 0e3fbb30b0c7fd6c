"""`sitroom events`: list the store's incidents, filtered, as a table, JSON or CSV."""
from __future__ import annotations

import click

from sitroom.cli.ingest import existing_db_option


def _day(ctx, param, value):
    from sitroom.cli.options import _check_day

    return _check_day(ctx, param, value)


def _bbox(ctx, param, value):
    if value is None:
        return None
    from sitroom.store.filters import parse_bbox

    try:
        return parse_bbox(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def filter_options(fn=None, *, full: bool = True):
    """The incident filters shared by events, export and report (report takes the first four)."""
    def decorate(f):
        opts = [
            click.option("--since", callback=_day, metavar="YYYY-MM-DD", help="Events on or after this day."),
            click.option("--until", callback=_day, metavar="YYYY-MM-DD", help="Events on or before this day."),
            click.option("--country", help="ISO 3166 alpha-2 code or country name."),
            click.option("--admin1", help="First-level region (oblast, province)."),
        ]
        if full:
            opts += [
                click.option("--type", "type_", help="Disorder type, event type or sub-event type (ACLED names)."),
                click.option("--actor", help="Part of an actor's name, or an actor's ISO2 country."),
                click.option("--min-sources", type=click.IntRange(1), help="At least this many independent sources."),
                click.option("--corroboration", type=click.Choice(["single_source", "corroborated", "contested"])),
                click.option("--bbox", callback=_bbox, metavar="MINLON,MINLAT,MAXLON,MAXLAT",
                             help="Only incidents inside this box."),
                click.option("-q", "--query", "q", help="Text in the notes or evidence."),
            ]
        for o in reversed(opts):
            f = o(f)
        return f
    return decorate(fn) if fn is not None else decorate


def make_filters(kw: dict, **extra):
    from sitroom.store import Filters

    m = {("type" if k == "type_" else k): v for k, v in kw.items()}
    return Filters.from_mapping({**m, **extra})


@click.command()
@existing_db_option
@filter_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many incidents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events(db, limit, fmt, **kw):
    """List the incidents of the store (after `sitroom ingest`), oldest first."""
    import sys

    from sitroom.store import Store

    filters = make_filters(kw, limit=limit)
    with Store(db, read_only=True) as store:
        incidents = store.incidents(filters)
    if fmt == "json":
        from sitroom.output import dumps

        click.echo(dumps(incidents, pretty=True))
    elif fmt == "csv":
        from sitroom.export.writers import acled_csv

        acled_csv(incidents, sys.stdout)
    else:
        _table(incidents)


def _table(incidents: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"{len(incidents)} incidents", show_lines=False)
    for col in ("date", "type", "where", "actors", "fat.", "src", "corroboration", "notes"):
        t.add_column(col, overflow="fold")
    for i in incidents:
        where = ", ".join(x for x in (i["location"], i["admin1"], i["country"]) if x)
        actors = " vs ".join(x for x in (i["actor1"], i["actor2"]) if x)
        fat = "" if i["fatalities"] is None else str(i["fatalities"])
        if i["fatalities_high"] is not None and i["fatalities_high"] != i["fatalities"]:
            fat += f" ({i['fatalities_low']}-{i['fatalities_high']})"
        cells = (i["event_date"] or "", i["sub_event_type"] or i["event_type"] or "", where, actors, fat,
                 f"{i['num_sources']}/{i['num_articles']}", i["corroboration"], (i["notes"] or "")[:80])
        # Text cells: article strings are shown as written, never read as rich markup.
        t.add_row(*(Text(c) for c in cells))
    console = Console()
    if not console.is_terminal:  # piped: no terminal width to fit, so do not squeeze to 80
        console = Console(width=160)
    console.print(t)


def register(cli) -> None:
    cli.add_command(events)
