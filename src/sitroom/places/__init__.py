"""The places stage: fills `article.places` with contract objects (see output.md).

Toponyms are the Doc's GPE/LOC entities after the gazetteer step in
`toponyms` has corrected them; `mentions` gives each its role (town,
region, county) and `resolve` picks its gazetteer entry from context.
"""
from __future__ import annotations

from sitroom.parse.docview import text_of


def run(doc, article) -> None:
    """Append places found in `doc` (the parse of `article.body`) to `article.places`."""
    from sitroom.places.gazetteer import get_gazetteer
    from sitroom.places.mentions import find_mentions
    from sitroom.places.resolve import resolve

    gaz = get_gazetteer()
    mentions = find_mentions(doc, gaz)
    for i, (m, r) in enumerate(zip(mentions, resolve(mentions, gaz)), start=1):
        article.places.append({
            "id": f"p{i}",
            "mention": text_of(doc)[m.start:m.end],
            "start": m.start,
            "end": m.end,
            "name": r.name,
            "geonameid": r.geonameid,
            "feature_code": r.kind,
            "country_code": r.cc,
            "admin1": r.admin1,
            "lat": None if r.lat is None else round(r.lat, 5),
            "lon": None if r.lon is None else round(r.lon, 5),
            "geo_precision": r.precision,
            "score": r.score,
        })
