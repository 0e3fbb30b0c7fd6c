"""The framing stage: fills `article.framing` with contract objects (see output.md)."""
from __future__ import annotations


def run(doc, article) -> None:
    """Append framing found in `doc` (the parse of `article.body`) to `article.framing`."""
    return None
