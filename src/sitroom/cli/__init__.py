"""The `sitroom` command: one click group, one module per subcommand."""
from __future__ import annotations

import importlib
import logging
import pkgutil

import click

from sitroom import __version__

# Each subcommand is a module of this package with a `register(cli)`
# function; modules keep heavy imports (spaCy, DuckDB, FastAPI) inside the
# command so that `sitroom --help` stays fast.
COMMANDS = sorted(
    m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_") and m.name != "options"
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitroom")
@click.option("-v", "--verbose", count=True, help="More log output (repeat for debug).")
def cli(verbose: int) -> None:
    """sitroom: conflict news in, sourced, geolocated, cross-checked event records out.

    Typical use: `sitroom extract ARTICLE.txt --published 2024-08-15` prints the
    reading of one article as JSON (see docs/contract.md).
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


for _name in COMMANDS:
    importlib.import_module(f"sitroom.cli.{_name}").register(cli)


def main() -> None:
    cli(prog_name="sitroom")
