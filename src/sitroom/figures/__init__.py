"""The figures stage: fills `article.figures` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append figures found in `doc` (the parse of `article.body`) to `article.figures`."""
    return None
