"""`sitroom batch`: JSONL/Parquet shards in, one Parquet table per object kind out."""
from __future__ import annotations

import sys

import click

from sitroom.cli.options import published_option


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output directory: OUT/<table>/part-NNNNN.parquet for articles, "
                   "places, dates, figures, claims, events and framing.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes on this machine; ray: Ray Data "
                   "(pip install 'sitroom[ray]').")
@click.option("--workers", type=click.IntRange(1, 4096), default=None,
              help="local: worker processes (default 1); ray: extractor actors "
                   "(default: one per CPU of the cluster).")
@click.option("--address", default=None,
              help="ray: the cluster to join ('auto', or ray://host:10001); "
                   "default starts a local Ray instance.")
@published_option
def batch(inputs, out_dir, engine, workers, address, published):
    """Read INPUTS (.jsonl/.ndjson or .parquet shards, or directories of them)
    and write Parquet tables with the output contract's columns, each object
    row carrying its article_id.

    Every input row yields an `articles` row: one that cannot be read has
    status `error` and a warning saying why. Exit status: 0 when every
    article was read, 1 when some have status `error`, 2 on a usage error.
    """
    from sitroom.scale.shards import InputError

    if address and engine != "ray":
        raise click.UsageError("--address only applies to --engine ray")
    try:
        if engine == "ray":
            try:
                import ray  # noqa: F401
            except ImportError:
                raise click.UsageError("--engine ray needs Ray: pip install 'sitroom[ray]'") from None
            from sitroom.scale.ray_engine import run_ray

            counts = run_ray(list(inputs), out_dir, workers=workers, published=published, address=address)
            errors = _count_errors(out_dir)
            articles = counts["articles"]
        else:
            from sitroom.scale.local import run_local

            stats = run_local(list(inputs), out_dir, workers=workers or 1, published=published)
            errors, articles = stats.error, stats.articles
    except InputError as e:
        raise click.UsageError(str(e)) from None
    click.echo(f"{articles} articles, {errors} with errors -> {out_dir}", err=True)
    sys.exit(1 if errors else 0)


def _count_errors(out_dir) -> int:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    t = ds.dataset(f"{out_dir}/articles", format="parquet").to_table(columns=["status"])
    return int(pc.sum(pc.equal(t.column("status"), "error")).as_py() or 0)


def register(cli) -> None:
    cli.add_command(batch)
