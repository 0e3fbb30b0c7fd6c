"""Choosing one gazetteer entry per toponym, from the article's own context.

A candidate's score adds a prior (countries and regions before towns, big
towns before small ones) to what the rest of the article says: the
countries and regions it names, and where its other places are. Ranking
runs twice, so that places settled in the first round (a county, a state,
an unambiguous town) steer the ambiguous ones ("Alexandria" beside Rapides
Parish is the Louisiana town; "Pokrovsk" beside Donetsk the Ukrainian one).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sitroom.places.gazetteer import Candidate, Gazetteer, Region, fold, own_name

PRIOR = {"PCLI": 9.0, "CONT": 8.5, "ADM1": 6.0, "ADM2": 5.0}
# A region's prior follows its population (the sum of its towns'), within
# these bounds: Ontario or Punjab outrank any namesake town, a small
# province (Gaza, Mozambique) does not outrank a big town (Gaza City).
ADM1_PRIOR = (5.5, 6.5)
# A national capital is what a bare name means more often than its size
# says ("Washington" the city, not the state).
CAPITAL = 0.5
SAME_COUNTRY = 3.0
SAME_REGION = 2.0
ROLE_MATCH = 6.0
IN_CONTAINER = 4.0
# Local news names places near each other: a candidate beside the article's
# other places (first-round picks, countries aside) gains up to PROXIMITY.
PROXIMITY = 2.5
NEAR_KM = 1000.0
AS_CONTAINER = 2.0
# A region named after a big town outside it (Kyiv Oblast after Kyiv,
# Moscow Oblast after Moscow): the bare name is the town.
NAMESAKE_POP = 100_000
# A town reached only through one of its alternate names, beside an entity
# at least as prominent that bears the name as its own ("Quebec" is an
# obscure alternate name of New Britain, Connecticut).
ALT_NAME = 2.5


@dataclass
class Mention:
    start: int  # char offsets of the mention as written
    end: int
    name_text: str  # the name part ("Kursk" of "Kursk region")
    key: str
    role: str | None  # "ADM1" or "ADM2" when a region word or context says so
    cands: tuple[Candidate, ...]
    # The mention right after ", " ("Charleston, W.Va.", "Sudzha, Russia"):
    # the place that contains this one.
    container: int | None = None
    contained: bool = False


@dataclass
class Resolved:
    cand: Candidate | None
    kind: str | None  # the feature code written out
    name: str
    lat: float | None
    lon: float | None
    cc: str | None
    admin1: str | None
    geonameid: int | None
    precision: int | None
    score: float


def _prior(c: Candidate) -> float:
    if c.kind == "ADM1":
        return min(ADM1_PRIOR[1], max(ADM1_PRIOR[0], math.log10(c.pop + 10)))
    if c.kind in PRIOR:
        return PRIOR[c.kind]
    return math.log10(c.pop + 10) + (CAPITAL if c.kind == "PPLC" else 0.0)


def _filter(m: Mention, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Drop a region whose seat carries the same name, or that is named after
    a big town outside it, unless the text calls it a region: bare "Kyiv" is
    the city, "Kyiv region" the oblast."""
    if m.role == "ADM1":
        return _drop_city_regions(m.cands, gaz)
    towns = [c for c in m.cands if c.kind.startswith("PPL")]
    seats = {c.gid for c in towns}
    out = []
    for c in m.cands:
        if c.kind == "ADM1":
            r = gaz.regions.get((c.cc, c.a1))
            if r is not None and r.seat in seats:
                continue
            if any(t.cc == c.cc and t.a1 != c.a1 and t.pop >= NAMESAKE_POP and own_name(t, m.key) for t in towns):
                continue
        out.append(c)
    return tuple(out)


def _drop_city_regions(cands: tuple[Candidate, ...], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """"Kyiv region", "Moscow region": the oblast around a city that is a
    region of its own, when the country has one by that name."""
    def city_region(c: Candidate) -> bool:
        r = gaz.region_of(c)
        return r is not None and "city" in r.type.lower()

    plain = {c.cc for c in cands if c.kind == "ADM1" and not city_region(c)}
    drop = {(c.cc, c.a1) for c in cands if c.kind == "ADM1" and c.cc in plain and city_region(c)}
    if not drop:
        return cands
    out = []
    for c in cands:
        r = gaz.region_of(c)
        if (c.cc, c.a1) in drop and (c.kind == "ADM1" or (r is not None and r.seat == c.gid)):
            continue
        out.append(c)
    return tuple(out)


def _alt_only(cands: tuple[Candidate, ...], key: str) -> set[int]:
    """Towns that bear `key` only as an alternate name while a candidate at
    least as prominent bears it as its own name."""
    own = [c for c in cands if fold(c.name) == key]
    if not own:
        return set()
    top = max(_prior(c) for c in own)
    return {c.gid for c in cands if c.kind.startswith("PPL") and fold(c.name) != key and _prior(c) <= top}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _near(c: Candidate, points: list[tuple[float, float]]) -> float:
    """1 beside another of the article's places, falling to 0 at NEAR_KM."""
    if c.lat is None or not points:
        return 0.0
    d = min(km(c.lat, c.lon, la, lo) for la, lo in points)
    return max(0.0, 1.0 - d / NEAR_KM)


def _score(c: Candidate, m: Mention, ctx_cc: Counter, ctx_region: Counter, gaz: Gazetteer,
           container: Candidate | None = None, points: list[tuple[float, float]] | None = None,
           alt_only: frozenset[int] = frozenset()) -> float:
    s = _prior(c)
    if c.gid in alt_only:
        s -= ALT_NAME
    if points and c.kind not in ("PCLI", "CONT"):
        s += PROXIMITY * _near(c, points)
    if container is not None and c.cc == container.cc and (
        container.kind == "PCLI" or (container.kind == "ADM1" and c.a1 == container.a1)
    ):
        s += IN_CONTAINER
    if m.contained and c.kind in ("PCLI", "ADM1"):
        s += AS_CONTAINER
    # More places there, more likely there; the extra votes count less.
    n = ctx_cc.get(c.cc, 0) if c.cc else 0
    if n > 0:
        s += SAME_COUNTRY + min(1.0, 0.25 * (n - 1))
    n = ctx_region.get((c.cc, c.a1), 0) if c.cc and c.a1 else 0
    if n > 0:
        s += SAME_REGION + min(2.0, 0.5 * (n - 1))
    if m.role == "ADM1":
        if c.kind == "ADM1":
            s += ROLE_MATCH
        elif c.kind.startswith("PPL"):
            r = gaz.region_of(c)
            if r is not None and r.seat == c.gid:
                # The seat stands for its region at a region's prior, not
                # its own: "Kyiv region" is not won by Kyiv's size.
                s += PRIOR["ADM1"] - _prior(c) + ROLE_MATCH - 0.5
    elif m.role == "ADM2" and c.kind == "ADM2":
        s += ROLE_MATCH
    return s


def _rank(m: Mention, cands, ctx_cc, ctx_region, gaz, exclude_self: Candidate | None = None,
          container: Candidate | None = None, points: list[tuple[float, float]] | None = None):
    if exclude_self is not None:
        ctx_cc = ctx_cc.copy()
        ctx_region = ctx_region.copy()
        _uncount(exclude_self, ctx_cc, ctx_region)
    alt = frozenset(_alt_only(cands, m.key))
    scored = sorted(((round(_score(c, m, ctx_cc, ctx_region, gaz, container, points, alt), 6), -c.gid, c) for c in cands),
                    key=lambda t: (t[0], t[1]), reverse=True)
    return scored


def _count(c: Candidate, ctx_cc: Counter, ctx_region: Counter) -> None:
    if c.cc:
        ctx_cc[c.cc] += 1
    if c.cc and c.a1:
        ctx_region[(c.cc, c.a1)] += 1


def _uncount(c: Candidate, ctx_cc: Counter, ctx_region: Counter) -> None:
    if c.cc and ctx_cc.get(c.cc):
        ctx_cc[c.cc] -= 1
    if c.cc and c.a1 and ctx_region.get((c.cc, c.a1)):
        ctx_region[(c.cc, c.a1)] -= 1


def resolve(mentions: list[Mention], gaz: Gazetteer) -> list[Resolved]:
    cands = [_filter(m, gaz) for m in mentions]
    # Round one: the context is what is unambiguous (one country among the
    # candidates) plus every country or region named outright.
    ctx_cc: Counter = Counter()
    ctx_region: Counter = Counter()
    for cs in cands:
        ccs = {c.cc for c in cs if c.cc}
        if len(ccs) == 1:
            ctx_cc[next(iter(ccs))] += 1
        for c in cs:
            if c.kind in ("ADM1", "ADM2") and len(cs) == 1:
                ctx_region[(c.cc, c.a1)] += 1
    picks: list[Candidate | None] = []
    for m, cs in zip(mentions, cands):
        ranked = _rank(m, cs, ctx_cc, ctx_region, gaz)
        picks.append(ranked[0][2] if ranked else None)
    # Round two: every first-round pick counts, each one's own vote aside.
    ctx_cc = Counter()
    ctx_region = Counter()
    for p in picks:
        if p is not None:
            _count(p, ctx_cc, ctx_region)
    out = []
    for i, (m, cs, first) in enumerate(zip(mentions, cands, picks)):
        container = picks[m.container] if m.container is not None else None
        points = [(p.lat, p.lon) for j, p in enumerate(picks)
                  if j != i and p is not None and p.lat is not None and p.kind not in ("PCLI", "CONT")
                  and mentions[j].key != m.key]
        ranked = _rank(m, cs, ctx_cc, ctx_region, gaz, exclude_self=first, container=container, points=points)
        if not ranked:
            out.append(Resolved(None, None, m.name_text, None, None, None, None, None, None, 0.3))
            continue
        best = ranked[0]
        margin = best[0] - ranked[1][0] if len(ranked) > 1 else 4.0
        score = round(1.0 / (1.0 + math.exp(-margin)), 3)
        out.append(_describe(best[2], m, gaz, score))
    return out


def _region_name(r: Region | None) -> str | None:
    return r.name if r is not None else None


def _describe(c: Candidate, m: Mention, gaz: Gazetteer, score: float) -> Resolved:
    r = gaz.region_of(c)
    if c.kind == "PCLI":
        return Resolved(c, "PCLI", c.name, c.lat, c.lon, c.cc, None, c.gid, 3, score)
    if c.kind == "CONT":
        return Resolved(c, "CONT", c.name, c.lat, c.lon, None, None, c.gid, 3, score)
    if c.kind == "ADM1":
        geonameid = r.geonameid if r is not None else None
        return Resolved(c, "ADM1", c.name, c.lat, c.lon, c.cc, c.name, geonameid, 3, score)
    if c.kind == "ADM2":
        return Resolved(c, "ADM2", c.name, c.lat, c.lon, c.cc, _region_name(r), None, 2, score)
    if m.role == "ADM1" and r is not None:
        # "Belgorod region", "the governor of Belgorod": the region, placed
        # at its seat (ACLED's convention), named as the article names it
        # when the packages give it no English name.
        name = r.name or m.name_text
        lat, lon = (c.lat, c.lon) if r.seat == c.gid else (r.lat, r.lon)
        return Resolved(c, "ADM1", name, lat, lon, c.cc, name, r.geonameid, 3, score)
    admin1 = _region_name(r)
    return Resolved(c, c.kind, c.name, c.lat, c.lon, c.cc, admin1, c.gid, 1, score)
