"""The events stage: fills `article.events` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append events found in `doc` (the parse of `article.body`) to `article.events`."""
    return None
