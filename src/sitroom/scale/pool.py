"""A process pool that reads articles in order with bounded memory.

Each worker loads the spaCy pipeline once (the pool initializer) and reads
chunks of articles. At most `2 * workers` chunks are in flight: the input is
pulled lazily, so a 100,000-line JSONL is never queued whole (unlike
`multiprocessing.Pool.imap`, which drains its input iterator eagerly).
Results come back in input order because chunks are yielded in the order
they were submitted, whatever order they finish in.
"""
from __future__ import annotations

import logging
import multiprocessing
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from sitroom.article import Article
from sitroom.scale.chunks import mark_failed, read_chunk

log = logging.getLogger(__name__)

# Small enough to keep both cores busy near the end of a batch, large enough
# that pickling a chunk to and from a worker is noise next to parsing it.
CHUNK_SIZE = 16
# A chunk that kills its worker twice (OOM killer, segfault in a native
# library) is given up on: its articles come back failed, not lost.
MAX_ATTEMPTS = 2


def _init_worker() -> None:
    from sitroom.nlp import get_nlp

    get_nlp()


def _context():
    # fork starts workers in milliseconds and shares the imported modules;
    # the parent never loads the model, so there is nothing heavy to copy.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _executor(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker)


def read_in_pool(articles: Iterable[Article], workers: int,
                 chunk_size: int = CHUNK_SIZE) -> Iterator[Article]:
    """Read `articles` over `workers` processes; yield them in input order."""
    source = iter(articles)
    window = 2 * workers
    pending: deque[tuple[list[Article], Future]] = deque()
    ex = _executor(workers)
    try:
        def refill() -> None:
            while len(pending) < window:
                chunk = list(islice(source, chunk_size))
                if not chunk:
                    return
                pending.append((chunk, ex.submit(read_chunk, chunk)))

        refill()
        while pending:
            chunk, fut = pending.popleft()
            try:
                done = fut.result()
            except BrokenProcessPool:
                # A dead worker (OOM killer, a crash in native code) takes
                # every in-flight chunk with it, and which chunk killed it is
                # unknown: rerun them one at a time in a fresh pool, so that
                # only the chunk that kills a worker on its own is lost, and
                # it comes back as failed rows rather than disappearing.
                log.warning("a worker process died; rerunning %d chunks one by one", len(pending) + 1)
                retry = [chunk] + [c for c, _ in pending]
                pending.clear()
                ex = _restart(ex, workers)
                for c in retry:
                    try:
                        done = ex.submit(read_chunk, c).result()
                    except BrokenProcessPool:
                        ex = _restart(ex, workers)
                        done = mark_failed(c, "worker process died while reading this article's chunk")
                    yield from done
                refill()
                continue
            yield from done
            refill()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _restart(ex: ProcessPoolExecutor, workers: int) -> ProcessPoolExecutor:
    ex.shutdown(wait=False, cancel_futures=True)
    return _executor(workers)
