"""Fusion on hand-built contract dicts: every merge rule, sources, corroboration, stable ids."""
from __future__ import annotations

import random

import pytest

from sitroom.article import Article
from sitroom.fusion import build, fuse
from sitroom.fusion.figures import consistent
from sitroom.store import Filters, Store

KURSK = (51.73, 36.19)
SUDZHA = (51.19, 35.27)
WIRE = ("Russia's defence ministry said its air defences destroyed 117 drones and four Tochka-U "
        "missiles over several regions overnight, including 37 over Kursk and 31 over Voronezh. "
        "Ukraine targeted the airfields at Borisoglebsk, Savasleyka, Voronezh and Kursk, the ministry "
        "said, adding that there were no casualties among personnel. Regional officials reported "
        "damage to several houses and a power line in the Kursk region after the attack.")


def ev(eid="e1", where=KURSK, day="2024-08-14", quote="drones struck", start=0, **kw):
    d = {"id": eid, "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "plover_event": "ASSAULT", "plover_mode": "drone", "actor1": "Military Forces of Ukraine",
         "actor1_country": "UA", "actor2": None, "actor2_country": None, "place_ids": [],
         "latitude": where[0], "longitude": where[1], "country_code": "RU", "admin1": "Kursk",
         "geo_precision": 1, "event_date": day, "time_precision": 1, "fatalities": None, "figure_ids": [],
         "claim_id": None, "evidence": {"start": start, "end": start + len(quote), "quote": quote},
         "confidence": 0.8, "negated": False, "hypothetical": False}
    d.update(kw)
    return d


def art(aid, outlet, published="2024-08-14", text=None, events=(), figures=(), claims=()):
    text = text or f"{outlet} report {aid}: " + " ".join(f"w{aid}{i}" for i in range(40))
    return {"id": aid, "outlet": outlet, "published": published, "url": f"https://{aid}.example/",
            "title": None, "text": text, "status": "ok", "places": [], "events": list(events),
            "figures": list(figures), "claims": list(claims)}


def fig(fid, value, counts="drone", qualifier="exact", start=0, end=3, event_id="e1", **kw):
    return {"id": fid, "mention": str(value), "start": start, "end": end, "value": value, "low": kw.get("low"),
            "high": kw.get("high"), "qualifier": qualifier, "unit": None, "counts": counts,
            "claim_id": None, "event_id": event_id}


def one(articles):
    incidents, links, _ = build(articles)
    assert len(incidents) == 1, [(i["id"], i["article_ids"]) for i in incidents]
    return incidents[0]


def test_independent_reports_of_one_strike_merge_and_corroborate():
    inc = one([art("a", "Kyiv Ledger", events=[ev()]),
               art("b", "Moscow Courier", "2024-08-15", events=[ev(where=(51.75, 36.15), day="2024-08-15")])])
    assert (inc["num_articles"], inc["num_sources"], inc["corroboration"]) == (2, 2, "corroborated")
    assert inc["first_reported"] == "2024-08-14" and inc["event_date"] == "2024-08-14"
    assert inc["disorder_type"] == "Political violence"


@pytest.mark.parametrize("other", [
    {"where": SUDZHA},                                             # ~80 km away at town precision
    {"day": "2024-08-17"},                                         # three days apart at day precision
    {"event_type": "Protests", "sub_event_type": "Peaceful protest"},  # another family
    {"actor1": "Military Forces of Russia", "actor1_country": "RU"},   # another perpetrator
    {"country_code": "UA", "admin1": "Sumy"},
])
def test_incompatible_records_stay_apart(other):
    incidents, _, _ = build([art("a", "Kyiv Ledger", events=[ev()]),
                             art("b", "Moscow Courier", events=[ev(**other)])])
    assert len(incidents) == 2
    assert {i["corroboration"] for i in incidents} == {"single_source"}


def test_coarser_precision_widens_place_and_date():
    region = ev(where=(51.5, 36.0), geo_precision=3, day="2024-08-12", time_precision=2)
    inc = one([art("a", "Kyiv Ledger", events=[ev()]), art("b", "Volga Observer", events=[region])])
    assert inc["geo_precision"] == 1 and inc["latitude"] == KURSK[0]  # the most precise record places it
    assert inc["time_precision"] == 1 and inc["event_date"] == "2024-08-14"


def test_battle_sides_may_be_named_in_either_order():
    b1 = ev(event_type="Battles", sub_event_type="Armed clash", actor2="Military Forces of Russia",
            actor2_country="RU")
    b2 = ev(event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Russia",
            actor1_country="RU", actor2="Military Forces of Ukraine", actor2_country="UA")
    assert one([art("a", "A", events=[b1]), art("b", "B", events=[b2])])["num_sources"] == 2


def test_wire_copies_count_once_and_same_outlet_counts_once():
    copy = WIRE.replace("Russia's defence ministry", "The Russian defence ministry") + " Share this article."
    inc = one([art("w", "Continental Wire", text=WIRE, events=[ev()]),
               art("c1", "Northsea Times", text="MOSCOW - " + copy, events=[ev()]),
               art("c2", "Geneva Monitor", "2024-08-15", text=copy, events=[ev()]),
               art("k1", "Kyiv Ledger", events=[ev()]),
               art("k2", "Kyiv Ledger", "2024-08-15", events=[ev(day="2024-08-15")])])
    assert inc["num_articles"] == 5 and inc["num_sources"] == 2
    wire = [s for s in inc["detail"]["sources"] if "Continental Wire" in s["outlets"]][0]
    assert wire["syndicated"] and len(wire["articles"]) == 3


def test_wire_copies_alone_are_not_corroboration():
    inc = one([art("w", "Continental Wire", text=WIRE, events=[ev()]),
               art("c", "Northsea Times", text=WIRE + " Share this article.", events=[ev()])])
    assert (inc["num_sources"], inc["corroboration"]) == (1, "single_source")


def test_conflicting_figures_between_sources_are_contested():
    inc = one([art("a", "Continental Wire", events=[ev()], figures=[fig("f1", 117)]),
               art("b", "Volga Observer", events=[ev()], figures=[fig("f1", 120)])])
    assert inc["corroboration"] == "contested"
    (q,) = inc["detail"]["figures"]
    assert q["conflict"] and [s["headline"]["value"] for s in q["by_source"]] == [117, 120]


def test_qualified_figures_that_overlap_agree():
    assert consistent({"value": 120, "qualifier": "about"}, {"value": 117, "qualifier": "exact"})
    assert consistent({"value": 5, "qualifier": "at_least"}, {"value": 12, "qualifier": "exact"})
    assert not consistent({"value": 13, "qualifier": "exact"}, {"value": 15, "qualifier": "exact"})
    assert consistent({"value": 300, "qualifier": "vague"}, {"value": 3, "qualifier": "exact"})
    inc = one([art("a", "A", events=[ev()], figures=[fig("f1", 117)]),
               art("b", "B", events=[ev()], figures=[fig("f1", 120, qualifier="about")])])
    assert inc["corroboration"] == "corroborated"


def test_parts_given_by_one_source_are_not_rival_totals():
    inc = one([art("a", "A", events=[ev()], figures=[fig("f1", 117), fig("f2", 37, start=5, end=7)]),
               art("b", "B", events=[ev()], figures=[fig("f1", 117)])])
    assert inc["corroboration"] == "corroborated"


def test_denial_by_another_party_contests():
    denial = ev(negated=True, quote="no drones hit Kursk")
    inc = one([art("a", "Kyiv Ledger", events=[ev()]), art("b", "Volga Observer", events=[denial])])
    assert inc["corroboration"] == "contested" and inc["num_sources"] == 1
    assert inc["detail"]["contested"][0]["reason"] == "denied by another source"
    vague = ev(negated=True, geo_precision=3, quote="the ministry did not comment on the strike")
    assert one([art("a", "Kyiv Ledger", events=[ev()]),
                art("b", "Volga Observer", events=[vague])])["corroboration"] == "single_source"
    claim = {"id": "c1", "speaker": "The ministry", "verification": "denied", "content": "x"}
    inc = one([art("a", "Kyiv Ledger", events=[ev(claim_id="c1")], claims=[claim])])
    assert inc["corroboration"] == "contested"


def test_hypothetical_do_not_happen_and_hedged_do_not_corroborate():
    incidents, _, _ = build([art("a", "A", events=[ev(hypothetical=True)])])
    assert incidents == []
    hedged = {"id": "c1", "speaker": None, "verification": "hedged", "content": "x"}
    inc = one([art("a", "A", events=[ev()]), art("b", "B", events=[ev(claim_id="c1")], claims=[hedged])])
    assert inc["num_sources"] == 2 and inc["corroboration"] == "single_source"
    inc = one([art("b", "B", events=[ev(claim_id="c1")], claims=[hedged])])
    assert inc["certainty"] == "unverified"


def test_background_recalled_from_long_ago_makes_no_incident():
    invasion = ev("e2", day="2022-02", time_precision=3, event_type="Battles", sub_event_type="Armed clash")
    incidents, _, _ = build([art("a", "A", "2024-08-14", events=[ev(), invasion])])
    assert [i["event_type"] for i in incidents] == ["Explosions/Remote violence"]
    # "in 2023" read as late as 31 December 2023: within a year of an August 2024 report
    recent = ev("e3", day="2023", time_precision=3, event_type="Battles", sub_event_type="Armed clash")
    incidents, _, _ = build([art("a", "A", "2024-08-14", events=[recent])])
    assert len(incidents) == 1
    # undated reports cannot tell background from news: kept
    incidents, _, _ = build([art("a", "A", None, events=[invasion])])
    assert len(incidents) == 1


def test_fatalities_are_conservative_with_range():
    inc = one([art("a", "A", events=[ev(fatalities=5)]),
               art("a2", "A", "2024-08-15", events=[ev(fatalities=6, day="2024-08-15")]),
               art("b", "B", events=[ev(fatalities=12)]), art("c", "C", events=[ev()])])
    # Source A's latest tally is 6; across sources ACLED takes the lowest.
    assert (inc["fatalities"], inc["fatalities_low"], inc["fatalities_high"]) == (6, 6, 12)


def _corpus():
    arts = []
    for i in range(12):
        where = [KURSK, SUDZHA, (50.6, 36.6)][i % 3]
        day = f"2024-08-{10 + i % 4:02d}"
        arts.append(art(f"a{i:02d}", f"Outlet {i % 5}", day,
                        events=[ev(where=where, day=day), ev("e2", where=SUDZHA, day="2024-08-16",
                                                              event_type="Battles", sub_event_type="Armed clash")],
                        figures=[fig("f1", 100 + i % 2)]))
    arts.append(art("w0", "Continental Wire", text=WIRE, events=[ev()]))
    arts.append(art("w1", "Northsea Times", text=WIRE + " Credit: Continental Wire.", events=[ev()]))
    return arts


def test_ids_do_not_depend_on_order():
    base = build(_corpus())
    for seed in range(5):
        shuffled = _corpus()
        random.Random(seed).shuffle(shuffled)
        assert build(shuffled) == base


def test_shuffled_ingest_then_incremental_equals_rebuild(tmp_path):
    results = []
    for seed in (1, 2):
        arts = _corpus()
        random.Random(seed).shuffle(arts)
        with Store(tmp_path / f"s{seed}.duckdb") as s:
            half = len(arts) // 2
            for a in arts[:half]:
                s.put(Article.from_dict(a))
            fuse(s)
            for a in arts[half:]:
                s.put(Article.from_dict(a))
            assert not fuse(s)["up_to_date"]
            assert fuse(s)["up_to_date"]
            incremental = s.incidents()
            fuse(s, rebuild=True)
            assert s.incidents() == incremental
            results.append(incremental)
            assert s.incidents(Filters(min_sources=2))
            full = s.incident(incremental[0]["id"])
            assert full["events"] and full["articles"]
    assert results[0] == results[1]


def test_wire_copies_of_an_unplaced_event_are_one_incident():
    unplaced = dict(latitude=None, longitude=None, country_code=None, admin1=None,
                    quote="Russia said it had shot down 117 drones")
    incidents, _, synd = build([art("w", "Continental Wire", text=WIRE, events=[ev(**unplaced)]),
                                art("c", "Northsea Times", text="LONDON - " + WIRE, events=[ev(**unplaced)]),
                                art("k", "Kyiv Ledger", events=[ev(**unplaced)])])
    assert synd["c"] == synd["w"] and synd["k"] == "k"
    # The copies merge; the independent report cannot be placed, so it stays apart.
    assert sorted(i["num_articles"] for i in incidents) == [1, 2]


def test_region_level_record_fits_any_place_in_its_region():
    town = ev(where=(51.37, 42.10), admin1="Voronezh")                        # Borisoglebsk
    region = ev(where=(51.67, 39.19), admin1="Voronezh", geo_precision=3)     # oblast centroid, ~200 km off
    assert one([art("a", "A", events=[town]), art("b", "B", events=[region])])["num_sources"] == 2
    other = ev(where=(51.67, 39.19), admin1="Belgorod", geo_precision=3)
    assert len(build([art("a", "A", events=[town]), art("b", "B", events=[other])])[0]) == 2


def _place(pid, name, start, gid, prec=1):
    return {"id": pid, "mention": name, "start": start, "end": start + len(name), "name": name,
            "geonameid": gid, "feature_code": "PPL", "country_code": "RU", "admin1": "Kursk",
            "lat": SUDZHA[0], "lon": SUDZHA[1], "geo_precision": prec, "score": 0.9}


def test_a_denied_claim_naming_the_town_contests_the_incident():
    capture = art("k", "Kyiv Ledger", "2024-08-15", events=[ev(where=SUDZHA, day="2024-08-15", place_ids=["p1"])])
    capture["places"] = [_place("p1", "Sudzha", 0, 486816)]
    text = "The ministry denied claims from Kyiv about the capture of Sudzha."
    denial = art("v", "Volga Observer", "2024-08-16", text=text)
    denial["claims"] = [{"id": "c1", "speaker": "The ministry", "verification": "denied",
                         "content": text[20:-1], "content_start": 20, "content_end": len(text) - 1}]
    denial["places"] = [_place("p1", "Sudzha", text.index("Sudzha"), 486816)]
    inc = one([capture, denial])
    assert inc["corroboration"] == "contested"
    assert inc["detail"]["contested"][0] == {"reason": "claim denied", "article_id": "v", "claim_id": "c1",
                                             "speaker": "The ministry", "content": text[20:-1]}
    late = dict(denial, published="2024-09-10")
    assert one([capture, late])["corroboration"] == "single_source"
    elsewhere = dict(denial, places=[_place("p1", "Sudzha", text.index("Sudzha"), 999)])
    assert one([capture, elsewhere])["corroboration"] == "single_source"


def test_a_capital_named_in_a_denial_is_the_government_not_the_place():
    kyiv = (50.45, 30.52)
    strike = art("k", "Kyiv Ledger", "2024-08-15", events=[ev(where=kyiv, day="2024-08-15", place_ids=["p1"],
                                                              country_code="UA", admin1="Kyiv City")])
    strike["places"] = [dict(_place("p1", "Kyiv", 0, 703448), feature_code="PPLC")]
    text = "The ministry denied claims from Kyiv."
    denial = art("v", "Volga Observer", "2024-08-16", text=text)
    denial["claims"] = [{"id": "c1", "speaker": "The ministry", "verification": "denied",
                         "content": text[20:-1], "content_start": 20, "content_end": len(text) - 1}]
    denial["places"] = [dict(_place("p1", "Kyiv", text.index("Kyiv"), 703448), feature_code="PPLC")]
    assert one([strike, denial])["corroboration"] == "single_source"


def test_region_level_record_meets_a_town_one_only_for_the_same_act():
    town = ev(sub_event_type="Shelling/artillery/missile attack")
    region = ev(where=(51.5, 36.0), geo_precision=3, time_precision=2)  # an air/drone strike somewhere in Kursk
    assert len(build([art("a", "A", events=[town]), art("b", "B", events=[region])])[0]) == 2
    same_act = ev(where=(51.5, 36.0), geo_precision=3, time_precision=2, sub_event_type="Shelling/artillery/missile attack")
    assert one([art("a", "A", events=[town]), art("b", "B", events=[same_act])])["num_sources"] == 2
