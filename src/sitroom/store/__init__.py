"""The sitroom store: an embedded DuckDB file of articles, their objects and incidents.

Query API (shared by the CLI, the exports, the report and the web server)::

    from sitroom.store import Store, Filters
    with Store("sitroom.duckdb", read_only=True) as s:
        s.incidents(Filters(since="2024-08-06", country="RU", min_sources=2))  # -> list[dict]
        s.count(Filters(...))   # -> int: matches, ignoring limit/offset (pagination total)
        s.incident("inc-…")     # -> dict|None: incident + events, articles, claims
        s.article("u…")         # -> dict|None: full contract dict (text, all objects) + status
        s.articles(ids=None)    # -> list[dict]: article metadata, no text
        s.objects("claims", article_ids=None)  # -> contract objects with article_id
        s.stats(Filters(...))   # -> dict of counts (by type, corroboration, day)
        s.syndication()         # -> {article_id: story id}: wire copies share a story
        s.counts()              # -> row count per table

An incident dict has the `incidents` table's columns (see store/schema.py):
id, event_date, time_precision, first_reported, last_reported, disorder_type,
event_type, sub_event_type, actor1(_country), actor2(_country), country_code,
country, admin1, location, latitude, longitude, geo_precision, fatalities,
fatalities_low, fatalities_high, num_articles, num_sources, corroboration
(single_source|corroborated|contested), certainty (reported|unverified),
notes, outlets, source_urls, article_ids, and `detail` = {"sources": [...],
"figures": [...], "contested": [...], "evidence": [...]}.

`Filters` fields: since, until, country, admin1, type, actor, min_sources,
corroboration, bbox (min_lon, min_lat, max_lon, max_lat), q, limit, offset;
`Filters.from_mapping(request.query_params)` builds one from web parameters.

Writers: `Store(path).put(article)` stores one read Article in one
transaction ('new' | 'replaced' | 'skipped'); `sitroom.store.ingest` drives a
whole run. DuckDB lets one process write *or* several read: a read-only
opener fails while `sitroom ingest`/`fuse` holds the file, so readers retry.
"""
from sitroom.store.db import DEFAULT_DB, Store, text_hash
from sitroom.store.filters import CORROBORATION, Filters, parse_bbox

__all__ = ["Store", "Filters", "DEFAULT_DB", "CORROBORATION", "parse_bbox", "text_hash"]
