"""Options shared by several subcommands."""
from __future__ import annotations

from datetime import date

import click


def _check_day(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


published_option = click.option(
    "--published", callback=_check_day, metavar="YYYY-MM-DD", default=None,
    help="Publication date for articles that carry none; anchors relative dates.",
)
