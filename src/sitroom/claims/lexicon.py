"""Loads the claims stage's data files once per process."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources


def _lines(name: str):
    text = resources.files("sitroom.claims").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=None)
def cues() -> dict[str, tuple[str, frozenset[str]]]:
    """Reporting verb lemma -> (stance, complements that carry the content)."""
    out = {}
    for row in _lines("cues.tsv"):
        out[row[0].strip()] = (row[1].strip(), frozenset(c.strip() for c in row[2].split(",") if c.strip()))
    return out


@functools.lru_cache(maxsize=None)
def nouns() -> dict[str, str]:
    """Reporting noun lemma -> stance."""
    return {row[0].strip(): row[1].strip() for row in _lines("nouns.tsv")}


_WORD = re.compile(r"\w+")


class NameTable:
    """Whole-word name patterns with their sides, longest name first.

    Indexed by each name's first word, so a text is tried only against the
    names that could occur in it: trying hundreds of patterns on every
    speaker was most of the claims stage's time.
    """

    def __init__(self, rows: list[tuple[str, re.Pattern, str]]):
        self.entries = [(pattern, side) for _, pattern, side in rows]
        self.by_first_word: dict[str, list[int]] = {}
        for i, (name, _, _) in enumerate(rows):
            first = _WORD.search(name)
            self.by_first_word.setdefault(first.group().lower() if first else "", []).append(i)

    def earliest(self, text: str) -> tuple[int, str] | None:
        """(position, side) of the earliest name in `text`; at one position
        the earlier (longer) entry wins."""
        tried = set(self.by_first_word.get("", ()))
        for w in _WORD.findall(text):
            tried.update(self.by_first_word.get(w.lower(), ()))
        best = None
        for i in sorted(tried):
            pattern, side = self.entries[i]
            m = pattern.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), side)
        return best


@functools.lru_cache(maxsize=None)
def sides() -> NameTable:
    """Speaker words of sides.tsv and their sides, longest phrase first."""
    rows = sorted(((r[0].strip(), r[1].strip()) for r in _lines("sides.tsv")), key=lambda r: -len(r[0]))
    out = []
    for phrase, side in rows:
        # Two-letter codes that are also English words ("us", "un") only
        # count in upper case: "told us" is no American speaker.
        flags = 0 if phrase in ("us", "un", "uk", "eu") else re.IGNORECASE
        word = phrase.upper() if flags == 0 else phrase
        out.append((phrase, re.compile(r"(?<![\w.])" + re.escape(word) + r"(?![\w])", flags), side))
    return NameTable(out)


@functools.lru_cache(maxsize=None)
def verification() -> dict:
    data = json.loads(
        resources.files("sitroom.claims").joinpath("data", "verification.json").read_text(encoding="utf-8")
    )
    flags = re.IGNORECASE
    return {
        "unverified": [
            (re.compile(e["pattern"], flags), re.compile(e["needs"], flags) if e["needs"] else None)
            for e in data["unverified"]
        ],
        "confirmed": [re.compile(e["pattern"], flags) for e in data["confirmed"]],
        "negation_before": re.compile(data["negation_before_confirmed"], flags),
        "hedge_words": frozenset(data["hedge_words"]),
        "anaphors_plural": frozenset(data["anaphors_plural"]),
    }


@functools.lru_cache(maxsize=None)
def local_officials() -> frozenset[str]:
    return frozenset(row[0].strip() for row in _lines("local_officials.txt"))
