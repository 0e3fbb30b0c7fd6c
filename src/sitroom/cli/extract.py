"""`sitroom extract`: read articles, print their contract JSON."""
from __future__ import annotations

import sys
from itertools import chain

import click

from sitroom.cli.options import published_option


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one document (pretty); jsonl: one line per article. "
                   "Default: json for a single article, jsonl otherwise.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of stdout (written atomically).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes; output stays in input order.")
@click.option("--quiet", is_flag=True, help="Do not print warnings to stderr.")
def extract(inputs, published, fmt, output, workers, quiet):
    """Read INPUTS and print their reading as the output contract defines.

    INPUTS are .txt, .html/.htm, .json, .jsonl files, directories (recursive),
    http(s) URLs, RSS/Atom feeds (URL or file), or - for standard input.

    Exit status: 0 when every article was processed, 1 when some produced an
    error warning, 2 on a usage error.
    """
    from sitroom.ingest import Options, iter_articles
    from sitroom.output import atomic_output, dumps
    from sitroom.runner import read_parallel

    articles = read_parallel(iter_articles(list(inputs), Options(published=published)), workers)
    first = next(articles, None)
    second = next(articles, None) if first is not None else None
    if fmt is None:
        fmt = "json" if second is None and not _batch_input(inputs) else "jsonl"
    errors = 0
    with atomic_output(output) as out:
        for a in chain([x for x in (first, second) if x is not None], articles):
            if a.has_error:
                errors += 1
            if not quiet:
                for w in a.warnings:
                    if w["level"] != "info":
                        click.echo(f"{w['level']}: {a.id}: {w['message']}", err=True)
            if fmt == "json":
                out.write(dumps(a.to_dict(), pretty=True) + "\n")
            else:
                out.write(dumps(a.to_dict()) + "\n")
    sys.exit(1 if errors else 0)


def _batch_input(inputs) -> bool:
    """Inputs that stand for a collection are written as JSONL even when they hold one."""
    from pathlib import Path

    for i in inputs:
        p = Path(i)
        if p.is_dir() or p.suffix.lower() in (".jsonl", ".ndjson", ".rss", ".atom", ".xml"):
            return True
    return len(inputs) > 1


def register(cli) -> None:
    cli.add_command(extract)
