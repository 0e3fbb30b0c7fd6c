"""Event records of many articles -> incidents: cluster, then describe each cluster.

Everything here is a pure function of the set of articles: inputs are sorted
before use, so ingest order never changes the result.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date

from sitroom.fusion import figures as figs
from sitroom.fusion.compat import Ev, compatible, family_of, norm_actor
from sitroom.fusion.rules import families, rules
from sitroom.fusion.syndication import groups as syndication_groups
from sitroom.fusion.unionfind import UnionFind
from sitroom.ids import digest, normalise_text

WEAK = ("hedged", "unverified")       # reported, not established
DISPUTING = ("denied", "disputed")    # a party contradicts it
_ORD = re.compile(r"(\d+)$")


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]) if len(s) >= 10 else None
    except ValueError:
        return None


def _ordinal(event_id: str) -> int:
    m = _ORD.search(event_id or "")
    return int(m.group(1)) if m else 0


def to_ev(article: dict, e: dict) -> Ev:
    pub = article.get("published")
    day = _day(e.get("event_date"))
    tp = e.get("time_precision") or 1
    if day is None and e.get("event_date") and len(e["event_date"]) == 7:
        day, tp = _day(e["event_date"] + "-01"), max(tp, 3)
    if day is None:  # undated: the report's own date, at week precision
        day, tp = _day(pub), max(tp, 2)
    return Ev(
        key=(pub or "9999-99-99", article["id"], _ordinal(e.get("id")), e.get("id") or ""),
        article_id=article["id"], event_id=e.get("id") or "",
        family=family_of(e.get("event_type")), event_type=e.get("event_type"),
        sub_event_type=e.get("sub_event_type"), day=day, time_precision=int(tp),
        lat=e.get("latitude"), lon=e.get("longitude"), geo_precision=int(e.get("geo_precision") or 3),
        country=e.get("country_code"), admin1=e.get("admin1"),
        actor1=(norm_actor(e.get("actor1")), e.get("actor1_country")),
        actor2=(norm_actor(e.get("actor2")), e.get("actor2_country")),
        obj=e,
    )


def cluster(evs: list[Ev], synd: dict[str, str] | None = None) -> list[list[Ev]]:
    """Complete-link clusters: an event joins a cluster only when it is compatible with
    every record already in it, so a fortnight of daily "fighting in Kursk region"
    reports cannot chain into one incident the way single-link would.

    Events are visited in the order of their own key (report date, article id,
    event number), never in ingest order. Copies of one syndicated story report
    the same events in the same words: records with the same type and evidence
    sentence in one story form one unit first, even when unplaced or undated."""
    max_window = max(rules()["window_days"].values())
    # Degrees of arc beyond the largest sub-region radius, with a 10% margin.
    near_deg = max(rules()["radius_km"]["1"], rules()["radius_km"]["2"]) / 111.0 * 1.1
    units: dict[tuple, list[Ev]] = {}
    for e in sorted(evs, key=lambda e: e.key):
        quote = normalise_text((e.obj.get("evidence") or {}).get("quote") or "")
        if synd and e.article_id in synd and quote:
            k = ("story", synd[e.article_id], e.event_type or "", quote)
        else:
            k = ("event",) + e.key
        units.setdefault(k, []).append(e)
    placed = sorted((u for u in units.values() if u[0].family is not None and u[0].day is not None),
                    key=lambda u: (u[0].day, u[0].key))
    clusters: list[list[Ev]] = []
    last_day: list = []
    # Open clusters by (family, country): a record with a known country only meets
    # clusters of that country or of none yet; one without meets them all.
    open_: dict[tuple, list[int]] = {}
    country_of: list[str | None] = []
    for unit in placed:
        head = unit[0]
        if head.country:
            keys = [(head.family, head.country), (head.family, None)]
        else:
            keys = sorted((k for k in open_ if k[0] == head.family), key=lambda k: (k[1] is not None, k[1] or ""))
        best = None
        for k in keys:
            live = [c for c in open_.get(k, []) if (head.day - last_day[c]).days <= max_window]
            if k in open_:
                open_[k] = live
            for c in live:
                if (best is None or len(clusters[c]) > len(clusters[best]) or
                        (len(clusters[c]) == len(clusters[best]) and c < best)) \
                        and not _far(head, clusters[c][0], near_deg) \
                        and all(compatible(head, m) for m in clusters[c]):
                    best = c
        if best is None:
            best = len(clusters)
            clusters.append([head])
            last_day.append(head.day)
            country_of.append(head.country)
            open_.setdefault((head.family, head.country), []).append(best)
        else:
            clusters[best].append(head)
            last_day[best] = max(last_day[best], head.day)
            if country_of[best] is None and head.country:
                open_[(head.family, None)].remove(best)
                open_.setdefault((head.family, head.country), []).append(best)
                open_[(head.family, head.country)].sort()
                country_of[best] = head.country
    heads = {id(u[0]): u for u in units.values()}
    out = [[e for h in c for e in heads[id(h)]] for c in clusters]
    out += [u for u in units.values() if u[0].family is None or u[0].day is None]
    return [sorted(g, key=lambda e: e.key) for g in out]


def _far(a: Ev, b: Ev, limit: float) -> bool:
    """A cheap sufficient test for incompatibility: two town- or near-town-level records
    whose coordinates differ by more than any radius below region level (equirectangular
    bound, so it never rejects a pair the exact test would accept)."""
    if a.geo_precision >= 3 or b.geo_precision >= 3 or None in (a.lat, a.lon, b.lat, b.lon):
        return False
    if abs(a.lat - b.lat) > limit:
        return True
    coslat = math.cos(math.radians(max(abs(a.lat), abs(b.lat))))
    return coslat > 0.2 and abs(a.lon - b.lon) * coslat > limit


def _country_name(iso2: str | None) -> str | None:
    from sitroom.export.acled import country_info  # ACLED's names: "Russia", not "Russian Federation"

    return country_info(iso2)[0]


def _one_line(text: str, limit: int) -> str:
    s = " ".join((text or "").split())
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit)
    return s[: cut if cut > limit // 2 else limit] + " …"


def _majority(values: list) -> object:
    """Most frequent non-null value; ties go to the earliest (values are in member order)."""
    vals = [v for v in values if v not in (None, "")]
    if not vals:
        return None
    counts = Counter(vals)
    best = max(counts.values())
    return next(v for v in vals if counts[v] == best)


def build(articles: list[dict]) -> tuple[list[dict], list[tuple], dict[str, str]]:
    """articles: contract dicts (with `status`). Returns (incidents, links, syndication),
    links being (incident_id, article_id, event_id, role) with role member|denial."""
    articles = sorted(articles, key=lambda a: a["id"])
    arts = {a["id"]: a for a in articles}
    synd = syndication_groups([(a["id"], a.get("text") or "", a.get("published"))
                               for a in articles if (a.get("text") or "").strip()])
    members, denials = [], []
    for a in articles:
        if a.get("status", "ok") != "ok":
            continue
        for e in a.get("events") or []:
            if e.get("hypothetical"):
                continue  # threats and plans did not happen
            if _background(a, e):
                continue
            ev = to_ev(a, e)
            (denials if e.get("negated") else members).append(ev)
    clusters = cluster(members, synd)
    disputes = _disputes(articles)
    incidents, links = [], []
    for group in sorted(clusters, key=lambda g: min(e.key for e in g)):
        inc, inc_links = describe(group, arts, synd, denials, disputes)
        incidents.append(inc)
        links += inc_links
    incidents.sort(key=lambda i: (i["event_date"] or "9999", i["id"]))
    return incidents, sorted(links), synd


def _background(article: dict, e: dict) -> bool:
    """Dated by the text more than rules' background_days before its report,
    counting from the latest day the date can mean ("2022" as 31 December)."""
    pub, when = _day(article.get("published")), e.get("event_date") or ""
    if pub is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", when):
        return False
    latest = _day(when) or _day(when[:4] + "-12-31" if len(when) == 4 else when + "-28")
    return latest is not None and (pub - latest).days > rules()["background_days"]


def _disputes(articles: list[dict]) -> list[dict]:
    """Denied or disputed claims not tied to an event, with the towns their content names:
    "the ministry denied Kyiv's claims about the capture of Sudzha" contests what
    happened in Sudzha around then, whichever article reported it."""
    out = []
    for a in articles:
        if a.get("status", "ok") != "ok":
            continue
        linked = {e.get("claim_id") for e in a.get("events") or []}
        for c in a.get("claims") or []:
            if c.get("verification") not in DISPUTING or c.get("id") in linked:
                continue
            lo, hi = c.get("content_start"), c.get("content_end")
            skip = set(rules()["dispute_ignore_feature_codes"])
            towns = {p["geonameid"] for p in a.get("places") or []
                     if p.get("geonameid") is not None and p.get("geo_precision") == 1
                     and p.get("feature_code") not in skip
                     and lo is not None and hi is not None and lo <= p.get("start", -1) and p.get("end", 1 << 60) <= hi}
            day = _day(a.get("published"))
            if towns and day is not None:
                out.append({"article_id": a["id"], "claim": c, "towns": towns, "day": day})
    return out


def _towns(e: Ev, article: dict) -> set:
    places = {p.get("id"): p for p in article.get("places") or []}
    return {places[pid]["geonameid"] for pid in e.obj.get("place_ids") or []
            if pid in places and places[pid].get("geonameid") is not None and places[pid].get("geo_precision") == 1}


def _sources(article_ids: list[str], arts: dict, synd: dict) -> list[list[str]]:
    """Independent sources: articles joined when they share an outlet or a syndicated story."""
    uf = UnionFind(article_ids)
    first_by: dict[tuple, str] = {}
    for aid in article_ids:
        a = arts[aid]
        outlet = (a.get("outlet") or "").strip().lower()
        for k in ((("outlet", outlet),) if outlet else ()) + ((("story", synd.get(aid, aid)),)):
            if k in first_by:
                uf.union(first_by[k], aid)
            else:
                first_by[k] = aid
    return uf.groups()


def _claim(article: dict, claim_id: str | None) -> dict | None:
    if not claim_id:
        return None
    return next((c for c in article.get("claims") or [] if c.get("id") == claim_id), None)


def _event_figures(article: dict, e: dict) -> list[dict]:
    ids = set(e.get("figure_ids") or [])
    ev = e.get("evidence") or {}
    lo, hi = ev.get("start"), ev.get("end")
    out = []
    for f in article.get("figures") or []:
        inside = lo is not None and hi is not None and lo <= f.get("start", -1) and f.get("end", 1 << 60) <= hi
        if f.get("id") in ids or f.get("event_id") == e.get("id") or inside:
            out.append({**f, "article_id": article["id"], "outlet": article.get("outlet"),
                        "published": article.get("published"), "url": article.get("url")})
    return out


def describe(group: list[Ev], arts: dict, synd: dict, denials: list[Ev],
             disputes: list[dict] = ()) -> tuple[dict, list[tuple]]:
    group = sorted(group, key=lambda e: e.key)
    first = group[0]
    inc_id = "inc-" + digest(first.article_id, first.event_id, n=12)
    article_ids = sorted({e.article_id for e in group})
    sources = _sources(article_ids, arts, synd)
    src_of = {aid: i for i, s in enumerate(sources) for aid in s}

    weak = {}
    contested = []
    for e in group:
        c = _claim(arts[e.article_id], e.obj.get("claim_id"))
        v = (c or {}).get("verification")
        weak[e.key] = v in WEAK
        if v in DISPUTING:
            contested.append({"reason": f"claim {v}", "article_id": e.article_id, "event_id": e.event_id,
                              "speaker": c.get("speaker"), "content": c.get("content")})
    # A negated report from an independent source denies the incident, when it is as
    # specific as a denial needs to be: the same event type, placed at or near a town
    # ("no strike hit Kursk region" or "did not comment on the strike" deny nothing).
    denial_links = []
    member_outlets = {(arts[a].get("outlet") or "").lower() for a in article_ids}
    for d in denials:
        if d.article_id in src_of or (arts[d.article_id].get("outlet") or "").lower() in member_outlets - {""}:
            continue
        if d.geo_precision > 2 or d.lat is None:
            continue
        if any(d.event_type == m.event_type and compatible(d, m) for m in group):
            denial_links.append(d)
            contested.append({"reason": "denied by another source", "article_id": d.article_id,
                              "event_id": d.event_id, "quote": (d.obj.get("evidence") or {}).get("quote")})

    # Denied/disputed claims about the incident's town, reported within the window after it.
    towns = set().union(*(_towns(e, arts[e.article_id]) for e in group))
    first_day = min(e.day for e in group)
    window = rules()["dispute_window_days"]
    for d in disputes:
        if d["towns"] & towns and -1 <= (d["day"] - first_day).days <= window:
            c = d["claim"]
            contested.append({"reason": f"claim {c.get('verification')}", "article_id": d["article_id"],
                              "claim_id": c.get("id"), "speaker": c.get("speaker"), "content": c.get("content")})

    # Figures per independent source, and conflicts between sources.
    by_source: dict[int, list[dict]] = {}
    for e in group:
        for f in _event_figures(arts[e.article_id], e.obj):
            by_source.setdefault(src_of[e.article_id], []).append(f)
    for s in by_source:  # a figure tied to two member events of one article counts once
        seen, uniq = set(), []
        for f in sorted(by_source[s], key=lambda f: (f["article_id"], f.get("start", 0))):
            if (f["article_id"], f.get("id")) not in seen:
                seen.add((f["article_id"], f.get("id")))
                uniq.append(f)
        by_source[s] = uniq
    figure_table = figs.compare(by_source)
    for q in figure_table:
        if q["conflict"]:
            contested.append({"reason": "conflicting figures", "counts": q["counts"], "unit": q["unit"]})

    # Fatalities: each source's highest (its latest tally), then ACLED's conservative minimum.
    per_source_fat = {}
    for e in group:
        fat = e.obj.get("fatalities")
        if fat is not None:
            s = src_of[e.article_id]
            per_source_fat[s] = max(per_source_fat.get(s, 0), int(fat))
    fat_values = sorted(per_source_fat.values())

    strong_sources = {src_of[e.article_id] for e in group if not weak[e.key]}
    if contested:
        corroboration = "contested"
    elif len(strong_sources) >= 2:
        corroboration = "corroborated"
    else:
        corroboration = "single_source"

    # Where and when: the most precise record, then the earliest report.
    rep = min(group, key=lambda e: (e.geo_precision, e.time_precision, e.key))
    tp = min(e.time_precision for e in group)
    day = min(e.day for e in group if e.time_precision == tp)
    event_type = _majority([e.event_type for e in group])
    typed = [e for e in group if e.event_type == event_type]
    location = None
    rep_places = {p.get("id"): p for p in arts[rep.article_id].get("places") or []}
    for pid in rep.obj.get("place_ids") or []:
        if pid in rep_places:
            location = rep_places[pid].get("name") or rep_places[pid].get("mention")
            break
    evidence = []
    for e in group:
        a = arts[e.article_id]
        evidence.append({"article_id": e.article_id, "event_id": e.event_id, "outlet": a.get("outlet"),
                         "published": a.get("published"), "url": a.get("url"),
                         "quote": (e.obj.get("evidence") or {}).get("quote"), "weak": weak[e.key]})
    pubs = sorted(arts[a].get("published") for a in article_ids if arts[a].get("published"))
    src_list = []
    for i, s in enumerate(sources):
        src_list.append({
            "source": i,
            "outlets": sorted({arts[a].get("outlet") for a in s if arts[a].get("outlet")}),
            "syndicated": len({synd.get(a, a) for a in s}) < len(s),
            "articles": [{"id": a, "outlet": arts[a].get("outlet"), "published": arts[a].get("published"),
                          "url": arts[a].get("url"), "title": arts[a].get("title")}
                         for a in sorted(s, key=lambda a: (arts[a].get("published") or "9999", a))],
        })
    outlets = sorted({arts[a].get("outlet") for a in article_ids if arts[a].get("outlet")})
    urls = [arts[a].get("url") for a in sorted(article_ids, key=lambda a: (arts[a].get("published") or "9999", a))
            if arts[a].get("url")]
    inc = {
        "id": inc_id,
        "event_date": day.isoformat(), "time_precision": tp,
        "first_reported": pubs[0] if pubs else None, "last_reported": pubs[-1] if pubs else None,
        "disorder_type": families()["families"].get(event_type),
        "event_type": event_type,
        "sub_event_type": _majority([e.sub_event_type for e in typed]),
        "actor1": _majority([e.obj.get("actor1") for e in typed]),
        "actor1_country": _majority([e.obj.get("actor1_country") for e in typed]),
        "actor2": _majority([e.obj.get("actor2") for e in typed]),
        "actor2_country": _majority([e.obj.get("actor2_country") for e in typed]),
        "country_code": rep.country, "country": _country_name(rep.country), "admin1": rep.admin1,
        "location": location, "latitude": rep.lat, "longitude": rep.lon, "geo_precision": rep.geo_precision,
        "fatalities": fat_values[0] if fat_values else None,
        "fatalities_low": fat_values[0] if fat_values else None,
        "fatalities_high": fat_values[-1] if fat_values else None,
        "num_articles": len(article_ids), "num_sources": len(sources),
        "corroboration": corroboration,
        "certainty": "reported" if strong_sources else "unverified",
        "notes": _one_line((rep.obj.get("evidence") or {}).get("quote") or "", rules()["notes_max_chars"]),
        "outlets": outlets, "source_urls": urls, "article_ids": article_ids,
        "detail": {"sources": src_list, "figures": figure_table, "contested": contested,
                   "evidence": evidence},
    }
    links = [(inc_id, e.article_id, e.event_id, "member") for e in group]
    links += [(inc_id, d.article_id, d.event_id, "denial") for d in denial_links]
    return inc, links
