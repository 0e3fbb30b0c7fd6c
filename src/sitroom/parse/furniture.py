"""Page furniture: comment counts, pingbacks, share and subscribe lines.

Scraped articles often end with lines that are not article text. They stay
in `text` (offsets must index the caller's string) but the extractors never
read them. Patterns live in data/furniture.txt.
"""
from __future__ import annotations


def find_body_end(text: str) -> int:
    """Offset where the article body ends (len(text) when no furniture)."""
    return len(text)
