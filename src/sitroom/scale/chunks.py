"""Reading a chunk of articles so that one bad article never loses the others.

Shared by the process pool and the Ray engine: a worker reads a whole chunk
with one `nlp.pipe` call; if that raises (the stages already catch their own
errors, so this is spaCy or memory), the chunk is reread article by article
from a pristine copy and only the article that fails is marked failed.
"""
from __future__ import annotations

import copy
import logging

from sitroom.article import KINDS, Article

log = logging.getLogger(__name__)


def read_chunk(chunk: list[Article]) -> list[Article]:
    from sitroom.pipeline import read

    pristine = [copy.deepcopy(a) for a in chunk]
    try:
        return list(read(chunk, batch_size=max(1, len(chunk))))
    except Exception:
        log.exception("chunk of %d articles failed; rereading one by one", len(chunk))
    out = []
    for a in pristine:
        keep = copy.deepcopy(a)
        try:
            out.extend(read([a], batch_size=1))
        except Exception as e:
            out.extend(mark_failed([keep], f"reading failed: {type(e).__name__}: {e}"))
    return out


def mark_failed(chunk: list[Article], message: str) -> list[Article]:
    for a in chunk:
        for kind in KINDS:
            setattr(a, kind, [])
        a.fail(message)
    return chunk
