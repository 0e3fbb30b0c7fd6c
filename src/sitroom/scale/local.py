"""The local batch engine: shards in, per-kind Parquet tables out, on one machine."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from sitroom.ingest.sources import Options
from sitroom.scale.shards import expand, iter_shard_articles
from sitroom.scale.tables import readings_table, status
from sitroom.scale.writer import TableWriter, clear_outputs

# Articles per readings table handed to the writer: one Parquet row group
# per table per flush, and the most results held in memory at once.
FLUSH_EVERY = 512


@dataclass
class BatchStats:
    articles: int = 0
    ok: int = 0
    error: int = 0
    skipped: int = 0

    def add(self, st: str) -> None:
        self.articles += 1
        setattr(self, st, getattr(self, st) + 1)


def run_local(inputs: list[str], out_dir: str | Path, workers: int = 1,
              published: str | None = None) -> BatchStats:
    from sitroom.runner import read_parallel

    jsonl, parquet = expand(inputs)
    out = Path(out_dir)
    clear_outputs(out)
    stats = BatchStats()
    writer = TableWriter(out)
    done = read_parallel(iter_shard_articles(jsonl, parquet, Options(published=published)), workers)
    try:
        while True:
            group = list(islice(done, FLUSH_EVERY))
            if not group:
                break
            table = readings_table(group)  # may mark an article failed: count after
            for a in group:
                stats.add(status(a))
            writer.write(table)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return stats
