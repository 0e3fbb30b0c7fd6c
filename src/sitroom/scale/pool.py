"""A process pool that reads articles in order with bounded memory."""
from __future__ import annotations

from typing import Iterable, Iterator

from sitroom.article import Article


def read_in_pool(articles: Iterable[Article], workers: int) -> Iterator[Article]:
    raise NotImplementedError("--workers > 1 arrives with the scale-out work (issue 7)")
