"""Batch inputs: JSONL and Parquet shards, read with constant memory.

A JSONL line and a Parquet row become an Article through the same two
functions in both engines (`article_from_line`, `article_from_record`), so
the local and Ray engines agree on ids, dates and failures. A line that is
not a valid record still becomes a row: failed, with the reason, and an id
derived from the line itself (Ray reads lines without their numbers, so the
line number cannot be part of it).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from sitroom.article import Article
from sitroom.ids import digest
from sitroom.ingest.records import FIELDS, RecordError, parse_record
from sitroom.ingest.sources import Options, make_article

JSONL = (".jsonl", ".ndjson")
PARQUET = (".parquet",)
# Parquet rows are pulled this many at a time; a row group can be far larger.
PARQUET_BATCH = 256


class InputError(ValueError):
    pass


def expand(inputs: list[str]) -> tuple[list[str], list[str]]:
    """(jsonl shards, parquet shards), directories expanded in a stable order."""
    jsonl, parquet = [], []
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            files = [f for f in sorted(p.rglob("*")) if f.is_file()
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
        elif p.is_file():
            files = [p]
        else:
            raise InputError(f"no such file or directory: {inp}")
        for f in files:
            suffix = f.suffix.lower()
            if suffix in JSONL:
                jsonl.append(str(f))
            elif suffix in PARQUET:
                parquet.append(str(f))
            elif not p.is_dir():
                raise InputError(f"{inp}: batch reads .jsonl/.ndjson or .parquet shards")
    if not jsonl and not parquet:
        raise InputError("no .jsonl/.ndjson or .parquet shards in the inputs")
    return jsonl, parquet


def article_from_record(obj, opts: Options | None = None) -> Article:
    try:
        rec = parse_record(obj)
    except RecordError as e:
        raw_id = obj.get("id") if isinstance(obj, dict) else None
        return _failed(str(e), json.dumps(obj, sort_keys=True, default=str), raw_id)
    return make_article(
        rec["text"], opts or Options(), source="batch", input_id=rec["id"], url=rec["url"],
        title=rec["title"], outlet=rec["outlet"], published=rec["published"],
    )


def article_from_line(line: str | bytes, opts: Options | None = None) -> Article:
    # Ray hands lines over without their newline; strip so both engines
    # parse (and fail on) exactly the same characters.
    line = line.strip()
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raw = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        return _failed(f"line is not valid JSON: {e}", raw, None)
    return article_from_record(obj, opts)


def _failed(message: str, raw: str, raw_id) -> Article:
    a = Article(id=str(raw_id) if raw_id is not None else "x" + digest(raw), text="")
    return a.fail(message)


def iter_jsonl_lines(path: str) -> Iterator[bytes]:
    with open(path, "rb") as f:
        for raw in f:
            if raw.strip():
                yield raw


def iter_parquet_records(path: str, batch_size: int = PARQUET_BATCH) -> Iterator[dict]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = pf.schema_arrow.names
    if "text" not in names:
        raise InputError(f"{path}: Parquet shard has no 'text' column")
    columns = [c for c in FIELDS if c in names]
    for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
        yield from batch.to_pylist()


def iter_shard_articles(jsonl: list[str], parquet: list[str],
                        opts: Options | None = None) -> Iterator[Article]:
    """Every shard's articles: JSONL shards first, then Parquet, each in file order."""
    for path in jsonl:
        for line in iter_jsonl_lines(path):
            a = article_from_line(line, opts)
            a.meta.pop("source", None)
            yield a
    for path in parquet:
        for rec in iter_parquet_records(path):
            a = article_from_record(rec, opts)
            a.meta.pop("source", None)
            yield a
