"""The export formats: ACLED CSV, GeoJSON, Parquet and JSONL, all deterministic."""
from __future__ import annotations

import csv
import json

from sitroom.export.acled import COLUMNS, row

LIST_SEPARATORS = {"source_urls": "; ", "evidence": " | "}


def _flat(r: dict) -> dict:
    """Lists joined into strings, for CSV and for GIS tools that take no nested values."""
    return {k: (LIST_SEPARATORS.get(k, "; ").join(v) if isinstance(v, list) else v) for k, v in r.items()}


def acled_csv(incidents: list[dict], out) -> None:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for inc in incidents:
        w.writerow({k: ("" if v is None else v) for k, v in _flat(row(inc)).items()})


def geojson(incidents: list[dict], out) -> None:
    """A FeatureCollection of points (WGS 84); incidents without coordinates have null geometry."""
    features = []
    for inc in incidents:
        props = _flat(row(inc))
        geom = None
        if inc.get("latitude") is not None and inc.get("longitude") is not None:
            geom = {"type": "Point", "coordinates": [inc["longitude"], inc["latitude"]]}
        features.append({"type": "Feature", "id": inc["id"], "geometry": geom, "properties": props})
    json.dump({"type": "FeatureCollection", "name": "sitroom_incidents", "features": features},
              out, ensure_ascii=False, indent=1)
    out.write("\n")


def jsonl(incidents: list[dict], out) -> None:
    for inc in incidents:
        out.write(json.dumps(inc, ensure_ascii=False, separators=(",", ":")) + "\n")


def parquet_table(incidents: list[dict]):
    import pyarrow as pa
    from datetime import date

    int32 = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
             "fatalities", "num_sources", "num_articles", "fatalities_low", "fatalities_high")
    fields = []
    for c in COLUMNS:
        if c == "event_date":
            t = pa.date32()
        elif c in int32:
            t = pa.int32()
        elif c == "timestamp":
            t = pa.int64()
        elif c in ("latitude", "longitude"):
            t = pa.float64()
        elif c in LIST_SEPARATORS:
            t = pa.list_(pa.string())
        else:
            t = pa.string()
        fields.append(pa.field(c, t))
    schema = pa.schema(fields)
    rows = [row(inc) for inc in incidents]
    cols = {}
    for f in fields:
        vals = [r[f.name] for r in rows]
        if f.name == "event_date":
            vals = [date.fromisoformat(v) if v else None for v in vals]
        cols[f.name] = pa.array(vals, type=f.type)
    return pa.table(cols, schema=schema)


def parquet(incidents: list[dict], out) -> None:
    import pyarrow.parquet as pq

    pq.write_table(parquet_table(incidents), out)
