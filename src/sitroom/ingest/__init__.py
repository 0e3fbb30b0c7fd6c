"""Ingestion: every kind of input becomes a stream of Articles, in input order.

Nothing is silently dropped: an input that cannot be read still yields one
Article, marked not extractable, whose warning says what was wrong.
"""
from sitroom.ingest.sources import Options, iter_articles

__all__ = ["Options", "iter_articles"]
