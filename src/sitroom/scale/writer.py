"""Writing the per-kind Parquet tables of a batch: OUT_DIR/<table>/part-NNNNN.parquet.

File names are deterministic (a counter, never a uuid or a clock), every
table directory gets at least one file (an empty table still has its
schema), and a part file appears under its final name only once complete.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sitroom.scale.tables import SCHEMAS, TABLES, explode

# A new part file every this many articles, so that one file never grows
# without bound and a reader can start on the first parts early.
ARTICLES_PER_FILE = 100_000


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def clear_outputs(out_dir: Path) -> None:
    """Remove the part files a previous run left, so that no stale part survives."""
    for table in TABLES:
        d = out_dir / table
        if d.is_dir():
            for f in d.glob("part-*.parquet"):
                f.unlink()


def ensure_schemas(out_dir: Path) -> None:
    """Give every table directory with no part file an empty, typed one."""
    for table in TABLES:
        d = out_dir / table
        d.mkdir(parents=True, exist_ok=True)
        if not any(d.glob("*.parquet")):
            pq.write_table(SCHEMAS[table].empty_table(), d / part_name(0))


class TableWriter:
    """Streams readings tables into one Parquet writer per table kind."""

    def __init__(self, out_dir: str | Path, articles_per_file: int = ARTICLES_PER_FILE):
        self.out_dir = Path(out_dir)
        self.articles_per_file = articles_per_file
        self.part = 0
        self.in_part = 0
        self.writers: dict[str, tuple[pq.ParquetWriter, Path, Path]] = {}

    def _open(self) -> None:
        for table in TABLES:
            d = self.out_dir / table
            d.mkdir(parents=True, exist_ok=True)
            final = d / part_name(self.part)
            tmp = d / f".{final.name}.tmp"
            self.writers[table] = (pq.ParquetWriter(tmp, SCHEMAS[table]), tmp, final)

    def _close(self) -> None:
        for writer, tmp, final in self.writers.values():
            writer.close()
            os.replace(tmp, final)
        self.writers = {}

    def write(self, readings: pa.Table) -> None:
        if readings.num_rows == 0:
            return
        if not self.writers:
            self._open()
        for table in TABLES:
            self.writers[table][0].write_table(explode(readings, table))
        self.in_part += readings.num_rows
        if self.in_part >= self.articles_per_file:
            self._close()
            self.part += 1
            self.in_part = 0

    def close(self) -> None:
        if self.writers:
            self._close()
        ensure_schemas(self.out_dir)

    def abort(self) -> None:
        for writer, tmp, _ in self.writers.values():
            writer.close()
            tmp.unlink(missing_ok=True)
        self.writers = {}
