"""Choosing one gazetteer entry per toponym, from the article's own context.

A candidate's score adds a prior (countries and regions before towns, big
towns before small ones) to what the rest of the article says: the
countries and regions it names, and where its other places are. Ranking
runs twice, so that places settled in the first round (a county, a state,
an unambiguous town) steer the ambiguous ones ("Alexandria" beside Rapides
Parish is the Louisiana town; "Pokrovsk" beside Donetsk the Ukrainian one).
"""
from __future__ import annotations

import difflib
import functools
import math
from collections import Counter
from dataclasses import dataclass

from sitroom.places.gazetteer import FEATURE_KINDS, Candidate, Gazetteer, Region, fold, own_name

PRIOR = {"PCLI": 9.0, "CONT": 8.5, "ADM1": 6.0, "ADM2": 5.0}
# A sea, river or named region (data/features.tsv) is what its name means
# before any town or province of the name ("the Middle East", not the
# hamlet; "the Red Sea", not Sudan's Red Sea state, unless the text says
# "state"); only a country and a continent come first.
FEATURE_PRIOR = 7.0
# A region's prior follows its population (the sum of its towns'), within
# these bounds: Ontario or Punjab outrank any namesake town, a small
# province (Gaza, Mozambique) does not outrank a big town (Gaza City).
ADM1_PRIOR = (5.5, 6.5)
# A country beside a country of the article, or beside one its places
# are in ("Russia invaded Georgia": the Caucasus country, not the US state
# that "US officials" would otherwise make it).
NEIGHBOUR = 1.5
# A town that bears a country's name ("Italy, Texas", "Lebanon,
# Pennsylvania"): the country is what copy means unless the text ties the
# name to the town (a container: "Lebanon, Pa.").
COUNTRY_NAMESAKE = 2.0
# A national capital is what a bare name means more often than its size
# says ("Washington" the city, not the state).
CAPITAL = 0.5
SAME_COUNTRY = 3.0
SAME_REGION = 2.0
# A town and a county of the article that contains it (Richmond and
# Madison County, Kentucky), on top of sharing their state.
SAME_COUNTY = 2.0
ROLE_MATCH = 6.0
IN_CONTAINER = 4.0
# Local news names places near each other: a candidate beside the article's
# other places (first-round picks, countries aside) gains up to PROXIMITY.
PROXIMITY = 2.5
NEAR_KM = 1000.0
AS_CONTAINER = 2.0
# Context rounds after the first (see resolve): enough for a chain of two
# or three names to settle one another, bounded so that a flip-flop ends.
ROUNDS = 4
# A region named after a big town outside it (Kyiv Oblast after Kyiv,
# Moscow Oblast after Moscow): the bare name is the town.
NAMESAKE_POP = 100_000
# A town reached only through one of its alternate names, beside an entity
# at least as prominent that bears the name as its own ("Quebec" is an
# obscure alternate name of New Britain, Connecticut). 4, not 2.5: the
# article's state no longer carries "Maryville" to Beeville, Texas (LGL
# within 161 km 2895 -> 2899; 6 gives 2898).
ALT_NAME = 4.0


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
    # A toponym of a kind no package here locates (a street: ST, a road:
    # RD), written out with that feature code and no point.
    kind: str | None = None


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
    if c.kind in FEATURE_KINDS:
        return FEATURE_PRIOR
    return math.log10(c.pop + 10) + (CAPITAL if c.kind == "PPLC" else 0.0)


def _filter(m: Mention, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Drop a region whose seat carries the same name, or that is named after
    a big town outside it, unless the text calls it a region: bare "Kyiv" is
    the city, "Kyiv region" the oblast."""
    if m.role == "ADM1":
        return _drop_city_regions(m.cands, gaz)
    if any(c.kind in FEATURE_KINDS and fold(c.name) == m.key for c in m.cands):
        # "the Red Sea" with no "state" or "governorate" after it is the
        # sea, however much of the article is about Sudan or Egypt.
        return tuple(c for c in m.cands if c.kind != "ADM1")
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


def _names_region(c: Candidate, key: str, gaz: Gazetteer) -> bool:
    r = gaz.region_of(c)
    if r is None or r.seat == c.gid:
        return True
    return bool(r.name) and difflib.SequenceMatcher(None, fold(r.name), key).ratio() >= 0.6


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
    """Towns that bear `key` only as an alternate name, neither their own
    nor a spelling of it, while another place bears it as its own:
    "Philadelphia" is an old name of Amman and "Berea" of Aleppo, but
    where a town is called so, copy means that town, however much bigger
    the other is. "Odessa" stays Odesa's (a spelling of it)."""
    if not any(fold(c.name) == key for c in cands):
        return set()
    return {c.gid for c in cands if c.kind.startswith("PPL") and not own_name(c, key)}


def _country_namesakes(cands: tuple[Candidate, ...], key: str) -> set[int]:
    """Towns named as a country is (see COUNTRY_NAMESAKE)."""
    if not any(c.kind == "PCLI" and fold(c.name) == key for c in cands):
        return set()
    return {c.gid for c in cands if c.kind.startswith("PPL")}


# Cached: ranking measures each candidate against the article's other
# places again in every round.
@functools.lru_cache(maxsize=65536)
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _near(c: Candidate, points: list[tuple[float, float, float]]) -> float:
    """1 beside another of the article's places, falling to 0 at NEAR_KM,
    times how sure that place's reading is."""
    if c.lat is None or not points:
        return 0.0
    return max(w * max(0.0, 1.0 - km(c.lat, c.lon, la, lo) / NEAR_KM) for la, lo, w in points)


def _score(c: Candidate, m: Mention, ctx: Counter, gaz: Gazetteer,
           container: Candidate | None = None, points: list[tuple[float, float, float]] | None = None,
           alt_only: frozenset[int] = frozenset(), namesakes: frozenset[int] = frozenset()) -> float:
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
    if c.kind == "PCLI" and any(ctx.get(("cc", nb), 0) > 0 for nb in gaz.neighbours(c.cc)):
        s += NEIGHBOUR
    if c.gid in namesakes:
        s -= COUNTRY_NAMESAKE
    # More places there, more likely there; the extra votes count less.
    # Votes may be fractions (round one's plausibilities): a part vote
    # earns that part of the bonus.
    n = ctx.get(("cc", c.cc), 0) if c.cc else 0
    if n > 0:
        s += SAME_COUNTRY * min(1.0, n) + min(1.0, 0.25 * max(0.0, n - 1))
    n = ctx.get(("region", c.cc, c.a1), 0) if c.cc and c.a1 else 0
    if n > 0:
        s += SAME_REGION * min(1.0, n) + min(2.0, 0.5 * max(0.0, n - 1))
    n = max((ctx.get(u, 0) for u in _units(c, gaz) if u[0] == "county"), default=0)
    if n > 0:
        s += SAME_COUNTY * min(1.0, n)
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


def _rank(m: Mention, cands, ctx: Counter, gaz, container: Candidate | None = None,
          points: list[tuple[float, float, float]] | None = None):
    alt = frozenset(_alt_only(cands, m.key))
    namesakes = frozenset(_country_namesakes(cands, m.key)) if container is None else frozenset()
    scored = sorted(((round(_score(c, m, ctx, gaz, container, points, alt, namesakes), 6), -c.gid, c) for c in cands),
                    key=lambda t: (t[0], t[1]), reverse=True)
    return scored


def _units(c: Candidate, gaz: Gazetteer) -> tuple[tuple, ...]:
    """The units a reading puts the article in: its country, its region and
    (US) the counties it is or lies in."""
    out: list[tuple] = []
    if c.cc:
        out.append(("cc", c.cc))
        if c.a1:
            out.append(("region", c.cc, c.a1))
            out += [("county", c.cc, c.a1, k) for k in gaz.counties_of(c)]
    return tuple(out)


def _count(c: Candidate, ctx: Counter, gaz: Gazetteer, w: float = 1.0) -> None:
    for u in _units(c, gaz):
        ctx[u] += w


def _uncount(c: Candidate, ctx: Counter, gaz: Gazetteer, w: float = 1.0) -> None:
    for u in _units(c, gaz):
        if ctx.get(u):
            ctx[u] -= w


def _sureness(ranked: list) -> float:
    """How sure a pick is, from its lead over the runner-up: 0 for a tie,
    near 1 for a lead of a few points. A reading that barely won (Geneva,
    Illinois over Geneva, New York) must not then carry the article's other
    names with it (Washington, Illinois over Washington, D.C.)."""
    if not ranked:
        return 0.0
    if len(ranked) == 1:
        return 1.0
    return 1.0 - math.exp(-(ranked[0][0] - ranked[1][0]))


def _plausibility(cands: tuple[Candidate, ...], key: str) -> dict[int, float]:
    """How plausible each reading of a name is next to its likeliest one,
    from the prior alone: 1 for the best, e^-d for one d points below."""
    alt = _alt_only(cands, key)
    base = {c.gid: _prior(c) - (ALT_NAME if c.gid in alt else 0.0) for c in cands}
    top = max(base.values(), default=0.0)
    return {g: math.exp(b - top) for g, b in base.items()}


def _support(mentions: list[Mention], cands: list[tuple[Candidate, ...]], gaz: Gazetteer) -> dict[str, Counter]:
    """For each name, the support the article's other names give each
    country, region and county: a name supports a unit as much as its most
    plausible reading there ("Paris" beside "Henry County": both have a
    reading in Henry County, Tennessee, and Henry County's readings are all
    equally likely, so Paris, Tennessee is supported where Paris, France is
    not). Names count once however often they occur, and never support
    themselves."""
    by_key: dict[str, Counter] = {}
    for m, cs in zip(mentions, cands):
        if m.key in by_key or not cs:
            continue
        q = _plausibility(cs, m.key)
        units: Counter = Counter()
        for c in cs:
            for u in _units(c, gaz):
                units[u] = max(units[u], q[c.gid])
        by_key[m.key] = units
    total: Counter = Counter()
    for units in by_key.values():
        total.update(units)
    return {key: total - by_key.get(key, Counter()) for key in {m.key for m in mentions}}


def _round(mentions: list[Mention], cands: list[tuple[Candidate, ...]], picks: list[Candidate | None],
           sure: list[float], gaz: Gazetteer) -> list[list]:
    """Rank every mention's candidates with the other names' picks as
    context, each weighted by how sure it is, in text order, each new pick
    counting at once for the mentions after it (picks and sure are updated
    in place): updating all at once lets two names swap their readings back
    and forth."""
    def own_votes(key: str) -> dict[int, tuple[Candidate, float]]:
        out: dict[int, tuple[Candidate, float]] = {}
        for mm, p, w in zip(mentions, picks, sure):
            if mm.key == key and p is not None and w > out.get(p.gid, (p, -1.0))[1]:
                out[p.gid] = (p, w)
        return out

    votes = {key: own_votes(key) for key in {m.key for m in mentions}}
    ctx: Counter = Counter()
    for own in votes.values():
        for p, w in own.values():
            _count(p, ctx, gaz, w)
    out = []
    # A name recurs: its mentions rank alike until some pick changes.
    version = 0
    memo: dict[tuple, list] = {}
    for i, (m, cs) in enumerate(zip(mentions, cands)):
        container = picks[m.container] if m.container is not None else None
        sig = (id(cs), m.key, m.role, m.contained, None if container is None else container.gid, version)
        ranked = memo.get(sig)
        if ranked is None:
            ranked = memo[sig] = _rank_in(m, cs, container, mentions, picks, sure, ctx, votes, gaz)
        out.append(ranked)
        new = ranked[0][2] if ranked else None
        w = _sureness(ranked)
        if new is not picks[i] or w != sure[i]:
            version += 1
            picks[i], sure[i] = new, w
            for p, v in votes[m.key].values():
                _uncount(p, ctx, gaz, v)
            votes[m.key] = own_votes(m.key)
            for p, v in votes[m.key].values():
                _count(p, ctx, gaz, v)
    return out


def _rank_in(m: Mention, cs, container, mentions, picks, sure, ctx: Counter, votes, gaz: Gazetteer) -> list:
    """Rank one mention's candidates against the other names' current picks."""
    # Distinct points: a name repeated is one place to be near.
    points = sorted({(p.lat, p.lon, w) for j, (p, w) in enumerate(zip(picks, sure))
                     if p is not None and p.lat is not None and p.kind not in ("PCLI", "CONT")
                     and mentions[j].key != m.key})
    local = ctx.copy()
    for p, w in votes[m.key].values():
        _uncount(p, local, gaz, w)
    return _rank(m, cs, local, gaz, container=container, points=points)


def resolve(mentions: list[Mention], gaz: Gazetteer) -> list[Resolved]:
    # One filtered tuple per kind of mention, so that the rounds can tell
    # a repeated name by its candidates' identity.
    filtered: dict[tuple, tuple[Candidate, ...]] = {}
    cands = []
    for m in mentions:
        sig = (m.key, m.role, m.container is None, id(m.cands))
        if sig not in filtered:
            filtered[sig] = _filter(m, gaz)
        cands.append(filtered[sig])
    # Round one: a candidate is supported by every other name in the
    # article that has a plausible reading in its country, region or county (see
    # _support), plus every country or region named outright.
    support = _support(mentions, cands, gaz)
    picks: list[Candidate | None] = []
    sure: list[float] = []
    first: dict[tuple, list] = {}
    for m, cs in zip(mentions, cands):
        sig = (id(cs), m.key, m.role, m.contained)
        if sig not in first:
            first[sig] = _rank(m, cs, support[m.key], gaz)
        ranked = first[sig]
        picks.append(ranked[0][2] if ranked else None)
        sure.append(_sureness(ranked))
    # Later rounds: every other name's pick counts once per name, and a
    # name's own picks do not vote for it ("Huntsville" seven times over is
    # one voice, not six for Alabama against the article's one "Texas").
    # One name settled may settle another (Walker County, then
    # Huntsville), so rounds go on until the picks hold, at most ROUNDS.
    ranked_all: list[list] = []
    for _ in range(ROUNDS):
        before = list(picks)
        ranked_all = _round(mentions, cands, picks, sure, gaz)
        if picks == before:
            break
    out = []
    for m, ranked in zip(mentions, ranked_all):
        if not ranked:
            out.append(Resolved(None, m.kind, m.name_text, None, None, None, None, None, None, 0.3))
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
    if c.kind in FEATURE_KINDS:
        # A hand-placed point (data/features.tsv), no GeoNames id.
        return Resolved(c, c.kind, c.name, c.lat, c.lon, c.cc, None, None, 3, score)
    if m.role == "ADM1" and r is not None and _names_region(c, m.key, gaz):
        # A town stands for its region only when the region is named after
        # it: "the Charlotte region", "Cookeville Regional Medical Center"
        # stay the towns, not North Carolina and Tennessee.
        # "Belgorod region", "the governor of Belgorod": the region, placed
        # at its seat (ACLED's convention), named as the article names it
        # when the packages give it no English name.
        name = r.name or m.name_text
        lat, lon = (c.lat, c.lon) if r.seat == c.gid else (r.lat, r.lon)
        return Resolved(c, "ADM1", name, lat, lon, c.cc, name, r.geonameid, 3, score)
    admin1 = _region_name(r)
    return Resolved(c, c.kind, c.name, c.lat, c.lon, c.cc, admin1, c.gid, 1, score)
