"""The web server's JSON API over a real store file: filters, pages, errors, read-only, escaping headers.

The store is built by the store's own writer and fusion from a few articles
written here, so the API tests need no NLP and know exactly what is stored.
The browser tests reuse `build_store` and add the example corpus.
"""
from __future__ import annotations

import pytest

fastapi = pytest.importorskip("fastapi")

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'


def _at(text: str, mention: str, after: int = 0) -> tuple[int, int]:
    i = text.index(mention, after)
    return i, i + len(mention)


def _article(aid, outlet, published, text, events, *, title=None, url=None, places=(), figures=(),
             claims=(), dates=(), framing=()):
    """A read Article whose objects point at real offsets of `text`."""
    from sitroom.article import Article

    a = Article(id=aid, text=text, url=url, title=title, outlet=outlet, published=published)
    for n, (mention, name, fc, cc, admin1, lat, lon, prec) in enumerate(places, 1):
        s, e = _at(text, mention)
        a.places.append({"id": f"p{n}", "mention": mention, "start": s, "end": e, "name": name,
                         "geonameid": None, "feature_code": fc, "country_code": cc, "admin1": admin1,
                         "lat": lat, "lon": lon, "geo_precision": prec, "score": 0.9})
    for n, (mention, value) in enumerate(dates, 1):
        s, e = _at(text, mention)
        a.dates.append({"id": f"d{n}", "mention": mention, "start": s, "end": e, "value": value,
                        "granularity": "day", "end_value": None})
    for n, (mention, value, qualifier, counts) in enumerate(figures, 1):
        s, e = _at(text, mention)
        a.figures.append({"id": f"f{n}", "mention": mention, "start": s, "end": e, "value": value,
                          "low": None, "high": None, "qualifier": qualifier, "unit": None,
                          "counts": counts, "claim_id": None, "event_id": "e1"})
    for n, (speaker, cue, content, side, verification) in enumerate(claims, 1):
        ss, se = _at(text, speaker) if speaker else (None, None)
        cs, ce = _at(text, cue)
        ks, ke = _at(text, content)
        a.claims.append({"id": f"c{n}", "speaker": speaker, "speaker_start": ss, "speaker_end": se,
                         "cue": cue, "cue_start": cs, "cue_end": ce, "content": content,
                         "content_start": ks, "content_end": ke, "speaker_side": side,
                         "verification": verification})
    for n, (mention, kind) in enumerate(framing, 1):
        s, e = _at(text, mention)
        a.framing.append({"id": f"fr{n}", "mention": mention, "start": s, "end": e, "kind": kind})
    for n, ev in enumerate(events, 1):
        quote = ev.pop("quote")
        s, e = _at(text, quote)
        base = {"id": f"e{n}", "event_type": None, "sub_event_type": None, "plover_event": None,
                "plover_mode": None, "actor1": None, "actor1_country": None, "actor2": None,
                "actor2_country": None, "place_ids": ["p1"] if a.places else [], "latitude": None,
                "longitude": None, "country_code": None, "admin1": None, "geo_precision": 1,
                "event_date": None, "time_precision": 1, "fatalities": None,
                "figure_ids": [f["id"] for f in a.figures], "claim_id": "c1" if a.claims else None,
                "evidence": {"start": s, "end": e, "quote": quote}, "confidence": 0.8,
                "negated": False, "hypothetical": False}
        base.update(ev)
        a.events.append(base)
    return a


def fixture_articles() -> list:
    """Four small reports: one battle told by two outlets with rival figures, a drone
    strike reported by a page full of markup, and a region-level emergency dated
    before the example corpus's weeks (so it stays its own incident there)."""
    t1 = ("Ukrainian troops attacked Russian positions near Sudzha on Tuesday, Russia's defence "
          "ministry said. The ministry said around 300 soldiers took part in the assault.")
    t2 = ("Russia's defence ministry said Ukrainian forces crossed the border near Sudzha on Tuesday "
          "with more than 600 soldiers, in what officials called a provocation.")
    t3 = (f"Drones hit an apartment block in Kursk overnight {XSS_SCRIPT} the governor said. "
          f"{XSS_IMG} said the strike injured 13 people in Kursk.")
    t4 = "Bryansk region declared a state of emergency on Wednesday after shelling, the governor said."
    sudzha = ("Sudzha", "Sudzha", "PPLA2", "RU", "Kursk", 51.19, 35.27, 1)
    battle = dict(event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Ukraine",
                  actor1_country="UA", actor2="Military Forces of Russia", actor2_country="RU",
                  latitude=51.19, longitude=35.27, country_code="RU", admin1="Kursk", geo_precision=1,
                  event_date="2024-08-06")
    return [
        _article("a-ledger", "Kyiv Ledger", "2024-08-07", t1,
                 [dict(battle, quote="Ukrainian troops attacked Russian positions near Sudzha on Tuesday")],
                 title="Attack near Sudzha", url="https://kyiv-ledger.example/sudzha", places=[sudzha],
                 dates=[("on Tuesday", "2024-08-06")],
                 figures=[("around 300 soldiers", 300, "about", "soldier")],
                 claims=[("Russia's defence ministry", "said", "Ukrainian troops attacked Russian positions "
                          "near Sudzha on Tuesday", "RU", "asserted")]),
        _article("a-wire", "Continental Wire", "2024-08-07", t2,
                 [dict(battle, quote="Ukrainian forces crossed the border near Sudzha on Tuesday")],
                 title="Provocation, says Moscow", url="https://wire.example/a", places=[sudzha],
                 dates=[("on Tuesday", "2024-08-06")],
                 figures=[("more than 600 soldiers", 600, "at_least", "soldier")],
                 claims=[("Russia's defence ministry", "said", "Ukrainian forces crossed the border near "
                          "Sudzha on Tuesday with more than 600 soldiers", "RU", "asserted")],
                 framing=[("provocation", "loaded_language")]),
        _article("a-xss", f"Courier {XSS_IMG}", "2024-08-11", t3,
                 [dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                       actor1=XSS_SCRIPT, latitude=51.73, longitude=36.19, country_code="RU",
                       admin1="Kursk", geo_precision=1, event_date="2024-08-11",
                       quote=f"Drones hit an apartment block in Kursk overnight {XSS_SCRIPT}")],
                 title=f"Strike {XSS_SCRIPT}", url="javascript:window.__pwned=1",
                 places=[("Kursk", "Kursk", "PPLA", "RU", "Kursk", 51.73, 36.19, 1)],
                 figures=[("13 people", 13, "exact", "people")],
                 claims=[(XSS_IMG, "said", "the strike injured 13 people in Kursk", "RU", "hedged")],
                 framing=[(XSS_SCRIPT, "loaded_language")]),
        _article("a-region", "Dnipro Dispatch", "2024-08-01", t4,
                 [dict(event_type="Strategic developments", sub_event_type="Other", latitude=53.25,
                       longitude=34.37, country_code="RU", admin1="Bryansk Oblast", geo_precision=3,
                       event_date="2024-07-31",
                       quote="Bryansk region declared a state of emergency on Wednesday")],
                 title="Emergency in Bryansk", url="https://dnipro.example/b",
                 places=[("Bryansk region", "Bryansk Oblast", "ADM1", "RU", "Bryansk Oblast", 53.25, 34.37, 3)],
                 dates=[("on Wednesday", "2024-07-31")]),
    ]


def build_store(path, extra_inputs=()) -> None:
    """Write the fixture articles (and optionally real inputs through the pipeline), then fuse."""
    from sitroom.fusion import fuse
    from sitroom.store import Store

    with Store(path) as s:
        for a in fixture_articles():
            s.put(a)
        if extra_inputs:
            from sitroom.ingest import Options, iter_articles
            from sitroom.store.ingest import ingest

            ingest(s, iter_articles([str(p) for p in extra_inputs], Options()))
        fuse(s)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from sitroom.web import create_app

    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as c:
        yield c


def test_incidents_lists_everything_with_page_info(client):
    r = client.get("/api/incidents")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(body["items"]) >= 3
    assert body["offset"] == 0 and body["limit"] == 100
    types = {i["event_type"] for i in body["items"]}
    assert {"Battles", "Explosions/Remote violence", "Strategic developments"} <= types
    battle = next(i for i in body["items"] if i["event_type"] == "Battles")
    # the two outlets' reports of one clash are one incident with two sources
    assert battle["num_sources"] == 2 and battle["article_ids"] == ["a-ledger", "a-wire"]


def test_lists_can_leave_out_detail(client):
    full = client.get("/api/incidents").json()["items"]
    slim = client.get("/api/incidents", params={"detail": "false"}).json()["items"]
    assert all("sources" in i["detail"] for i in full) and all("detail" not in i for i in slim)
    assert [{k: v for k, v in i.items() if k != "detail"} for i in full] == slim


def test_pagination_walks_the_same_order(client):
    whole = client.get("/api/incidents").json()["items"]
    pages = []
    for off in range(0, len(whole)):
        p = client.get("/api/incidents", params={"limit": 1, "offset": off}).json()
        assert p["total"] == len(whole) and len(p["items"]) == 1
        pages += p["items"]
    assert [i["id"] for i in pages] == [i["id"] for i in whole]
    assert client.get("/api/incidents", params={"offset": 999}).json()["items"] == []


@pytest.mark.parametrize("params, expect_types", [
    ({"type": "Battles"}, {"Battles"}),
    ({"type": "air/drone strike"}, {"Explosions/Remote violence"}),
    ({"since": "2024-08-10"}, {"Explosions/Remote violence"}),
    ({"until": "2024-08-01"}, {"Strategic developments"}),
    ({"since": "2024-08-06", "until": "2024-08-11"}, {"Battles", "Explosions/Remote violence"}),
    ({"admin1": "bryansk oblast"}, {"Strategic developments"}),
    ({"min_sources": 2}, {"Battles"}),
    ({"actor": "UA"}, {"Battles"}),
    ({"q": "apartment block"}, {"Explosions/Remote violence"}),
    ({"bbox": "34,53,35,54"}, {"Strategic developments"}),
    ({"country": "UA"}, set()),
])
def test_filters_match_the_store_query(client, db, params, expect_types):
    from sitroom.store import Filters, Store

    body = client.get("/api/incidents", params=params).json()
    assert {i["event_type"] for i in body["items"]} == expect_types
    with Store(db, read_only=True) as s:
        direct = s.incidents(Filters.from_mapping(params))
    assert [i["id"] for i in body["items"]] == [i["id"] for i in direct]
    stats = client.get("/api/stats", params=params).json()
    assert stats["incidents"] == body["total"] == len(direct)


def test_contested_figures_reach_the_api(client):
    battle = client.get("/api/incidents", params={"type": "Battles"}).json()["items"][0]
    assert battle["corroboration"] == "contested"
    assert client.get("/api/incidents", params={"corroboration": "contested"}).json()["total"] >= 1
    one = client.get(f"/api/incidents/{battle['id']}").json()
    assert [a["outlet"] for a in one["articles"]] == ["Continental Wire", "Kyiv Ledger"] or \
        sorted(a["outlet"] for a in one["articles"]) == ["Continental Wire", "Kyiv Ledger"]
    soldiers = [q for q in one["detail"]["figures"] if q["counts"] == "soldier"]
    assert soldiers and soldiers[0]["conflict"] is True
    assert {c["speaker"] for c in one["claims"]} == {"Russia's defence ministry"}
    assert all(e["evidence"]["quote"] for e in one["events"])


def test_article_returns_text_and_objects(client):
    a = client.get("/api/articles/a-xss").json()
    assert a["text"].count(XSS_SCRIPT) == 1  # stored and served as data, unchanged
    for kind in ("places", "figures", "claims", "events", "framing"):
        assert a[kind], kind
    ev = a["events"][0]["evidence"]
    assert a["text"][ev["start"]:ev["end"]] == ev["quote"]


@pytest.mark.parametrize("path, params", [
    ("/api/incidents", {"since": "yesterday"}),
    ("/api/incidents", {"until": "2024-13-01"}),
    ("/api/incidents", {"min_sources": "two"}),
    ("/api/incidents", {"min_sources": -1}),
    ("/api/incidents", {"corroboration": "maybe"}),
    ("/api/incidents", {"bbox": "1,2,3"}),
    ("/api/incidents", {"limit": 0}),
    ("/api/incidents", {"limit": 100000}),
    ("/api/incidents", {"offset": -5}),
    ("/api/incidents", {"since": "2024-08-20", "until": "2024-08-01"}),
    ("/api/stats", {"bbox": "a,b,c,d"}),
])
def test_bad_filters_are_422_with_a_message(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] == 422 and body["error"].startswith("invalid parameter: ")
    assert next(iter(params)) in body["error"]


@pytest.mark.parametrize("path", ["/api/incidents/inc-nope", "/api/articles/nope", "/api/nothing"])
def test_unknown_ids_are_404_json(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "not found" in r.json()["error"] or "no such path" in r.json()["error"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize("path", ["/api/incidents", "/api/articles/a-xss", "/", "/static/app.js"])
def test_the_server_never_writes(client, db, method, path):
    from sitroom.store import Store

    r = client.request(method.upper(), path, json={"id": "x"})
    assert r.status_code == 405 and "read-only" in r.json()["error"]
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 4


def test_page_and_assets_are_served_from_the_package_with_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    import re

    refs = [u for u in re.findall(r'(?:src|href)="([^"]+)"', r.text) if u != "#"]
    assert refs and all(u.startswith("/") for u in refs), refs  # nothing from another host
    for u in refs:
        assert client.get(u).status_code == 200, u
    assert "<script>" not in r.text.replace('<script src="', "")  # no inline script
    assert client.get("/static/basemap/countries-50m.json").json()["type"] == "Topology"


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    for p in ("/api/incidents", "/api/incidents/{incident_id}", "/api/articles/{article_id}", "/api/stats"):
        assert "get" in spec["paths"][p]
    names = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {"since", "until", "country", "admin1", "type", "actor", "min_sources", "corroboration",
            "bbox", "q", "limit", "offset"} <= names
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


def test_missing_store_is_a_clear_503(tmp_path):
    from fastapi.testclient import TestClient

    from sitroom.web import create_app

    with TestClient(create_app(str(tmp_path / "none.duckdb"))) as c:
        r = c.get("/api/incidents")
    assert r.status_code == 503 and "sitroom ingest" in r.json()["error"]


def test_serve_command_is_registered_and_documented():
    from conftest import run_cli

    r = run_cli("serve", "--help")
    assert r.returncode == 0
    out = r.stdout.decode()
    for opt in ("--db", "--host", "--port", "--tiles", "127.0.0.1"):
        assert opt in out
    r = run_cli("serve", "--db", "/nonexistent/x.duckdb")
    assert r.returncode == 2 and b"does not exist" in r.stderr


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson"])
def test_export_is_the_cli_writer_over_the_same_filters(client, db, fmt):
    import io

    from sitroom.export import write
    from sitroom.store import Filters, Store

    params = {"since": "2024-08-06", "until": "2024-08-11"}
    r = client.get(f"/api/export/{fmt}", params=params)
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    buf = io.StringIO()
    with Store(db, read_only=True) as s:
        n = write(s, Filters.from_mapping(params), fmt, buf)
    assert n == 2 and r.text == buf.getvalue()
    if fmt == "geojson":
        assert len(r.json()["features"]) == 2
    assert client.get("/api/export/xlsx").status_code == 422


def test_tiles_option_reaches_the_page_and_the_policy(db):
    from fastapi.testclient import TestClient

    from sitroom.web import create_app

    url = "https://{s}.tiles.example/{z}/{x}/{y}.png"
    with TestClient(create_app(str(db), tiles=url)) as c:
        assert c.get("/api/config").json()["tiles"] == url
        csp = c.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example;" in csp
    with TestClient(create_app(str(db))) as c:
        assert c.get("/api/config").json()["tiles"] is None
        assert "img-src 'self' data:;" in c.get("/").headers["content-security-policy"]


def test_serve_runs_on_127_0_0_1(db):
    """The real command in a subprocess: binds loopback by default and answers."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sitroom", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] == 4
        assert httpx.post(f"http://127.0.0.1:{port}/api/incidents", timeout=2).status_code == 405
    finally:
        proc.terminate()
        proc.wait(10)
    assert f"http://127.0.0.1:{port}/" in proc.stderr.read().decode()


def test_bundled_base_map_has_admin1_outlines_and_stays_small():
    from pathlib import Path

    import sitroom.web as web

    base = Path(web.__file__).parent / "static" / "basemap"
    index = __import__("json").loads((base / "admin1" / "index.json").read_text())
    assert index["admin1"]["RU"] >= 80 and index["admin1"]["UA"] >= 25
    assert index["iso_numeric"]["RU"] == "643"
    ru = __import__("json").loads((base / "admin1" / "RU.json").read_text())
    names = {g["properties"]["name"] for g in ru["objects"]["admin1"]["geometries"]}
    assert {"Kursk", "Belgorod", "Bryansk"} <= names
    static = base.parent
    size = sum(p.stat().st_size for p in static.rglob("*") if p.is_file())
    assert size < 8_000_000, size


def test_admin1_simplification_keeps_shared_endpoints():
    from sitroom.web.build_admin1 import simplify_topology

    # one quantized arc: a straight line with a bump, then a straight run
    arc = [[0, 0], [1, 0], [1, 0], [1, 1000], [1, -1000], [1, 0], [1, 0]]
    topo = {"type": "Topology", "transform": {"scale": [0.001, 0.001], "translate": [30, 50]},
            "arcs": [arc], "objects": {"x": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "XX.AA", "properties": {"name": "A"}},
                {"type": "Polygon", "arcs": [[0]], "id": "-99", "properties": {"name": None}}]}}}
    out = simplify_topology(topo, tol=0.01)
    (kept,) = out["arcs"]
    absolute = [sum(p[0] for p in kept[:i + 1]) for i in range(len(kept))]
    assert absolute[0] == 0 and absolute[-1] == 6  # endpoints survive: neighbours still meet
    assert len(kept) < len(arc) and any(p[1] != 0 for p in kept)  # the bump (1 km) is kept
    assert [g["properties"] for g in out["objects"]["admin1"]["geometries"]] == [{"name": "A", "code": "XX.AA"}]
