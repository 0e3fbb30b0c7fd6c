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
    # Lowercase words one of which every match starts with, or None when the
    # pattern's source is not the simple shape _heads reads.
    heads: tuple[str, ...] | None = None


@functools.lru_cache(maxsize=None)
def entries() -> tuple[Entry, ...]:
    return tuple(Entry(k, re.compile(p, re.IGNORECASE), s, c, r, _heads(p)) for k, p, s, c, r in _rows("lexicon.tsv"))


# The only non-ASCII characters that IGNORECASE matches to an ASCII letter
# (İ ı ſ and the Kelvin sign); a text holding one gets no head test.
FOLD_SPECIAL = "\u0130\u0131\u017f\u212a"
_LEAD = re.compile(r"\\b(?:\(\?:([^()]*)\)|(?=[\w\\]))")
_LITERAL = re.compile(r"(?:[A-Za-z0-9-]|\\[.-])+")


def _heads(source: str) -> tuple[str, ...] | None:
    """The literal words a match of `source` must start with: from
    "\\b(?:a|b)..." or "\\bword...", dropping a last character made optional
    ("terrorists?" -> "terrorist"). Scanning each pattern over a whole article
    was most of the framing stage; a substring test skips the ones absent."""
    if "|" in _depth0(source) or "(?" in source.replace("(?:", ""):
        return None
    m = _LEAD.match(source)
    if m is None or m.group(1) is not None and ("[" in m.group(1) or "\\|" in m.group(1)
                                                or source[m.end():m.end() + 1] in ("?", "*", "{")):
        return None
    alts = m.group(1).split("|") if m.group(1) is not None else [source[m.end():]]
    out = []
    for alt in alts:
        lit = _LITERAL.match(alt)
        if lit is None:
            return None
        word = lit.group()
        if alt[lit.end():lit.end() + 1] in ("?", "*", "{"):
            word = word[:-2] if word.endswith(("\\.", "\\-")) else word[:-1]
        word = word.replace("\\", "").lower()
        if not word:
            return None
        out.append(word)
    return tuple(out)


def _depth0(source: str) -> str:
    """`source` without its bracketed parts and escaped characters."""
    out, depth, i = [], 0, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class may hold brackets and bars of its own
            i = source.index("]", i + 2) + 1
            continue
        depth += c == "("
        if depth == 0:
            out.append(c)
        depth -= c == ")"
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=None)
def contested_actions() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("contested.tsv")}


@functools.lru_cache(maxsize=None)
def contested_nouns() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("contested_nouns.txt"))


@functools.lru_cache(maxsize=None)
def source_words() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("sources.txt"))
