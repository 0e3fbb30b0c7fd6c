"""Numbers as written in news copy: digits, words, scales, fractions.

`find_numbers(text)` yields (start, end, value) for every maximal number
phrase ("200,000", "1 thousand", "a hundred and two", "twenty-one",
"two and a half", "10M"); what the number counts and whether it is a figure
at all is decided by the callers.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator, NamedTuple

from sitroom.figures.lexicon import numbers

# Thousands may be grouped by commas or (European style) spaces: "10 000".
_DIGITS = r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?"


class Num(NamedTuple):
    start: int
    end: int
    value: float
    kind: str  # "digits" or "words": bare words like "one" need more evidence


@functools.lru_cache(maxsize=1)
def _elements() -> re.Pattern:
    nx = numbers()
    words = list(nx["units"]) + list(nx["scales"]) + list(nx["fractions"]) + ["a", "an"]
    ufr = "".join(nx["unicode_fractions"])
    att = "|".join(sorted(nx["attached_scales"], key=len, reverse=True))
    # This scan runs over every article. The lookahead lets letters skip the
    # digit groups at once, and the words are grouped by first letter so a
    # word start is not tried against each of ~40 words: 4x faster, same matches.
    return re.compile(
        rf"(?=[\d{ufr}])(?:(?P<frac>(?:\d+\s+)?\d+/\d+(?![\d/])|\d*[{ufr}])"
        rf"|(?P<dig>(?:{_DIGITS})(?:(?P<att>{att})(?![A-Za-z]))?))"
        rf"|(?P<word>\b(?:{_by_first_letter(words)})\b)",
        re.IGNORECASE,
    )


def _by_first_letter(words: list[str]) -> str:
    """The alternation of `words` longest first, factored by first letter:
    "t(?:hirteen|wenty|en)|o(?:ne)". The same word wins as in the flat
    alternation, since no text character matches two different first letters."""
    ordered = sorted(words, key=len, reverse=True)
    if not all(re.fullmatch("[a-z]+", w) for w in ordered):
        return "|".join(map(re.escape, ordered))
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _kind(el: str) -> str:
    nx = numbers()
    w = el.lower()
    if w in ("a", "an"):
        return "a"
    if w in nx["scales"]:
        return "scale"
    if w in nx["fractions"]:
        return "frac"
    if w in nx["units"]:
        return "tens" if nx["units"][w] >= 20 else "unit"
    return "digits"


_SPACE = re.compile(r"^[ \t]+$|^-$")
_AND = re.compile(r"^,?\s+(?:and|&)\s+$|^,\s+$")


def _joins(prev: str, nxt: str, gap: str) -> bool:
    if _SPACE.match(gap):
        return (prev, nxt) in {
            ("digits", "scale"), ("unit", "scale"), ("tens", "scale"), ("scale", "scale"),
            ("a", "scale"), ("tens", "unit"), ("scale", "unit"), ("scale", "tens"),
            ("unit", "frac"), ("tens", "frac"), ("a", "frac"),
        } or (prev == "digits" and nxt == "frac" and gap != "-")
    if _AND.match(gap):
        return prev == "scale" and nxt in ("unit", "tens", "a")
    return False


def _value(parts: list[tuple[str, str]]) -> float | None:
    nx = numbers()
    total, current = 0.0, 0.0
    for text, kind in parts:
        w = text.lower()
        if kind == "a":
            current += 1
        elif kind == "digits":
            current += _digits(text)
        elif kind in ("unit", "tens"):
            current += nx["units"][w]
        elif kind == "frac_el":
            f = _fraction(text)
            if f is None:
                return None  # "1/0": not a number
            current += f
        elif kind == "frac":
            # "two thirds" multiplies; "a half" after "and" adds ("two and a half").
            current = (current or 1) * nx["fractions"][w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * nx["scales"][w]
            current = 0.0
    return total + current


def _digits(text: str) -> float:
    nx = numbers()
    m = re.match(rf"({_DIGITS})(.*)$", text)
    v = float(re.sub(r"[,\s]", "", m.group(1)))
    if m.group(2):
        v *= nx["attached_scales"][m.group(2).lower()]
    return v


def _fraction(text: str) -> float:
    nx = numbers()
    s = text.strip()
    whole = 0.0
    if s and s[-1] in nx["unicode_fractions"]:
        return float(s[:-1] or 0) + nx["unicode_fractions"][s[-1]]
    if " " in s:
        w, s = s.split(None, 1)
        whole = float(w)
    a, b = s.split("/")
    return whole + int(a) / int(b) if int(b) else None  # type: ignore[return-value]


def find_numbers(text: str) -> Iterator[Num]:
    chain: list[tuple[int, int, str, str]] = []  # (start, end, text, kind)

    def flush():
        # A chain may not end in "a"/"an" or be a lone article/fraction word.
        while chain and chain[-1][3] == "a":
            chain.pop()
        if not chain or all(k in ("a", "frac") for *_, k in chain):
            return None
        if chain[0][3] in ("scale", "frac"):
            return None  # a lone "dozen" or "hundred" is a word, not a number
        parts = []
        for i, (s, e, t, k) in enumerate(chain):
            # "two and a half": the "a" belongs to the fraction, not a new 1.
            if k == "a" and i + 1 < len(chain) and chain[i + 1][3] == "frac" and i > 0:
                continue
            if k == "frac" and i > 0 and text[chain[i - 1][1]:s].strip() == "" and chain[i - 1][3] == "a" and i > 1:
                parts.append(("0.5", "digits") if t.lower() in ("half",) else (t, k))
                continue
            parts.append((t, k))
        value = _value(parts)
        if value is None:
            return None
        words = all(k != "digits" and k != "frac_el" for *_, k in chain)
        return Num(chain[0][0], chain[-1][1], value, "words" if words else "digits")

    for m in _elements().finditer(text):
        kind = "frac_el" if m.group("frac") else _kind(m.group(0))
        el = (m.start(), m.end(), m.group(0), kind)
        if chain:
            gap = text[chain[-1][1]:m.start()]
            prev = chain[-1][3]
            ok = kind != "frac_el" and prev != "frac_el" and _joins(prev, kind, gap)
            if ok and prev == "scale" and kind in ("unit", "tens") and any(k == "digits" for *_, k in chain):
                ok = False  # "$33 billion two-year budget": digits never continue in words
            if not ok and prev in ("unit", "tens", "scale", "digits") and kind in ("a",) and _AND.match(gap):
                ok = True  # "two and a half": kept only if a fraction follows
            if not ok:
                if chain[-1][3] == "a" and len(chain) > 1 and text[chain[-2][1]:chain[-1][0]].strip() in ("and", ", and"):
                    chain.pop()  # a dangling "and a": not part of the number
                n = flush()
                if n:
                    yield n
                chain = []
        chain.append(el)
    n = flush()
    if n:
        yield n
