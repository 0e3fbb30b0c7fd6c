"""What the situation report says, independent of how it is rendered.

Every string here comes from the store (extractive) or is a fixed label;
every item carries the citations (outlet, date, link) of its articles.
"""
from __future__ import annotations

from dataclasses import replace

from sitroom.export.acled import country_info
from sitroom.ids import normalise_text


def cite(a: dict) -> dict:
    return {"outlet": a.get("outlet") or a.get("id"), "published": a.get("published"), "url": a.get("url"),
            "id": a.get("id")}


def _cites(articles: list[dict]) -> list[dict]:
    seen, out = set(), []
    for a in sorted(articles, key=lambda a: (a.get("published") or "9999", a.get("outlet") or "", a["id"])):
        if a["id"] not in seen:
            seen.add(a["id"])
            out.append(cite(a))
    return out


def side_label(side: str | None) -> str:
    if not side:
        return "Unattributed or side unknown"
    name = country_info(side)[0] if len(side) == 2 else None
    return f"{name} ({side})" if name else side


def region_label(inc: dict) -> str:
    return ", ".join(x for x in (inc.get("admin1"), inc.get("country")) if x) or "Location unknown"


def build(store, filters) -> dict:
    from sitroom.store import Filters

    filters = replace(filters or Filters(), limit=None, offset=None)
    incidents = store.incidents(filters)
    articles = {a["id"]: a for a in store.articles()}

    days: dict[str, dict[str, list]] = {}
    for inc in incidents:
        srcs = inc["detail"].get("sources", [])
        item = {
            "id": inc["id"],
            "what": inc.get("sub_event_type") or inc.get("event_type") or "Event",
            "event_type": inc.get("event_type"),
            "where": inc.get("location"),
            "actors": [x for x in (inc.get("actor1"), inc.get("actor2")) if x],
            "fatalities": inc.get("fatalities"), "fatalities_low": inc.get("fatalities_low"),
            "fatalities_high": inc.get("fatalities_high"),
            "num_articles": inc["num_articles"], "num_sources": inc["num_sources"],
            "corroboration": inc["corroboration"], "certainty": inc.get("certainty"),
            "notes": inc.get("notes"),
            "contested": [c["reason"] for c in inc["detail"].get("contested", [])],
            "sources": [{"outlets": s["outlets"], "syndicated": s["syndicated"],
                         "cites": _cites([articles[x["id"]] for x in s["articles"] if x["id"] in articles])}
                        for s in srcs],
        }
        item["sources"].sort(key=lambda s: (s["cites"][0]["published"] or "9999", s["cites"][0]["outlet"] or "")
                             if s["cites"] else ("9999", ""))
        day = inc.get("event_date") or "undated"
        days.setdefault(day, {}).setdefault(region_label(inc), []).append(item)

    # Which articles the report speaks for: those of the selected incidents when a place
    # filter narrows it, else every stored article published in the period.
    if filters.country or filters.admin1:
        in_scope = sorted({aid for inc in incidents for aid in inc["article_ids"]})
    else:
        in_scope = sorted(aid for aid, a in articles.items()
                          if a.get("status") == "ok"
                          and (not filters.since or (a.get("published") or "") >= filters.since)
                          and (not filters.until or (a.get("published") or "9999") <= filters.until))
    claims: dict[str, dict[tuple, dict]] = {}
    for c in store.objects("claims", in_scope):
        side = side_label(c.get("speaker_side"))
        key = (normalise_text(c.get("speaker") or ""), normalise_text(c.get("content") or ""))
        entry = claims.setdefault(side, {}).setdefault(key, {
            "speaker": c.get("speaker"), "cue": c.get("cue"), "content": c.get("content"),
            "verification": set(), "articles": []})
        entry["verification"].add(c.get("verification") or "asserted")
        entry["articles"].append(articles[c["article_id"]])
    claim_sections = []
    for side in sorted(claims, key=lambda s: (s.startswith("Unattributed"), s)):
        items = []
        for e in claims[side].values():
            cites = _cites(e["articles"])
            items.append({**e, "verification": sorted(e["verification"]), "cites": cites,
                          "_sort": (cites[0]["published"] or "9999", cites[0]["outlet"] or "", e["content"] or "")})
        items.sort(key=lambda x: x.pop("_sort"))
        claim_sections.append({"side": side, "claims": items})

    conflicts = []
    for inc in incidents:
        for q in inc["detail"].get("figures", []):
            if not q["conflict"]:
                continue
            rows = []
            for s in q["by_source"]:
                h = s["headline"]
                if h is None:
                    continue
                rows.append({"value": h["value"], "qualifier": h["qualifier"], "mention": h["mention"],
                             "cites": _cites([articles[v["article_id"]] for v in s["values"]
                                              if v["article_id"] in articles])})
            conflicts.append({"incident": inc["id"], "date": inc.get("event_date"), "where": region_label(inc),
                              "what": inc.get("sub_event_type") or inc.get("event_type"),
                              "counts": q["counts"], "unit": q["unit"], "rows": rows})
        for c in inc["detail"].get("contested", []):
            if c["reason"].startswith("denied") or c["reason"].startswith("claim"):
                a = articles.get(c.get("article_id"))
                conflicts.append({"incident": inc["id"], "date": inc.get("event_date"), "where": region_label(inc),
                                  "what": inc.get("sub_event_type") or inc.get("event_type"),
                                  "denial": c.get("quote") or c.get("content"), "reason": c["reason"],
                                  "cites": _cites([a]) if a else []})

    by_corr: dict[str, int] = {}
    for inc in incidents:
        by_corr[inc["corroboration"]] = by_corr.get(inc["corroboration"], 0) + 1
    dates = sorted(inc["event_date"] for inc in incidents if inc.get("event_date"))
    return {
        "filters": {k: v for k, v in (("since", filters.since), ("until", filters.until),
                                      ("country", filters.country), ("admin1", filters.admin1)) if v},
        "period": (dates[0], dates[-1]) if dates else None,
        "n_incidents": len(incidents),
        "n_incident_articles": len({aid for inc in incidents for aid in inc["article_ids"]}),
        "n_articles": len(in_scope),
        "by_corroboration": dict(sorted(by_corr.items())),
        "days": [{"day": d, "regions": [{"region": r, "incidents": days[d][r]} for r in sorted(days[d])]}
                 for d in sorted(days)],
        "claims": claim_sections,
        "conflicts": conflicts,
    }
