"""`sitroom serve`: the web map over a store, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import click

from sitroom.cli.ingest import existing_db_option


@click.command()
@existing_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind. Anything but 127.0.0.1/localhost exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--tiles", default=None, metavar="URL",
              help="XYZ tile server for an online base map, e.g. https://tile.example/{z}/{x}/{y}.png. "
                   "Default: the bundled offline country outlines.")
def serve(db, host, port, tiles):
    """Serve the map, timeline, incident panels and article views of DB.

    The API (/api/incidents, /api/incidents/{id}, /api/articles/{id},
    /api/stats) is documented at /docs. The server only reads the store.
    """
    import uvicorn

    from sitroom.web import create_app

    if tiles and not tiles.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL with {z}/{x}/{y}", param_hint="--tiles")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: binding {host}: the store is readable by anyone who reaches it", err=True)
    click.echo(f"sitroom: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(db, tiles=tiles), host=host, port=port, log_level="warning")


def register(cli) -> None:
    cli.add_command(serve)
