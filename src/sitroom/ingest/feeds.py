"""RSS and Atom feeds through feedparser: every item is fetched and read."""
from __future__ import annotations

import time
from typing import Iterator

from sitroom.article import Article
from sitroom.ingest.html import extract_html
from sitroom.ingest.web import FetchError, fetch


def _day(struct) -> str | None:
    return time.strftime("%Y-%m-%d", struct) if struct else None


def iter_feed(data: bytes, source: str, opts) -> Iterator[Article]:
    import feedparser

    from sitroom.ingest.sources import _html_bytes, failed, make_article

    parsed = feedparser.parse(data)
    feed = parsed.get("feed", {})
    outlet = feed.get("title") or None
    feed_day = _day(feed.get("updated_parsed") or feed.get("published_parsed"))
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield failed(source, f"{source}: feed has no items{why}")
        return
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{n}"
        link = entry.get("link")
        # The item's own date is the article's; the feed's date is a fallback.
        day = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
        title = entry.get("title")
        summary = _entry_text(entry)
        if not link and not summary:
            yield failed(where, f"{where}: feed item has neither a link nor text", title=title, outlet=outlet)
            continue
        if link:
            try:
                got = fetch(link, opts.limits, opts.client)
            except FetchError as e:
                if summary:
                    a = make_article(summary, opts, source=where, url=link, title=title,
                                     outlet=outlet, published=day, page_date=feed_day)
                    a.warn("warning", f"{e}; read the feed item's summary instead")
                    yield a
                else:
                    yield failed(where, str(e), url=link, title=title, outlet=outlet)
                continue
            if got.content_type == "text/plain":
                from sitroom.ingest.sources import _text_bytes

                yield from _text_bytes(got.content, where, opts, url=got.url, title=title,
                                       outlet=outlet, published=day)
            else:
                yield from _html_bytes(got.content, where, opts, url=got.url, published=day,
                                       outlet=outlet, title=title)
        else:
            yield make_article(summary, opts, source=where, title=title, outlet=outlet,
                               published=day, page_date=feed_day)


def _entry_text(entry) -> str:
    for c in entry.get("content") or []:
        if c.get("value"):
            return _plain(c["value"])
    s = entry.get("summary") or ""
    return _plain(s) if s else ""


def _plain(markup: str) -> str:
    if "<" not in markup:
        return markup.strip()
    page = extract_html(f"<html><body><article>{markup}</article></body></html>")
    return page["text"].strip()
