"""sitroom: conflict news in, sourced, geolocated, cross-checked event records out.

    >>> import sitroom
    >>> doc = sitroom.extract("Ukrainian drones struck Kursk overnight.", published="2024-08-15")
    >>> doc["schema"]
    'sitroom.article/1'
"""
from __future__ import annotations

__version__ = "0.1.0"


def extract(text: str, published: str | None = None, url: str | None = None,
            outlet: str | None = None, title: str | None = None, id: str | None = None) -> dict:
    """Read one article's text; return its output-contract dict."""
    from sitroom.ingest.sources import Options, make_article
    from sitroom.pipeline import read_one

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    article = make_article(text, Options(), source="api", input_id=id, url=url, title=title,
                           outlet=outlet, published=published)
    article.meta.pop("source", None)
    return read_one(article).to_dict()


__all__ = ["extract", "__version__"]
