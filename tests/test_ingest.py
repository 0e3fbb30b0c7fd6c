"""Ingestion: every input kind becomes Articles, in order, and nothing is dropped."""
from __future__ import annotations

import io
import json

import pytest

from sitroom.ingest import Options, iter_articles
from sitroom.ingest.web import FetchLimits
from webserver import LocalServer, slow_handler

BODY = (
    "Ukrainian drones struck an oil depot in the Rostov region overnight, the regional governor said on "
    "Wednesday, adding that firefighters had contained the blaze by morning. Russia's defence ministry said "
    "its air defences destroyed 35 drones over several regions, including Belgorod, Kursk and Voronezh. "
    "Kyiv did not comment on the claims, which could not be independently verified."
)


def page(title="Drones hit Rostov depot", body=BODY, site="Kyiv Ledger", date="2024-08-14",
         author="Olena Bondar"):
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{date}T09:30:00+00:00">'
        f'<meta name="author" content="{author}"></head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Copyright 2024 {site}. All rights reserved.</footer></body></html>"
    )


def rss(items: list[str], title="Kyiv Ledger", updated="Thu, 15 Aug 2024 08:00:00 GMT"):
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://kyiv-ledger.example/</link>"
        f"<description>News</description><lastBuildDate>{updated}</lastBuildDate>"
        + "".join(items) + "</channel></rss>"
    )


def item(title, link=None, date=None, summary=None):
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if summary:
        parts.append(f"<description>{summary}</description>")
    return "<item>" + "".join(parts) + "</item>"


def read(*inputs, **opts):
    return list(iter_articles([str(i) for i in inputs], Options(**opts)))


# --- files -----------------------------------------------------------------

def test_txt_text_is_unchanged_and_id_is_stable(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Line one.\r\nLine two \u2019quoted\u2019.\n", encoding="utf-8")
    (a,) = read(p)
    assert a.text == p.read_bytes().decode("utf-8")
    (b,) = read(p)
    assert a.id == b.id and a.id.startswith("t")
    assert a.published is None and a.extractable


def test_published_precedence(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": "x" * 50, "published": "2024-08-10"}) + "\n"
                 + json.dumps({"text": "y" * 50}) + "\n", encoding="utf-8")
    a, b = read(p, published="2024-08-15")
    assert a.published == "2024-08-10"  # the input field wins
    assert b.published == "2024-08-15"  # then --published
    h = tmp_path / "p.html"
    h.write_text(page(date="2024-08-14"), encoding="utf-8")
    (c,) = read(h)
    assert c.published == "2024-08-14"  # then the page's metadata
    (d,) = read(h, published="2024-08-15")
    assert d.published == "2024-08-15"


def test_html_extracts_body_and_metadata(tmp_path):
    p = tmp_path / "story.html"
    p.write_text(page(), encoding="utf-8")
    (a,) = read(p)
    assert "Rostov region overnight" in a.text
    assert "All rights reserved" not in a.text and "Home" not in a.text.split()[:2]
    assert a.title == "Drones hit Rostov depot"
    assert a.outlet == "Kyiv Ledger"
    assert a.published == "2024-08-14"
    assert a.meta["author"] == "Olena Bondar"


def test_html_without_article_body(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    (a,) = read(p)
    assert not a.extractable and a.has_error
    assert "no article body" in a.warnings[0]["message"]


def test_json_and_jsonl_records(tmp_path):
    j = tmp_path / "one.json"
    j.write_text(json.dumps({"id": "k1", "text": "Hello.", "outlet": "Wire", "url": "https://w.example/1"}))
    lst = tmp_path / "many.json"
    lst.write_text(json.dumps([{"id": "k2", "text": "A."}, {"id": "k3", "text": "B."}]))
    (a,) = read(j)
    assert (a.id, a.text, a.outlet, a.url) == ("k1", "Hello.", "Wire", "https://w.example/1")
    assert [x.id for x in read(lst)] == ["k2", "k3"]


def test_jsonl_bad_lines_are_accounted_for_in_order(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_bytes(b'{"id": "a", "text": "First."}\n'
                  b"{not json\n"
                  b'{"id": "c", "title": "no text"}\n'
                  b'{"id": "d", "text": 5}\n'
                  b'["a list"]\n'
                  b'{"id": "f", "text": "Last."}\n')
    out = read(p)
    assert len(out) == 6
    assert [a.id for a in out][0] == "a" and out[-1].id == "f"
    assert out[2].id == "c" and out[3].id == "d"
    msgs = [a.warnings[0]["message"] if a.warnings else "" for a in out]
    assert "line 2 is not valid JSON" in msgs[1]
    assert "no 'text' field" in msgs[2]
    assert "not a string" in msgs[3]
    assert "not an object" in msgs[4]
    assert [a.extractable for a in out] == [True, False, False, False, False, True]


def test_jsonl_is_streamed_not_loaded(tmp_path):
    p = tmp_path / "big.jsonl"
    with open(p, "w") as f:
        for i in range(100_000):
            f.write(json.dumps({"id": f"n{i}", "text": "Short text."}) + "\n")
    it = iter_articles([str(p)], Options())
    first = next(it)
    assert first.id == "n0"
    # The reader holds one line at a time: after the first article, the file
    # has been read only a small way in.
    import gc

    handles = [o for o in gc.get_objects() if isinstance(o, io.BufferedReader) and o.name == str(p)]
    assert handles and handles[0].tell() < 1_000_000
    assert sum(1 for _ in it) == 99_999


def test_directory_is_read_recursively_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second text.")
    (tmp_path / "1.txt").write_text("First text.")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    out = read(tmp_path)
    assert [a.text for a in out] == ["First text.", "Second text."]


def test_stdin():
    (a,) = list(iter_articles(["-"], Options(stdin=io.BytesIO("From stdin.\n".encode()))))
    assert a.text == "From stdin.\n"


# --- bad input ---------------------------------------------------------------

def test_empty_binary_and_invalid_utf8(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Kharkiv caf\xe9 shelled.".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    out = read(tmp_path / "empty.txt", tmp_path / "image.txt", tmp_path / "latin1.txt", missing)
    assert len(out) == 4
    empty, binary, latin, gone = out
    assert empty.text == "" and empty.extractable  # the pipeline reports emptiness
    assert not binary.extractable and "binary" in binary.warnings[0]["message"]
    assert latin.extractable and "invalid UTF-8" in latin.warnings[0]["message"]
    assert "\ufffd" in latin.text
    assert not gone.extractable and "no such file" in gone.warnings[0]["message"]


# --- URLs and feeds over a real local HTTP server ------------------------------

@pytest.fixture()
def server():
    with LocalServer() as s:
        yield s


def test_url_html(server):
    server.add("/story", page())
    (a,) = read(server.url("/story"))
    assert a.extractable and "Rostov region" in a.text
    assert a.url == server.url("/story") and a.id.startswith("u")
    assert a.outlet == "Kyiv Ledger"


def test_url_plain_text(server):
    server.add("/plain", "Plain text from the wire.", ctype="text/plain; charset=utf-8")
    (a,) = read(server.url("/plain"))
    assert a.text == "Plain text from the wire."


def test_url_failures_each_have_a_clear_error(server):
    server.add("/image", b"\x89PNG" + b"\x00" * 100, ctype="image/png")
    server.add("/big", "x" * 5000)
    server.add("/loop", b"", status=302, headers={"Location": "/loop"})
    server.add_handler("/slow", slow_handler(3))
    closed = "http://127.0.0.1:9/nothing"  # discard port: nothing listens
    limits = FetchLimits(connect_timeout=2, read_timeout=0.5, max_bytes=1000, max_redirects=3)
    urls = [server.url(p) for p in ("/missing", "/image", "/big", "/loop", "/slow")] + [closed]
    out = read(*urls, limits=limits)
    assert len(out) == 6 and all(not a.extractable for a in out)
    msgs = [a.warnings[0]["message"] for a in out]
    assert "HTTP 404" in msgs[0]
    assert "unsupported content type 'image/png'" in msgs[1]
    assert "cap" in msgs[2]
    assert "redirects" in msgs[3]
    assert "timed out" in msgs[4]
    assert "cannot connect" in msgs[5]
    assert [a.url for a in out] == urls


def test_feed_every_item_fetched_with_feed_metadata(server):
    server.add("/a", page(title="Item A", date="2024-08-12"))
    server.add("/b", page(title="Item B"))
    server.add("/feed", rss([
        item("Item A", server.url("/a"), "Tue, 13 Aug 2024 10:00:00 GMT"),
        item("Item B", server.url("/b")),
        item("Broken item"),  # neither link nor text
        item("Gone", server.url("/gone")),  # fetch fails, no summary
        item("Gone but summarised", server.url("/gone2"), summary="Russian shelling hit Sumy on Monday, officials said."),
    ]), ctype="application/rss+xml")
    out = read(server.url("/feed"))
    assert [a.title for a in out] == ["Item A", "Item B", "Broken item", "Gone", "Gone but summarised"]
    a, b, broken, gone, summarised = out
    assert a.outlet == "Kyiv Ledger" and a.published == "2024-08-13"  # the item's date
    assert b.published == "2024-08-14"  # no item date: the page's metadata
    assert not broken.extractable and "neither a link nor text" in broken.warnings[0]["message"]
    assert not gone.extractable and "HTTP 404" in gone.warnings[0]["message"]
    assert summarised.extractable and summarised.text.startswith("Russian shelling hit Sumy")
    assert "summary instead" in summarised.warnings[0]["message"]
    assert server.url("/a").split(":", 2)[2] in "".join(server.routes.hits) or "/a" in server.routes.hits


def test_feed_file_and_garbage_feed(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text(rss([item("Only summary", summary="Drones were shot down over Bryansk, the governor said.")]))
    (a,) = read(f)
    assert a.outlet == "Kyiv Ledger" and a.published == "2024-08-15"  # the feed's own date
    bad = tmp_path / "bad.rss"
    bad.write_text("<rss><channel><title>x</title>")
    (b,) = read(bad)
    assert not b.extractable and "no items" in b.warnings[0]["message"]
