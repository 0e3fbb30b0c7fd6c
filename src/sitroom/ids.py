"""Stable identifiers: the same input always gets the same id."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|cmpid)$", re.I)


def digest(*parts: str, n: int = 16) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:n]


def normalise_url(url: str) -> str:
    """Drop what does not identify the page (scheme case, fragment, tracking)."""
    s = urlsplit(url.strip())
    query = "&".join(
        q for q in sorted(s.query.split("&")) if q and not _TRACKING.match(q.split("=", 1)[0])
    )
    path = s.path.rstrip("/") or "/"
    return urlunsplit((s.scheme.lower(), s.netloc.lower(), path, query, ""))


def normalise_text(text: str) -> str:
    return " ".join(text.split()).lower()


def article_id(url: str | None, text: str) -> str:
    """From the URL when there is one, else from the (whitespace-normalised) text."""
    if url:
        return "u" + digest(normalise_url(url))
    return "t" + digest(normalise_text(text))
