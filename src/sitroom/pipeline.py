"""Runs the stages over articles: parse once, then each extractor in turn.

Like a spaCy pipeline, each stage is a small unit with one signature,
`run(doc, article) -> None`, reading the shared Doc and appending contract
objects to the article. Order matters: events link the places, dates,
figures and claims found before them.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator

from sitroom.article import KINDS, Article
from sitroom.claims import run as claims_run
from sitroom.dates import run as dates_run
from sitroom.events import run as events_run
from sitroom.figures import run as figures_run
from sitroom.framing import run as framing_run
from sitroom.nlp import get_nlp
from sitroom.parse.docview import set_text
from sitroom.parse.furniture import find_body_end
from sitroom.parse.language import detect_language
from sitroom.places import run as places_run

log = logging.getLogger(__name__)

# Beyond this many characters an "article" is not news copy; only its head
# is read (with a warning) so that one huge input cannot stall a batch.
MAX_CHARS = 200_000

Stage = Callable[[object, Article], None]
STAGES: list[tuple[str, Stage]] = [
    ("places", places_run),
    ("dates", dates_run),
    ("figures", figures_run),
    ("claims", claims_run),
    ("events", events_run),
    ("framing", framing_run),
]


def prepare(article: Article, max_chars: int = MAX_CHARS) -> str | None:
    """Decide what of the article is read; None when nothing is."""
    if not article.extractable:
        return None
    if not article.text.strip():
        article.fail("empty text: nothing to extract")
        return None
    lang = detect_language(article.text)
    if lang is not None:
        article.language = lang
    if article.language not in (None, "en"):
        article.warn("warning", f"language {article.language!r} is not supported: no extraction")
        article.extractable = False
        return None
    article.body_end = find_body_end(article.text)
    body = article.body
    if len(body) > max_chars:
        article.warn(
            "warning",
            f"text of {len(body):,} characters is longer than {max_chars:,}: "
            f"only the first {max_chars:,} were analysed",
        )
        cut = body.rfind("\n", 0, max_chars)
        body = body[: cut if cut > max_chars // 2 else max_chars]
    return body


def analyse(doc, article: Article) -> Article:
    for name, stage in STAGES:
        try:
            stage(doc, article)
        except Exception as e:  # one broken stage must not lose the article
            log.exception("stage %s failed on %s", name, article.id)
            setattr(article, name, [])
            article.warn("error", f"{name} extraction failed: {type(e).__name__}: {e}")
    return article


def read(articles: Iterable[Article], batch_size: int = 16, max_chars: int = MAX_CHARS) -> Iterator[Article]:
    """Read articles lazily, in input order, holding at most one batch."""
    nlp = get_nlp()
    batch: list[tuple[Article, str | None]] = []

    def flush():
        todo = [(body, a) for a, body in batch if body is not None]
        docs = iter(nlp.pipe(todo, as_tuples=True, batch_size=batch_size))
        for a, body in batch:
            if body is None:
                yield a
            else:
                doc, _ = next(docs)
                # spaCy keeps the text it was given whole; Doc.text would
                # rebuild it from a Token per word
                set_text(doc, body)
                yield analyse(doc, a)

    for article in articles:
        batch.append((article, prepare(article, max_chars)))
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def read_one(article: Article) -> Article:
    return next(read([article]))


def clear(article: Article) -> None:
    for kind in KINDS:
        setattr(article, kind, [])
