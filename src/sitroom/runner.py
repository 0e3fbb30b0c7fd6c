"""Reading articles with one or more worker processes, in input order."""
from __future__ import annotations

from typing import Iterable, Iterator

from sitroom.article import Article
from sitroom.pipeline import read


def read_parallel(articles: Iterable[Article], workers: int = 1) -> Iterator[Article]:
    """Like pipeline.read, optionally over a process pool (results in input order)."""
    if workers <= 1:
        return read(articles)
    from sitroom.scale.pool import read_in_pool

    return read_in_pool(articles, workers)
