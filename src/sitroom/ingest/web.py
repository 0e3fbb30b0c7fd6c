"""Fetching http(s) URLs with httpx, with the limits a batch job needs."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

USER_AGENT = "sitroom/0.1 (+conflict news reader)"
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json")


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str
    charset: str | None


@dataclass
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


def fetch(url: str, limits: FetchLimits | None = None, client: httpx.Client | None = None) -> Fetched:
    limits = limits or FetchLimits()
    own = client is None
    if own:
        client = httpx.Client(
            timeout=httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout),
            follow_redirects=True,
            max_redirects=limits.max_redirects,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,
        )
    try:
        with client.stream("GET", url) as r:
            if r.status_code >= 400:
                raise FetchError(f"HTTP {r.status_code} from {url}")
            ctype = r.headers.get("content-type", "")
            mime = ctype.split(";")[0].strip().lower()
            if mime and not (mime in TEXT_TYPES or mime in FEED_TYPES or mime.endswith("+xml")):
                raise FetchError(f"unsupported content type {mime!r} at {url}")
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise FetchError(f"{url} is {int(declared):,} bytes, over the {limits.max_bytes:,}-byte cap")
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(f"{url} is over the {limits.max_bytes:,}-byte cap")
                chunks.append(chunk)
            return Fetched(str(r.url), b"".join(chunks), mime, r.charset_encoding)
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {limits.max_redirects} redirects from {url}") from None
    except httpx.ConnectTimeout:
        raise FetchError(f"connection to {url} timed out after {limits.connect_timeout:g} s") from None
    except httpx.ReadTimeout:
        raise FetchError(f"reading {url} timed out after {limits.read_timeout:g} s") from None
    except httpx.ConnectError as e:
        raise FetchError(f"cannot connect to {url}: {e}") from None
    except httpx.InvalidURL as e:
        raise FetchError(f"invalid URL {url!r}: {e}") from None
    except httpx.HTTPError as e:
        raise FetchError(f"fetching {url} failed: {type(e).__name__}: {e}") from None
    finally:
        if own:
            client.close()


def looks_like_feed(content: bytes, content_type: str) -> bool:
    if content_type in FEED_TYPES and content_type not in ("application/xml", "text/xml"):
        return True
    head = content[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
