"""The places stage: fills `article.places` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append places found in `doc` (the parse of `article.body`) to `article.places`."""
    return None
