"""The dates stage: fills `article.dates` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append dates found in `doc` (the parse of `article.body`) to `article.dates`."""
    return None
