"""End to end in Debian's headless Chromium: the map page against a real server on 127.0.0.1.

The store holds the example corpus read by the real pipeline plus the API
tests' hand-built articles (one of them full of markup that must never run).
Each step saves a screenshot under test-output/browser/ (gitignored). The
browser may reach nothing but 127.0.0.1: every other request is aborted
and recorded, and the last test asserts there were none.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import EXAMPLES, ROOT

CHROMIUM = Path(os.environ.get("SITROOM_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent (CI installs Debian's chromium package)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
TIMEOUT_MS = 20_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from sitroom.web import create_app
    from test_web_api import build_store

    db = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    build_store(db, extra_inputs=[EXAMPLES])
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="off"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "db": db}
    srv.should_exit = True
    t.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def outside():
    """Requests to anything but 127.0.0.1, across the module."""
    return []


@pytest.fixture()
def page(browser, server, outside, tmp_path):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})

    def only_local(route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", only_local)
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


def open_app(pg, server, hash_: str = "") -> None:
    pg.goto(server["url"] + "/" + hash_)
    pg.wait_for_selector("body[data-ready='1']")
    settle(pg)


def settle(pg) -> None:
    pg.wait_for_selector("body:not([data-loading])", state="attached")


def api(server, path: str, **params) -> dict:
    import httpx

    if path == "/api/incidents":
        params.setdefault("limit", 5000)
    return httpx.get(server["url"] + path, params=params, timeout=10).json()


def rows(pg) -> list[dict]:
    return pg.eval_on_selector_all(
        "#incidents tbody tr",
        "trs => trs.map(tr => ({id: tr.dataset.id, date: tr.cells[0].textContent, type: tr.cells[1].textContent}))")


def fixture_incident(server, article_id: str) -> dict:
    """The incident the API tests' hand-built article `article_id` belongs to."""
    items = api(server, "/api/incidents", limit=5000)["items"]
    return next(i for i in items if article_id in i["article_ids"])


def drawn(pg) -> int:
    return int(pg.get_attribute("#map", "data-incidents"))


def test_markers_appear_on_the_map(page, server):
    open_app(page, server)
    total = api(server, "/api/incidents")["total"]
    with_coords = [i for i in api(server, "/api/incidents", limit=5000)["items"] if i["latitude"] is not None]
    assert total >= 3 and len(rows(page)) == total
    assert drawn(page) == len(with_coords) >= 3
    # town-level incidents as markers (or clusters of them), region-level as areas
    assert page.locator(".sr-dot, .sr-cluster").count() >= 1
    assert page.locator("path.sr-region").count() == sum(1 for i in with_coords if i["geo_precision"] >= 3) >= 1
    # the hand-built Bryansk-region incident is drawn as its bundled admin1 outline
    # ("Bryansk Oblast" in the store, "Bryansk" in Natural Earth)
    region = fixture_incident(server, "a-region")
    assert region["geo_precision"] == 3 and region["admin1"] == "Bryansk Oblast"
    assert page.locator("path.sr-outline").count() >= 1
    # the bundled outlines were drawn (offline base map)
    assert page.locator(".leaflet-overlay-pane path").count() > 50
    assert not page.errors
    shot(page, "01-map")


def test_type_filter_changes_markers_table_and_url(page, server):
    open_app(page, server)
    before = drawn(page)
    page.select_option("#f-type", "Battles")
    settle(page)
    page.wait_for_function("location.hash.includes('type=Battles')")
    want = api(server, "/api/incidents", type="Battles")
    assert {r["type"] for r in rows(page)} == {"BattlesArmed clash"} or all(
        r["type"].startswith("Battles") for r in rows(page))
    assert len(rows(page)) == want["total"] >= 1
    assert drawn(page) == sum(1 for i in want["items"] if i["latitude"] is not None) < before
    shot(page, "02-type-filter")


def test_date_brush_filters_map_and_table(page, server):
    open_app(page, server)
    before, before_rows = drawn(page), len(rows(page))
    # drag from the first bar to the last but one: the last period drops out
    xs = sorted({round(x, 1) for x in page.eval_on_selector_all(
        "#timeline rect.bar", "rs => rs.map(r => { const b = r.getBoundingClientRect(); return b.x + b.width / 2; })")})
    assert len(xs) >= 3
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(xs[0], y)
    page.mouse.down()
    page.mouse.move((xs[0] + xs[-2]) / 2, y, steps=5)
    page.mouse.move(xs[-2], y, steps=5)
    page.mouse.up()
    page.wait_for_function("location.hash.includes('since=') && location.hash.includes('until=')")
    settle(page)
    state = dict(p.split("=") for p in page.evaluate("location.hash.slice(1)").split("&"))
    got = rows(page)
    assert got, (state, page.text_content("#status"))
    assert all(state["since"] <= r["date"] <= state["until"] for r in got)
    want = api(server, "/api/incidents", since=state["since"], until=state["until"])
    assert len(got) == want["total"] < before_rows
    assert drawn(page) == sum(1 for i in want["items"] if i["latitude"] is not None)
    assert page.input_value("#f-since") == state["since"]
    assert float(page.get_attribute("#brush", "width")) > 0
    shot(page, "03-date-brush")
    page.click("#brush-clear")
    settle(page)
    assert drawn(page) == before


def test_incident_panel_lists_its_sources(page, server):
    open_app(page, server, "#type=Battles")
    inc = fixture_incident(server, "a-ledger")
    page.click(f"#incidents tbody tr[data-id='{inc['id']}']")
    page.wait_for_selector("#panel-body[data-view='incident']")
    settle(page)
    outlets = page.eval_on_selector_all("#panel-body ol.sources li strong", "els => els.map(e => e.textContent)")
    detail = api(server, f"/api/incidents/{inc['id']}")
    assert outlets == [a["outlet"] for a in detail["articles"]] and len(outlets) == inc["num_articles"]
    assert page.locator("#panel-body .evidence blockquote").count() == len(detail["events"])
    assert page.locator("#panel-body table.figures tr.conflict").count() >= 1  # rival figures marked
    assert page.locator("#panel-body ul.claims li").count() == len(detail["claims"])
    assert f"incident={inc['id']}" in page.evaluate("location.hash")
    shot(page, "04-incident-panel")
    # a marker click opens the same kind of panel
    page.click("#panel-close")
    settle(page)
    page.locator(".sr-dot").first.click()
    page.wait_for_selector("#panel-body[data-view='incident']")


def test_article_view_highlights_spans(page, server):
    open_app(page, server, "#type=Battles")
    inc = fixture_incident(server, "a-ledger")
    page.click(f"#incidents tbody tr[data-id='{inc['id']}']")
    page.wait_for_selector("#panel-body[data-view='incident']")
    page.locator("#panel-body ol.sources li button.read").first.click()
    page.wait_for_selector("#panel-body[data-view='article']")
    settle(page)
    art = api(server, f"/api/articles/{page.get_attribute('#panel-body', 'data-id')}")
    text = page.text_content("#panel-body .article-text")
    assert text == art["text"]  # every character shown once, in order
    for kind in ("places", "figures", "claims", "events"):
        assert page.locator(f".article-text span.k-{kind}").count() >= 1, kind
    place = art["places"][0]
    span = page.locator(".article-text span.k-places").first
    assert span.text_content() == place["mention"]
    title = span.get_attribute("title")
    assert f"{place['lat']:.3f}" in title and f"{place['lon']:.3f}" in title  # hover: coordinates
    fig = page.locator(".article-text span.k-figures").first.get_attribute("title")
    assert str(int(art["figures"][0]["value"])) in fig
    assert page.locator(".hl-legend span").count() == 6
    span.hover()
    shot(page, "05-article-view")


def test_untrusted_markup_never_runs(page, server):
    from test_web_api import XSS_IMG, XSS_SCRIPT

    inc = fixture_incident(server, "a-xss")
    open_app(page, server, f"#incident={inc['id']}")
    page.wait_for_selector("#panel-body[data-view='incident']")
    settle(page)
    body = page.text_content("#panel-body")
    assert XSS_SCRIPT in body and XSS_IMG in body  # shown as text
    assert page.text_content(f"#incidents tr[data-id='{inc['id']}'] td.notes") == inc["notes"]
    # the javascript: URL is not a link
    assert page.locator("#panel-body a[href^='javascript']").count() == 0
    page.click("#panel-body ol.sources li[data-article='a-xss'] button.read")
    page.wait_for_selector("#panel-body[data-view='article']")
    settle(page)
    assert XSS_SCRIPT in page.text_content(".article-text")
    page.wait_for_timeout(300)  # time for an injected onerror to fire, if there were one
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[onerror], #panel-body script, #panel-body img, #incidents img").count() == 0
    assert not page.errors
    shot(page, "06-untrusted-markup")


def test_a_shared_url_restores_the_view(page, server):
    inc = fixture_incident(server, "a-region")
    open_app(page, server, f"#type=Strategic+developments&incident={inc['id']}")
    page.wait_for_selector("#panel-body[data-view='incident']")
    assert page.input_value("#f-type") == "Strategic developments"
    assert [r["id"] for r in rows(page)] == [
        i["id"] for i in api(server, "/api/incidents", type="Strategic developments")["items"]]
    href = page.get_attribute("#export-geojson", "href")
    assert href.startswith("/api/export/geojson?") and "type=Strategic+developments" in href
    shot(page, "07-shared-url")


def test_docs_page_works_offline(page, server):
    page.goto(server["url"] + "/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/incidents']")
    shot(page, "08-api-docs")


def test_every_incident_and_article_of_the_corpus_is_served(server):
    """Real readings (not only hand-built ones) go through the API as valid JSON."""
    import httpx

    with httpx.Client(base_url=server["url"], timeout=10) as c:
        incs = c.get("/api/incidents", params={"limit": 5000}).json()["items"]
        assert len(incs) >= 3
        seen = set()
        for inc in incs:
            r = c.get(f"/api/incidents/{inc['id']}")
            assert r.status_code == 200, (inc["id"], r.text[:200])
            seen.update(inc["article_ids"])
        for aid in sorted(seen):
            r = c.get(f"/api/articles/{aid}")
            assert r.status_code == 200 and r.json()["id"] == aid
        assert c.get("/api/stats").json()["articles"] >= 21


# last in the module: every page above has run
def test_the_browser_reached_nothing_but_127_0_0_1(outside):
    assert outside == []
