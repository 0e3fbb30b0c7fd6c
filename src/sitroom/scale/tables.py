"""The contract as Arrow tables: one table per object kind, plus `articles`.

Schemas are explicit so that an empty table still has its columns and
types, and so that the local and Ray engines write identical files. Every
object row starts with `article_id`. Fields a stage adds beyond the ones
named here are kept, as a JSON object in the `extra` column, so nothing the
pipeline produced is lost on the way to Parquet.

Both engines go through `readings_table` (one row per article, each kind a
list<struct> column) and `explode` (one row per object), so they cannot
disagree about a type.
"""
from __future__ import annotations

import json
import logging

import pyarrow as pa
import pyarrow.compute as pc

from sitroom.article import KINDS, Article

log = logging.getLogger(__name__)

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "places": [
        ("id", S), ("mention", S), ("start", I), ("end", I), ("name", S), ("geonameid", I),
        ("feature_code", S), ("country_code", S), ("admin1", S), ("lat", F), ("lon", F),
        ("geo_precision", I), ("score", F),
    ],
    "dates": [
        ("id", S), ("mention", S), ("start", I), ("end", I), ("value", S), ("granularity", S),
        ("end_value", S),
    ],
    "figures": [
        ("id", S), ("mention", S), ("start", I), ("end", I), ("value", F), ("low", F), ("high", F),
        ("qualifier", S), ("unit", S), ("counts", S), ("claim_id", S), ("event_id", S),
    ],
    "claims": [
        ("id", S), ("speaker", S), ("speaker_start", I), ("speaker_end", I), ("cue", S),
        ("cue_start", I), ("cue_end", I), ("content", S), ("content_start", I), ("content_end", I),
        ("speaker_side", S), ("verification", S),
    ],
    "events": [
        ("id", S), ("event_type", S), ("sub_event_type", S), ("plover_event", S), ("plover_mode", S),
        ("actor1", S), ("actor1_country", S), ("actor2", S), ("actor2_country", S),
        ("place_ids", pa.list_(S)), ("latitude", F), ("longitude", F), ("country_code", S),
        ("admin1", S), ("geo_precision", I), ("event_date", S), ("time_precision", I),
        ("fatalities", I), ("figure_ids", pa.list_(S)), ("claim_id", S),
        ("evidence", pa.struct([("start", I), ("end", I), ("quote", S)])),
        ("confidence", F), ("negated", B), ("hypothetical", B),
    ],
    "framing": [
        ("id", S), ("mention", S), ("start", I), ("end", I), ("kind", S), ("rationale", S),
    ],
}
# Not a contract field: a JSON object of whatever else a stage attached.
EXTRA = ("extra", S)

WARNING = pa.struct([("level", S), ("message", S)])
ARTICLE_FIELDS: list[tuple[str, pa.DataType]] = [
    ("id", S), ("url", S), ("title", S), ("outlet", S), ("published", S), ("language", S),
    ("text", S),
    # ok: read; error: an error warning says what failed; skipped: not read
    # on purpose (unsupported language), a warning says why.
    ("status", S),
    ("warnings", pa.list_(WARNING)),
]
TABLES = ("articles",) + KINDS

_OBJECT = {k: pa.struct(v + [EXTRA]) for k, v in FIELDS.items()}
READINGS = pa.schema(ARTICLE_FIELDS + [(k, pa.list_(_OBJECT[k])) for k in KINDS])
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(ARTICLE_FIELDS),
    **{k: pa.schema([("article_id", S)] + v + [EXTRA]) for k, v in FIELDS.items()},
}


def status(a: Article) -> str:
    if a.has_error:
        return "error"
    return "ok" if a.extractable else "skipped"


def _object_row(kind: str, obj: dict) -> dict:
    known = _KNOWN[kind]
    rest = {k: v for k, v in obj.items() if k not in known}
    row = dict(obj)
    row["extra"] = json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None
    return row


_KNOWN = {k: {name for name, _ in v} for k, v in FIELDS.items()}


def _article_row(a: Article) -> dict:
    row = {name: getattr(a, name) for name, _ in ARTICLE_FIELDS if name not in ("status", "warnings")}
    row["status"] = status(a)
    row["warnings"] = a.warnings
    for kind in KINDS:
        row[kind] = [_object_row(kind, o) for o in getattr(a, kind)]
    return row


def readings_table(articles: list[Article]) -> pa.Table:
    """One row per article, in the given order, each kind a list<struct> column.

    An article whose objects do not fit the schema (a stage wrote a string
    where the contract says integer) keeps its row, with empty lists and an
    error warning, rather than failing the whole batch.
    """
    rows = [_article_row(a) for a in articles]
    try:
        return pa.Table.from_pylist(rows, schema=READINGS)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        pass
    for i, a in enumerate(articles):
        try:
            pa.Table.from_pylist([rows[i]], schema=READINGS)
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as e:
            log.warning("article %s does not fit the Parquet schema: %s", a.id, e)
            a.warn("error", f"output does not fit the table schema: {type(e).__name__}: {e}")
            rows[i] = _article_row(a)
            for kind in KINDS:
                rows[i][kind] = []
            rows[i]["status"] = "error"
    return pa.Table.from_pylist(rows, schema=READINGS)


def explode(readings: pa.Table | pa.RecordBatch, kind: str) -> pa.Table:
    """The `kind` table (one row per object, with its article_id) of a readings table."""
    if kind == "articles":
        return pa.Table.from_arrays(
            [readings.column(name) for name, _ in ARTICLE_FIELDS], schema=SCHEMAS["articles"]
        )
    lists = readings.column(kind)
    if isinstance(lists, pa.ChunkedArray):
        lists = lists.combine_chunks()
    parents = pc.list_parent_indices(lists)
    flat = pc.list_flatten(lists)
    ids = readings.column("id")
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    columns = [ids.take(parents)] + [flat.field(name) for name, _ in FIELDS[kind]] + [flat.field("extra")]
    return pa.Table.from_arrays(columns, schema=SCHEMAS[kind])


def empty(kind: str) -> pa.Table:
    return SCHEMAS[kind].empty_table()
