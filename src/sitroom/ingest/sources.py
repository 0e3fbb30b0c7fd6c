"""Turn command-line inputs (files, directories, URLs, feeds, stdin) into Articles."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterator

from sitroom.article import Article
from sitroom.ids import article_id, digest
from sitroom.ingest.html import extract_html
from sitroom.ingest.records import iter_json, iter_jsonl
from sitroom.ingest.text import decode
from sitroom.ingest.web import FetchError, FetchLimits, fetch, looks_like_feed

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# Below this, what trafilatura salvages from a page is navigation, not a story.
MIN_BODY_CHARS = 40
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class Options:
    published: str | None = None  # --published: anchors relative dates
    limits: FetchLimits = field(default_factory=FetchLimits)
    client: object = None  # an httpx.Client to reuse, e.g. in tests
    stdin: BinaryIO | None = None


def is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def normalise_date(value) -> str | None:
    """'2024-08-15', '2024-08-15T10:00Z', 'Thu, 15 Aug 2024 ...' -> '2024-08-15'."""
    if value is None:
        return None
    s = str(value).strip()
    if _ISO_DAY.match(s):
        try:
            datetime.strptime(s[:10], "%Y-%m-%d")
            return s[:10]
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def make_article(
    text: str,
    opts: Options,
    *,
    source: str,
    input_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    page_date: str | None = None,
    meta: dict | None = None,
) -> Article:
    """Build an Article; published = input field > --published > page metadata > null."""
    a = Article(id=input_id or article_id(url, text), text=text, url=url, title=title, outlet=outlet)
    a.meta = {"source": source, **(meta or {})}
    for origin, value in (("input", published), ("option", opts.published), ("page", page_date)):
        if value is None:
            continue
        day = normalise_date(value)
        if day is None:
            a.warn("warning", f"published date {value!r} from {origin} is not a date; ignored")
            continue
        a.published = day
        a.meta["published_from"] = origin
        break
    return a


def failed(source: str, message: str, input_id: str | None = None, **fields) -> Article:
    """The output line of an input that could not be read."""
    a = Article(id=input_id or "x" + digest(source), text="", **fields)
    a.meta = {"source": source}
    return a.fail(message)


def iter_articles(inputs: list[str], opts: Options | None = None) -> Iterator[Article]:
    opts = opts or Options()
    for inp in inputs:
        if inp == "-":
            yield from _stdin(opts)
        elif is_url(inp):
            yield from _url(inp, opts)
        else:
            path = Path(inp)
            if path.is_dir():
                for f in _walk(path):
                    yield from _file(f, opts)
            elif path.exists():
                yield from _file(path, opts)
            else:
                yield failed(inp, f"no such file or directory: {inp}")


def _walk(root: Path) -> Iterator[Path]:
    """Known article files under root, recursively, in a stable order."""
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file() and p.suffix.lower() in KNOWN:
            yield p


def _stdin(opts: Options) -> Iterator[Article]:
    stream = opts.stdin or sys.stdin.buffer
    yield from _text_bytes(stream.read(), "-", opts)


def _text_bytes(data: bytes, source: str, opts: Options, **fields) -> Iterator[Article]:
    text, warning, error = decode(data)
    if error:
        yield failed(source, f"{source}: {error}")
        return
    a = make_article(text, opts, source=source, **fields)
    if warning:
        a.warn("warning", f"{source}: {warning}")
    yield a


def _file(path: Path, opts: Options) -> Iterator[Article]:
    src = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _records(iter_jsonl(path), src, opts)
            return
        if suffix in JSON_SUFFIXES:
            yield from _records(iter_json(path), src, opts)
            return
        data = path.read_bytes()
    except OSError as e:
        yield failed(src, f"cannot read {src}: {e.strerror or e}")
        return
    if suffix in HTML_SUFFIXES:
        yield from _html_bytes(data, src, opts)
    elif suffix in FEED_SUFFIXES or looks_like_feed(data, ""):
        yield from _feed(data, src, opts)
    else:
        yield from _text_bytes(data, src, opts)


def _records(rows, src: str, opts: Options) -> Iterator[Article]:
    for n, rec, raw_id, error in rows:
        where = f"{src}:{n}" if n else src
        if error:
            yield failed(where, f"{src}: {error}", input_id=raw_id)
            continue
        yield make_article(
            rec["text"], opts, source=where, input_id=rec["id"], url=rec["url"],
            title=rec["title"], outlet=rec["outlet"], published=rec["published"],
        )


def _html_bytes(data: bytes, source: str, opts: Options, url: str | None = None,
                published: str | None = None, outlet: str | None = None,
                title: str | None = None) -> Iterator[Article]:
    text, _warning, error = decode(data)
    if error:
        yield failed(source, f"{source}: {error}", url=url)
        return
    page = extract_html(text, url=url)
    url = page["url"] or url
    if len(page["text"].strip()) < MIN_BODY_CHARS:
        yield failed(source, f"{source}: HTML has no article body", url=url,
                     title=title or page["title"], outlet=outlet or page["sitename"])
        return
    meta = {"author": page["author"]} if page["author"] else None
    yield make_article(
        page["text"], opts, source=source, url=url, title=title or page["title"],
        outlet=outlet or page["sitename"], published=published, page_date=page["date"], meta=meta,
    )


def _url(url: str, opts: Options) -> Iterator[Article]:
    try:
        got = fetch(url, opts.limits, opts.client)
    except FetchError as e:
        yield failed(url, str(e), url=url)
        return
    if looks_like_feed(got.content, got.content_type):
        yield from _feed(got.content, url, opts)
    elif got.content_type == "text/plain":
        yield from _text_bytes(got.content, url, opts, url=got.url)
    else:
        yield from _html_bytes(got.content, url, opts, url=got.url)


def _feed(data: bytes, source: str, opts: Options) -> Iterator[Article]:
    from sitroom.ingest.feeds import iter_feed

    yield from iter_feed(data, source, opts)
