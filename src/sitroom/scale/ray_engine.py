"""The Ray batch engine: the same tables as the local engine, across a cluster.

Ray Data reads the shards (JSONL as lines, Parquet as rows), a pool of
stateful `Extractor` actors, each holding one loaded spaCy pipeline, turns
batches into readings tables, and every table kind is written as Parquet.
Lines and rows become Articles through the same functions as in the local
engine, and tables through the same `readings_table`/`explode`, so the two
engines write the same rows (tests check this, row for row).

Needs the optional extra: pip install 'sitroom[ray]'.
"""
from __future__ import annotations

import logging
from pathlib import Path

from sitroom.scale.tables import TABLES

log = logging.getLogger(__name__)

# Articles per actor call: one nlp.pipe batch; small enough that a batch's
# readings (with their texts) stay a few MB in the object store.
BATCH_SIZE = 32


class Extractor:
    """Loads the pipeline once per actor; maps a batch of inputs to readings."""

    def __init__(self, source: str, published: str | None = None):
        from sitroom.ingest.sources import Options
        from sitroom.nlp import get_nlp

        get_nlp()
        self.source = source
        self.opts = Options(published=published)

    def __call__(self, batch):
        from sitroom.ingest.records import FIELDS
        from sitroom.scale.chunks import read_chunk
        from sitroom.scale.shards import article_from_line, article_from_record
        from sitroom.scale.tables import readings_table

        if self.source == "jsonl":
            articles = [article_from_line(line, self.opts) for line in batch.column("text").to_pylist()]
        else:
            cols = [c for c in FIELDS if c in batch.column_names]
            articles = [article_from_record(r, self.opts) for r in batch.select(cols).to_pylist()]
        return readings_table(read_chunk(articles))


def explode_batch(batch, kind: str):
    from sitroom.scale.tables import explode

    return explode(batch, kind)


def _filenames():
    from ray.data.datasource import FilenameProvider

    class PartNames(FilenameProvider):
        # Deterministic: the write task's index, never the write's uuid.
        def get_filename_for_task(self, write_uuid, task_index):
            return f"part-{task_index:05d}.parquet"

    return PartNames()


def run_ray(inputs: list[str], out_dir: str | Path, workers: int | None = None,
            published: str | None = None, address: str | None = None,
            batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Run the batch on Ray; returns the number of rows written per table."""
    import ray
    import ray.data
    from ray.data import SaveMode

    from sitroom.scale.shards import expand
    from sitroom.scale.writer import clear_outputs, ensure_schemas

    jsonl, parquet = expand(inputs)
    out = Path(out_dir).resolve()
    clear_outputs(out)
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    cpus = float(ray.cluster_resources().get("CPU", 1))
    if workers is None:
        workers = max(1, int(cpus))
    # Ray Data lists input files in a task that asks for a whole CPU, and the
    # extractor actors start first: if they held every CPU the listing would
    # never be scheduled and the run would hang. Keep one CPU unreserved by
    # shrinking each actor's share (a reservation, not a limit on its use).
    actor_cpus = min(1.0, max(0.0, (cpus - 1) / workers))

    ctx = ray.data.DataContext.get_current()
    # Same order as the local engine, so the files are deterministic too.
    ctx.execution_options.preserve_order = True

    # Reading a shard is I/O next to parsing it: read tasks reserve no CPU.
    parts = []
    if jsonl:
        parts.append(("jsonl", ray.data.read_text([str(Path(p).resolve()) for p in jsonl], num_cpus=0)))
    if parquet:
        parts.append(("parquet", ray.data.read_parquet([str(Path(p).resolve()) for p in parquet],
                                                       num_cpus=0)))
    # One source at a time: each map_batches starts its own actor pool, and
    # two pools side by side would reserve twice the CPUs computed above.
    # A file is read as one block, and a block goes to one actor: cutting
    # blocks to a batch each lets the actors share even one large shard.
    # Materialised, so the parse runs once for the seven tables below.
    mapped = [
        ds.repartition(target_num_rows_per_block=batch_size).map_batches(
            Extractor, fn_constructor_kwargs={"source": source, "published": published},
            batch_size=batch_size, batch_format="pyarrow", concurrency=workers, num_cpus=actor_cpus,
        ).materialize()
        for source, ds in parts
    ]
    readings = mapped[0].union(*mapped[1:]) if len(mapped) > 1 else mapped[0]
    readings = readings.materialize()
    counts = {}
    for table in TABLES:
        ds = readings.map_batches(explode_batch, fn_kwargs={"kind": table}, batch_format="pyarrow")
        # OVERWRITE: names carry no write uuid, so a rerun replaces its files
        # (Ray appends "-<i>" per file a task writes).
        ds.write_parquet(str(out / table), filename_provider=_filenames(), mode=SaveMode.OVERWRITE)
        counts[table] = ds.count()
    ensure_schemas(out)
    return counts
