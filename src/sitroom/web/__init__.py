"""`sitroom serve`: the web map and its read-only JSON API (see docs/web.md)."""
from __future__ import annotations


def create_app(db: str, tiles: str | None = None):
    from sitroom.web.app import create_app as _create

    return _create(db, tiles=tiles)


__all__ = ["create_app"]
