"""The claims stage: fills `article.claims` with contract objects (see output.md).

`attribution` finds speaker/cue/content spans in the parse, `sides` maps a
speaker to the side it speaks for, `verification` reads the article's own
remarks on each claim, and `linking` ties figures to the claims they sit in.
"""
from __future__ import annotations


def run(doc, article) -> None:
    """Append claims found in `doc` (the parse of `article.body`) to `article.claims`."""
    from sitroom.claims.build import build_claims
    from sitroom.claims.linking import link_figures

    article.claims.extend(build_claims(doc, article))
    link_figures(article.claims, article.figures)
