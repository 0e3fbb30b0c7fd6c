"""HTML pages through trafilatura: body text, title, date, site name, author."""
from __future__ import annotations

import warnings


def extract_html(html: str | bytes, url: str | None = None) -> dict:
    """Return {'text', 'title', 'date', 'sitename', 'author', 'url'}; text may be ''."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    if doc is None:
        return {"text": "", "title": None, "date": None, "sitename": None, "author": None, "url": url}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    title = d.get("title")
    # trafilatura repeats the headline as the body's first line.
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]
    date = d.get("date")
    return {
        "text": text,
        "title": title,
        "date": date[:10] if date else None,
        "sitename": d.get("sitename") or d.get("hostname"),
        "author": d.get("author"),
        "url": d.get("url") or url,
    }
