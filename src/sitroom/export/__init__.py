"""Exports of the store's incidents: `write(store, filters, fmt, path_or_stream)`.

Formats: `acled-csv` (ACLED's 31 columns in order, then sitroom's), `geojson`
(a FeatureCollection for QGIS), `parquet` (typed columns for DuckDB/pandas)
and `jsonl` (one full incident per line, `detail` included).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from sitroom.export.acled import ACLED_COLUMNS, COLUMNS, row
from sitroom.output import publish

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
SUFFIX = {"acled-csv": ".csv", "geojson": ".geojson", "parquet": ".parquet", "jsonl": ".jsonl"}

__all__ = ["write", "FORMATS", "ACLED_COLUMNS", "COLUMNS", "row"]


def write(store, filters, fmt: str, path_or_stream) -> int:
    """Write the incidents matching `filters` as `fmt`; returns how many.

    `path_or_stream` is a path (written atomically), "-" for stdout, or an open
    stream: text for csv/geojson/jsonl, binary for parquet.
    """
    from sitroom.export import writers

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    incidents = store.incidents(filters)
    binary = fmt == "parquet"
    fn = {"acled-csv": writers.acled_csv, "geojson": writers.geojson,
          "parquet": writers.parquet, "jsonl": writers.jsonl}[fmt]
    if path_or_stream == "-":
        path_or_stream = sys.stdout.buffer if binary else sys.stdout
    if hasattr(path_or_stream, "write"):
        fn(incidents, path_or_stream)
        return len(incidents)
    target = Path(path_or_stream)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        if binary:
            os.close(fd)
            fn(incidents, tmp)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                fn(incidents, f)
        publish(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return len(incidents)
