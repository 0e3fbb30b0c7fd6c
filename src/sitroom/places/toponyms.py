"""A spaCy component after NER that fixes place entities with the gazetteer."""
from __future__ import annotations


def add_to_pipeline(nlp) -> None:
    """Add the gazetteer-backed toponym step after `ner` (idempotent)."""
    return None
