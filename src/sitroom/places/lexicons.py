"""The stage's small word lists (data/*), loaded once and cached."""
from __future__ import annotations

import functools
from pathlib import Path

from sitroom.places.build import fold

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip("\n"))
    return out


def data_lines(name: str) -> list[str]:
    """The non-comment lines of a data file of this stage."""
    return _lines(name)


@functools.lru_cache(maxsize=None)
def not_places() -> frozenset[str]:
    return frozenset(fold(line.split("\t")[0]) for line in _lines("not_places.tsv"))


@functools.lru_cache(maxsize=None)
def institution_words() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in _lines("institution_words.txt"))


@functools.lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _lines("common_words.txt"))


@functools.lru_cache(maxsize=None)
def locatives() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in _lines("locative_words.txt"))


@functools.lru_cache(maxsize=None)
def person_titles() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in _lines("person_titles.txt"))


@functools.lru_cache(maxsize=None)
def region_words() -> dict[str, str]:
    """word -> the feature it makes of the name before it (ADM1 or ADM2)."""
    return {p[0].lower(): p[1] for p in (line.split("\t") for line in _lines("region_words.tsv"))}


@functools.lru_cache(maxsize=None)
def territory_words() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in _lines("territory_words.txt"))


@functools.lru_cache(maxsize=None)
def us_state_abbreviations() -> dict[str, str]:
    """"Ky." / "KY" -> "Kentucky" (read only after "<Name>,")."""
    return dict(line.split("\t")[:2] for line in _lines("us_state_abbreviations.tsv"))


@functools.lru_cache(maxsize=None)
def part_words() -> dict[str, frozenset[str]]:
    """"before", "after", "of" -> the words that qualify a name there
    without naming another place ("North Texas", "Fargo City", "City of
    Norfolk")."""
    out: dict[str, set[str]] = {}
    for word, where in (line.split("\t")[:2] for line in _lines("part_words.tsv")):
        out.setdefault(where, set()).add(fold(word))
    return {k: frozenset(v) for k, v in out.items()}
