"""Can two event records be the same incident? Type, place, date and actors."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from sitroom.fusion.rules import families, rules

_ACTOR_NOISE = re.compile(r"\b(the|forces?|troops?|military|army|armed|of|units?|servicemen)\b")


@dataclass
class Ev:
    """An event record reduced to what fusion compares."""
    key: tuple          # (published or '9999-99-99', article_id, ordinal, event_id): sort + id key
    article_id: str
    event_id: str
    family: str | None
    event_type: str | None
    sub_event_type: str | None
    day: date | None
    time_precision: int
    lat: float | None
    lon: float | None
    geo_precision: int
    country: str | None
    admin1: str | None
    actor1: tuple[str | None, str | None]  # (normalised name, ISO2 country)
    actor2: tuple[str | None, str | None]
    obj: dict


def family_of(event_type: str | None) -> str | None:
    return families()["families"].get(event_type or "")


def norm_actor(name: str | None) -> str | None:
    if not name:
        return None
    s = _ACTOR_NOISE.sub(" ", name.lower())
    s = " ".join(re.findall(r"\w+", s))
    return s or None


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def types_compatible(a: Ev, b: Ev) -> bool:
    if a.family is None or a.family != b.family:
        return False
    strict = families()["match_sub_event_type"]
    if a.event_type in strict or b.event_type in strict:
        return a.event_type == b.event_type and a.sub_event_type == b.sub_event_type
    return True


def dates_compatible(a: Ev, b: Ev) -> bool:
    if a.day is None or b.day is None:
        return False
    window = rules()["window_days"][str(max(a.time_precision, b.time_precision))]
    return abs((a.day - b.day).days) <= window


def places_compatible(a: Ev, b: Ev) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    prec = max(a.geo_precision, b.geo_precision)
    # A region-level record says "somewhere in region X": any place in X fits it,
    # however far from X's centroid (large oblasts span 300 km and more).
    if prec >= 3 and a.admin1 and a.admin1 == b.admin1 and a.country and a.country == b.country:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        radius = rules()["radius_km"][str(min(prec, 3))]
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > radius:
            return False
        # Two region-level records in different named regions are different places
        # even when their centroids are close.
        if a.admin1 and b.admin1 and a.admin1 != b.admin1 and prec >= 2:
            return False
        return True
    # Without coordinates only a shared named region (and country) ties them.
    return bool(a.country and a.country == b.country and a.admin1 and a.admin1 == b.admin1)


def _actor_ok(x: tuple, y: tuple) -> bool:
    (nx, cx), (ny, cy) = x, y
    if (nx is None and cx is None) or (ny is None and cy is None):
        return True
    if cx and cy:
        return cx == cy
    return nx is not None and nx == ny


def actors_compatible(a: Ev, b: Ev) -> bool:
    if _actor_ok(a.actor1, b.actor1) and _actor_ok(a.actor2, b.actor2):
        return True
    # In a battle either side can be named first.
    symmetric = families()["symmetric_actors"]
    if a.event_type in symmetric and b.event_type in symmetric:
        return _actor_ok(a.actor1, b.actor2) and _actor_ok(a.actor2, b.actor1)
    return False


def vague_pair_ok(a: Ev, b: Ev) -> bool:
    """A region-level record next to a town-level one is weak evidence of one incident:
    only the same kind of act (sub-event type) lets them meet."""
    if max(a.geo_precision, b.geo_precision) >= 3 and min(a.geo_precision, b.geo_precision) <= 2:
        return a.sub_event_type == b.sub_event_type
    return True


def compatible(a: Ev, b: Ev) -> bool:
    # Cheapest and most selective tests first.
    return dates_compatible(a, b) and types_compatible(a, b) and vague_pair_ok(a, b) \
        and places_compatible(a, b) and actors_compatible(a, b)
