"""The tables of the store: one per contract object kind, plus fusion's.

Each object row keeps the contract fields the queries need as typed columns
and the whole object as JSON (`obj`), so `Store.article(id)` gives back the
contract dict exactly, including fields added to the contract later.
"""
from __future__ import annotations

SCHEMA_VERSION = 1

# (column, DuckDB type) per kind, after the common article_id, ord, id.
# Contract field names are kept; `start`/`end` are quoted in SQL.
OBJECT_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "places": [
        ("mention", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("name", "VARCHAR"),
        ("geonameid", "BIGINT"), ("feature_code", "VARCHAR"), ("country_code", "VARCHAR"),
        ("admin1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geo_precision", "INTEGER"),
        ("score", "DOUBLE"),
    ],
    "dates": [
        ("mention", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("value", "VARCHAR"),
        ("granularity", "VARCHAR"), ("end_value", "VARCHAR"),
    ],
    "figures": [
        ("mention", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("value", "DOUBLE"),
        ("low", "DOUBLE"), ("high", "DOUBLE"), ("qualifier", "VARCHAR"), ("unit", "VARCHAR"),
        ("counts", "VARCHAR"), ("claim_id", "VARCHAR"), ("event_id", "VARCHAR"),
    ],
    "claims": [
        ("speaker", "VARCHAR"), ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"),
        ("cue", "VARCHAR"), ("content", "VARCHAR"), ("content_start", "INTEGER"),
        ("content_end", "INTEGER"), ("speaker_side", "VARCHAR"), ("verification", "VARCHAR"),
    ],
    "events": [
        ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"), ("plover_event", "VARCHAR"),
        ("plover_mode", "VARCHAR"), ("actor1", "VARCHAR"), ("actor1_country", "VARCHAR"),
        ("actor2", "VARCHAR"), ("actor2_country", "VARCHAR"), ("place_ids", "VARCHAR[]"),
        ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("country_code", "VARCHAR"),
        ("admin1", "VARCHAR"), ("geo_precision", "INTEGER"), ("event_date", "VARCHAR"),
        ("time_precision", "INTEGER"), ("fatalities", "INTEGER"), ("figure_ids", "VARCHAR[]"),
        ("claim_id", "VARCHAR"), ("evidence", "STRUCT(\"start\" INTEGER, \"end\" INTEGER, quote VARCHAR)"),
        ("confidence", "DOUBLE"), ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"),
    ],
    "framing": [
        ("mention", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("kind", "VARCHAR"),
    ],
}

ARTICLES = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    seq BIGINT,               -- ingest order; only for progress, never for ids
    text_hash VARCHAR,        -- digest of sitroom.ids.normalise_text(text)
    status VARCHAR,           -- ok | not_extractable | failed
    url VARCHAR, title VARCHAR, outlet VARCHAR, published DATE, language VARCHAR,
    text VARCHAR,
    warnings JSON, meta JSON,
    source VARCHAR            -- the input it came from (file, URL, file:line)
)"""

INCIDENTS = """
CREATE TABLE IF NOT EXISTS incidents (
    id VARCHAR PRIMARY KEY,
    event_date DATE, time_precision INTEGER,
    first_reported DATE, last_reported DATE,
    disorder_type VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
    actor1 VARCHAR, actor1_country VARCHAR, actor2 VARCHAR, actor2_country VARCHAR,
    country_code VARCHAR, country VARCHAR, admin1 VARCHAR, location VARCHAR,
    latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
    num_articles INTEGER, num_sources INTEGER,
    corroboration VARCHAR, certainty VARCHAR,
    notes VARCHAR,
    outlets VARCHAR[], source_urls VARCHAR[], article_ids VARCHAR[],
    detail JSON,             -- sources, figures per source, contest reasons, evidence
    fingerprint VARCHAR      -- digest of the row: incremental fusion rewrites only changed rows
)"""

OTHER = [
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)",
    """CREATE TABLE IF NOT EXISTS incident_events (
        incident_id VARCHAR, article_id VARCHAR, event_id VARCHAR, role VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS syndication (
        article_id VARCHAR PRIMARY KEY, group_id VARCHAR)""",
    # One row: a digest of the article set fusion last ran on.
    "CREATE TABLE IF NOT EXISTS fusion_state (signature VARCHAR, n_incidents INTEGER)",
]


def object_ddl(kind: str) -> str:
    cols = ", ".join(f'"{c}" {t}' for c, t in OBJECT_COLUMNS[kind])
    return (f"CREATE TABLE IF NOT EXISTS {kind} (article_id VARCHAR, ord INTEGER, id VARCHAR, "
            f"{cols}, obj JSON)")


def all_ddl() -> list[str]:
    return [ARTICLES, INCIDENTS, *OTHER, *(object_ddl(k) for k in OBJECT_COLUMNS)]
