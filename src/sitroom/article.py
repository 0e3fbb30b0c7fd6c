"""The one object that flows through every stage: an article and its reading.

Extracted objects are plain dicts shaped exactly as the output contract
(`shared/contract/output.md`) defines them, so a stage's output *is* the
contract and nothing needs translating at the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "sitroom.article/1"
KINDS = ("places", "dates", "figures", "claims", "events", "framing")


@dataclass
class Article:
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = "en"
    places: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    framing: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    # Where the article body ends: page furniture after it ("1 Comment",
    # "Share this") is kept in `text` but never read by the extractors.
    body_end: int | None = None
    # Extra metadata carried to the output (author, source, date_source...).
    meta: dict[str, Any] = field(default_factory=dict)
    # False when ingestion failed or the language is not supported: the
    # article still yields its output line, with empty lists.
    extractable: bool = True

    def warn(self, level: str, message: str) -> None:
        assert level in ("info", "warning", "error"), level
        self.warnings.append({"level": level, "message": message})

    def fail(self, message: str) -> "Article":
        """Mark the article as not processable, with an error saying why."""
        self.extractable = False
        self.warn("error", message)
        return self

    @property
    def has_error(self) -> bool:
        return any(w["level"] == "error" for w in self.warnings)

    @property
    def body(self) -> str:
        return self.text if self.body_end is None else self.text[: self.body_end]

    def to_dict(self) -> dict:
        out = {
            "schema": SCHEMA,
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }
        for kind in KINDS:
            out[kind] = getattr(self, kind)
        out["warnings"] = self.warnings
        if self.meta:
            out["meta"] = self.meta
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Article":
        a = cls(id=d["id"], text=d.get("text") or "")
        for k in ("url", "title", "outlet", "published", "language"):
            setattr(a, k, d.get(k))
        for kind in KINDS + ("warnings",):
            setattr(a, kind, list(d.get(kind) or []))
        a.meta = dict(d.get("meta") or {})
        return a
