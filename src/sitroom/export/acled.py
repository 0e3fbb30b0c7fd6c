"""Incidents as ACLED rows: ACLED's 31 columns in ACLED's order, then sitroom's own.

Fields sitroom cannot know are left empty, never guessed: assoc_actor_1/2,
admin2, admin3, source_scale and tags. The rules for the others are in
docs/store-and-fusion.md.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
SITROOM_COLUMNS = ("num_sources", "corroboration", "source_urls", "evidence",
                   "incident_id", "num_articles", "fatalities_low", "fatalities_high", "certainty")
COLUMNS = ACLED_COLUMNS + SITROOM_COLUMNS


def _data(name: str) -> list[list[str]]:
    text = resources.files("sitroom.export").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data("countries.tsv")}


@lru_cache(maxsize=1)
def inter_rules() -> list[tuple[int, re.Pattern]]:
    return [(int(r[0]), re.compile(r[1], re.I)) for r in _data("inter_codes.tsv")]


def inter_code(actor: str | None) -> int | None:
    if not actor:
        return None
    for code, rx in inter_rules():
        if rx.search(actor):
            return code
    return None


def country_info(iso2: str | None) -> tuple[str | None, str | None, int | None, str | None]:
    """(ACLED country name, region, ISO numeric, ISO3) for an alpha-2 code."""
    if not iso2:
        return None, None, None, None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2.upper())
    name, region = countries().get(iso2.upper(), (None, None))
    if c is None:
        return name, region, None, None
    return name or getattr(c, "common_name", None) or c.name, region, int(c.numeric), c.alpha_3


def row(inc: dict) -> dict:
    """One incident (a Store.incidents() dict) as an ordered ACLED row with list-valued extras."""
    name, region, iso, iso3 = country_info(inc.get("country_code"))
    i1, i2 = inter_code(inc.get("actor1")), inter_code(inc.get("actor2"))
    if i1 is not None:
        interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i2 is not None else i1 * 10
    else:
        interaction = None
    civ = "Civilian targeting" if inc.get("event_type") == "Violence against civilians" or i2 == 7 else ""
    day = inc.get("event_date")
    last = inc.get("last_reported") or day
    ts = int(datetime.combine(date.fromisoformat(last), datetime.min.time(), timezone.utc).timestamp()) if last else None
    digits = int(inc["id"].rsplit("-", 1)[-1], 16) % 10**8
    evidence = [e.get("quote") for e in (inc.get("detail") or {}).get("evidence", []) if e.get("quote")]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{digits:08d}",
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": inc.get("time_precision"),
        "disorder_type": inc.get("disorder_type"),
        "event_type": inc.get("event_type"),
        "sub_event_type": inc.get("sub_event_type"),
        "actor1": inc.get("actor1"), "assoc_actor_1": None, "inter1": i1,
        "actor2": inc.get("actor2"), "assoc_actor_2": None, "inter2": i2,
        "interaction": interaction, "civilian_targeting": civ,
        "iso": iso, "region": region, "country": name or inc.get("country"),
        "admin1": inc.get("admin1"), "admin2": None, "admin3": None,
        "location": inc.get("location") or inc.get("admin1") or name,
        "latitude": inc.get("latitude"), "longitude": inc.get("longitude"),
        "geo_precision": inc.get("geo_precision"),
        "source": "; ".join(inc.get("outlets") or []), "source_scale": None,
        "notes": inc.get("notes"),
        "fatalities": inc.get("fatalities") or 0,
        "tags": None, "timestamp": ts,
        "num_sources": inc.get("num_sources"), "corroboration": inc.get("corroboration"),
        "source_urls": list(inc.get("source_urls") or []), "evidence": evidence,
        "incident_id": inc["id"], "num_articles": inc.get("num_articles"),
        "fatalities_low": inc.get("fatalities_low"), "fatalities_high": inc.get("fatalities_high"),
        "certainty": inc.get("certainty"),
    }
