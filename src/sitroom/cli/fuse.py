"""`sitroom fuse`: merge stored event records into cross-source incidents."""
from __future__ import annotations

import click

from sitroom.cli.ingest import existing_db_option


@click.command()
@existing_db_option
@click.option("--rebuild", is_flag=True, help="Drop all incidents and compute them again from scratch.")
def fuse(db, rebuild):
    """Update the incidents of the store (ingest does this too, unless --no-fuse).

    Incremental and rebuilt runs give the same incidents and ids.
    """
    from sitroom.fusion import fuse as run_fuse
    from sitroom.store import Store

    with Store(db) as store:
        r = run_fuse(store, rebuild=rebuild)
    if r["up_to_date"]:
        click.echo(f"incidents {r['incidents']} (up to date)", err=True)
    else:
        click.echo(f"incidents {r['incidents']} ({r['written']} written, {r['removed']} removed, "
                   f"{r['unchanged']} unchanged)", err=True)


def register(cli) -> None:
    cli.add_command(fuse)
