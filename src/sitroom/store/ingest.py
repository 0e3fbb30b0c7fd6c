"""One ingest run: read inputs, store each article in its own transaction, summarise.

Articles already stored unchanged (same id and text, or the same text under
another id) are skipped *before* the NLP pipeline, so a rerun after a crash
only reads what is missing.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable, Iterator

from sitroom.article import Article
from sitroom.store.db import Store

log = logging.getLogger(__name__)


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)

    def as_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "replaced": self.replaced,
                "skipped": self.skipped, "failed": self.failed,
                "failures": [{"id": i, "reason": r} for i, r in self.failures]}


def ingest(store: Store, articles: Iterator[Article], workers: int = 1, force: bool = False,
           on_article: Callable[[Article, str], None] | None = None) -> Summary:
    """Store every article; `on_article(article, outcome)` after each (for progress)."""
    from sitroom.runner import read_parallel

    summary = Summary()
    skipped_early: list[Article] = []

    def unread() -> Iterator[Article]:
        for a in articles:
            summary.read += 1
            if not force and store.known(a) in ("same", "duplicate"):
                skipped_early.append(a)
                continue
            yield a

    def drain_skipped():
        while skipped_early:
            a = skipped_early.pop(0)
            summary.skipped += 1
            if on_article:
                on_article(a, "skipped")

    for a in read_parallel(unread(), workers):
        drain_skipped()
        if force and store.known(a) == "same":
            store.delete(a.id)
        outcome = store.put(a)
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if a.has_error:
            summary.failed += 1
            reason = next(w["message"] for w in a.warnings if w["level"] == "error")
            summary.failures.append((a.id, reason))
        log.info("%s %s", outcome, a.id)
        if on_article:
            on_article(a, outcome)
    drain_skipped()
    return summary
