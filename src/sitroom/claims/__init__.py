"""The claims stage: fills `article.claims` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append claims found in `doc` (the parse of `article.body`) to `article.claims`."""
    return None
