"""The situation report: incidents per day and region, claims by side, conflicting
figures, every line citing its articles. Deterministic and extractive.

    from sitroom.report import render
    text = render(store, Filters(since="2024-08-10"), "md")   # or "html"
"""
from __future__ import annotations

FORMATS = ("md", "html")


def render(store, filters=None, fmt: str = "md") -> str:
    from sitroom.report.model import build
    from sitroom.report.render import to_html, to_markdown

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    model = build(store, filters)
    return to_markdown(model) if fmt == "md" else to_html(model)


__all__ = ["render", "FORMATS"]
