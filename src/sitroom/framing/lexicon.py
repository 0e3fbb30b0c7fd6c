"""Loads the framing stage's data files once per process."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources


def _read(name: str) -> str:
    return resources.files("sitroom.framing").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str):
    for line in _read(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


@dataclass(frozen=True)
class Entry:
    kind: str
    pattern: re.Pattern
    scope: str
    condition: str
    rationale: str


@functools.lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    return tuple(Entry(k, re.compile(p, re.IGNORECASE), s, c, r) for k, p, s, c, r in _rows("lexicon.tsv"))


@functools.lru_cache(maxsize=None)
def contested_actions() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("contested.tsv")}


@functools.lru_cache(maxsize=None)
def contested_nouns() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("contested_nouns.txt"))


@functools.lru_cache(maxsize=None)
def source_words() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("sources.txt"))
