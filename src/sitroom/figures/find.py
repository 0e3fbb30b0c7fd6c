"""Assemble figures: a number with its qualifier, range, unit and exclusions.

Candidates are number phrases (numbers.py) and vague quantities ("hundreds
of", "several thousand", "a dozen"). Each is widened to take in what
changes its meaning: a qualifier before it ("around", "over", "up to"), a
currency before or a unit after it, a second number making a range
("between 40 and 50", "8- to 16-meter"). Numbers that date, time, age or
name something are dropped (see data/not_figures.json).
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from sitroom.figures.lexicon import currencies, not_figures, numbers, qualifiers, units
from sitroom.figures.numbers import Num, find_numbers

TIME_UNITS = ("hour", "minute", "second", "day", "week", "month", "year")


class Figure(NamedTuple):
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    core_end: int  # where the number (before any unit) ends: the counted noun follows


@functools.lru_cache(maxsize=1)
def _patterns():
    nx = numbers()
    nf = not_figures()
    quals = qualifiers()
    q_alt = "|".join(sorted(map(re.escape, quals), key=len, reverse=True))
    qual_before = re.compile(rf"(?<![\w-])({q_alt})\s+$", re.IGNORECASE)
    vague_alt = "|".join(sorted(map(re.escape, list(nx["vague"]) + nx["vague_bare"]), key=len, reverse=True))
    mult_alt = "|".join(sorted(map(re.escape, nx["vague_multipliers"]), key=len, reverse=True))
    doz_alt = "|".join(sorted(map(re.escape, nx["dozen"]), key=len, reverse=True))
    vague = re.compile(
        rf"(?<![\w-])(?:(?P<vague>{vague_alt})(?![\w-])|(?P<mult>{mult_alt})\s+(?P<scale>hundred|thousand|million|billion|dozen)\b"
        rf"|(?P<dozen>{doz_alt})\b)",
        re.IGNORECASE,
    )
    names_before = re.compile(
        r"(?:^|[\s(])(" + "|".join(map(re.escape, nf["names_before"])) + r")\s*$", re.IGNORECASE)
    names_after = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){0,2}(" + "|".join(w.capitalize() for w in nf["names_after"]) + r")\b")
    age_after = re.compile(r"^[\s-]*(?:" + "|".join(map(re.escape, nf["age_after"])) + r")\b", re.IGNORECASE)
    age_before = re.compile(r"\b(?:" + "|".join(map(re.escape, nf["age_before"])) + r")\s+$", re.IGNORECASE)
    return qual_before, vague, names_before, names_after, age_after, age_before


_RANGE_GAP = re.compile(r"^\s*-?\s*(?:to|–|—|-|and)\s*$")
_CLOCK_AFTER = re.compile(r"^(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|gmt\b|utc\b)", re.IGNORECASE)
_CLOCK_LIKE = re.compile(r"^\d{1,2}(?:[:.]\d{2})?$")  # "2", "2:30", "2.30" before "pm"
_MILITARY = re.compile(r"^\s*(?:hrs|hours|h)\b")  # "0600 hrs"
_HYPHENS = "-\u2010\u2011\u2212"
_OR_MORE = re.compile(r"^(?:\s+or\s+more|\s*\+|-plus)(?!\w)", re.IGNORECASE)
_OR_SO = re.compile(r"^\s+or\s+so(?!\w)", re.IGNORECASE)
# Phone numbers and numeric dates: three or more digit groups, US/UK phone
# shapes ("(804) 780-1000", "614- 889-7444", "0208 892 1789", "01524-582279").
# Every shape opens with "+", "(" or a digit; the lookahead says so first,
# which makes the scan of each article 4x faster.
_DIGIT_GROUPS = re.compile(
    r"(?=[+(\d])(?:"
    r"(?<![\w.])\+?\d+(?:[-/.]\d+){2,}(?![\w])"
    r"|(?<![\w.-])\d{3}-\d{4}(?![\w-])"
    r"|\(\d{3,5}\)\s*\d{3,4}[-\s]\d{3,4}(?!\w)"
    r"|(?<![\w.])\d{3}-\s?\d{3}-\d{4}(?!\w)"
    r"|(?<![\w.])0\d{2,4}[ -]\d{3,8}(?:[ -]\d{3,4})?(?![\w]))")
_APPOSITIVE_AGE = re.compile(r"[A-Z][\w.'’-]*,\s$")
_ADDRESS = re.compile(
    r"^\s+(?:block\s+of\b|(?:[NSEW]\.?[NSEW]?\.?\s+)?(?:[A-Z][\w.'’]*\s+){0,3}"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Pl|Place|Blvd|Boulevard|Ct|Court|Terrace|Way)\b)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    rest = text[pos:pos + 40]
    for pat, unit in units():
        m = pat.match(rest)
        if m and m.end() > 0:
            if unit == "inch" and re.match(r"\s*in\b", rest) and not re.match(
                    r"\s*in\b(?:\s*(?:[.,;:)]|$)|\s+(?:thick|long|wide|tall|high|deep|across|diameter)\b)", rest):
                continue  # "461 in 2005", "2 in the morning": a preposition
            if unit == "m" and re.match(r"\s+m\b", rest):
                continue  # spaced "m": more likely a stray letter than metres
            if re.match(rf"[{_HYPHENS}]\d", rest[m.end():]):
                continue  # "3 T-72s", "2 M-777s": a model's letter, not tonnes or metres
            return unit, pos + m.end()
    return None, pos


def _currency_before(text: str, pos: int) -> tuple[str | None, int]:
    left = text[max(0, pos - 6):pos]
    for pat, unit in currencies():
        m = pat.search(left)
        if m:
            return unit, pos - (len(left) - m.start())
    return None, pos


def _is_named(text: str, n: Num, dates: list[tuple[int, int]]) -> bool:
    """True when the number dates, times, ages or names something."""
    _, _, names_before, names_after, age_after, age_before = _patterns()
    s, e = n.start, n.end
    before, after = text[max(0, s - 30):s], text[e:e + 30]
    if any(a < e and s < b for a, b in dates):
        return True
    if before and (before[-1].isalpha() or before[-1] in "#№") and n.kind == "digits":
        return True  # "L2", "#3"
    if re.search(rf"[A-Za-z]+[{_HYPHENS}]$", before) and n.kind == "digits":
        return True  # "Su-34", "S-300", "F-16", "COVID-19"
    if before and (before[-1] in "^×" or (before[-1] == "+" and before[-2:-1].isalnum())):
        return True  # "2^10", "J1149.5+6663": part of a formula or a catalogue name
    if age_after.match(after) or age_before.search(before):
        return True
    if _APPOSITIVE_AGE.search(before) and re.match(r"^\s*(?:,|\.|\)|\s(?:and|of|from)\b)", after) \
            and n.kind == "digits" and n.value < 120:
        return True  # "Chiquita Henry, 19, of ...": a person's age
    if _ADDRESS.match(after):
        return True  # "618 S.W. Second Terrace", "the 2400 block of"
    if after[:1].isalpha() or re.match(r"^-[A-Z]", after):
        if not _unit_after(text, e)[0]:
            return True  # "47th", "3M"; "10kg" is fine, and so is "a 6,000-strong force"
    if text[s - 1:s] == ":" and before[-3:-1].strip().isdigit():
        return True  # the minutes of "10:30"
    if n.kind == "digits" and _CLOCK_LIKE.match(text[s:e]) and _CLOCK_AFTER.match(after):
        return True
    if re.match(r"^\d:\d\d|^\d\d:\d\d", text[s:e + 3]):
        return True  # "10:30"
    if re.match(r"^[012]\d[0-5]\d$", text[s:e]) and _MILITARY.match(after):
        return True
    if age_after.match(after) or age_before.search(before):
        return True
    if names_before.search(before) or names_after.match(after):
        return True
    if re.match(r"^[-/]\d", after) and re.match(r"^[-/]\d+[-/]\d", after):
        return True  # phone numbers, "2024-08-06"
    return False


def _negative(text: str, s: int) -> bool:
    """A minus sign of its own ("-15", "($-99.99)"), not a hyphen in "40-50"."""
    if s < 1 or text[s - 1] not in "-\u2212":
        return False
    return s == 1 or text[s - 2] in " \t\n($€£("


def _year_like(text: str, n: Num) -> bool:
    return n.kind == "digits" and bool(_YEAR.match(text[n.start:n.end]))


def find_figures(text: str, dates: list[tuple[int, int]], soft: list[tuple[int, int]] = ()) -> list[Figure]:
    """Figures in `text`. Numbers inside `dates` are never figures; inside
    `soft` (NER date/time spans) only when a time unit makes them a duration."""
    qual_before, vague, *_ = _patterns()
    quals = qualifiers()
    nx = numbers()
    out: list[Figure] = []
    # Phone numbers and numeric dates: three or more digit groups.
    dates = sorted(list(dates) + [m.span() for m in _DIGIT_GROUPS.finditer(text)])
    nums = [n for n in find_numbers(text)]
    used_until = -1
    vagues = list(vague.finditer(text))
    cands: list[tuple[int, object]] = [(n.start, n) for n in nums] + [(m.start(), m) for m in vagues]
    cands.sort(key=lambda c: (c[0], isinstance(c[1], Num)))
    for start, c in cands:
        if start < used_until:
            continue
        if isinstance(c, re.Match):
            if c.group("vague"):
                phrase = " ".join(c.group("vague").lower().split())
                low = nx["vague"].get(phrase) or nx["vague"][phrase + " of"]
                fig = Figure(c.start(), c.end(), low, low, None, "vague", None, c.end())
            elif c.group("mult"):
                scale = 12 if c.group("scale").lower() == "dozen" else nx["scales"][c.group("scale").lower()]
                low = nx["vague_multipliers"][c.group("mult").lower()] * scale
                fig = Figure(c.start(), c.end(), low, low, None, "vague", None, c.end())
            else:
                v = nx["dozen"][c.group("dozen").lower()]
                fig = Figure(c.start(), c.end(), v, None, None, "about", None, c.end())
                m = qual_before.search(text[max(0, c.start() - 25):c.start()])
                if m:  # "at least a dozen": the stated bound wins over the round number
                    q = quals[m.group(1).lower()]
                    s0 = c.start() - (len(text[max(0, c.start() - 25):c.start()]) - m.start())
                    fig = fig._replace(start=s0, qualifier=q, low=v if q == "at_least" else None,
                                       high=v if q == "at_most" else None)
            vu, vue = _unit_after(text, fig.end)
            if vu:  # "several hundred years", "hundreds of kilometres"
                fig = fig._replace(unit=vu, end=vue, core_end=vue)
            if any(a < fig.end and fig.start < b for a, b in dates):
                continue
            if fig.end - fig.start > 3 and text[fig.end - 3:fig.end].lower() == " of":
                fig = fig._replace(end=fig.end - 3)  # the mention is "hundreds"; "of" leads to the noun
            out.append(fig)
            used_until = fig.end
            continue
        n: Num = c
        if _is_named(text, n, dates):
            continue
        value, s, e = n.value, n.start, n.end
        if _negative(text, s):
            value, s = -value, s - 1
        unit, cur_start = _currency_before(text, s)
        if unit:
            s = cur_start
        core_end = e
        qual, low, high = "exact", None, None
        u, ue = _unit_after(text, e)
        # A range: a second number after "to", "-", or "and" (after "between").
        nxt = next((m for m in nums if m.start >= ue and m.start - ue <= 7), None)
        nxt_value, nxt_start = (None, None) if nxt is None else (nxt.value, nxt.start)
        if nxt is not None and _negative(text, nxt.start) and value < 0:
            nxt_value, nxt_start = -nxt.value, nxt.start - 1  # "-18 °C to -34 °C"
        if nxt is not None and _RANGE_GAP.match(text[ue:nxt_start]) \
                and (nxt_value >= value or value < 0):
            gap = text[ue:nxt_start]
            between = re.search(r"(?:between|from)\s+\S*$", text[max(0, s - 12):s], re.IGNORECASE)
            if ("and" not in gap or between) and not _is_named(text, nxt, dates) \
                    and not (_year_like(text, n) and _year_like(text, nxt)):
                u2, ue2 = _unit_after(text, nxt.end)
                if u is None or u2 is None or u == u2:
                    low, high = sorted((value, nxt_value))
                    value, qual = low, "range"
                    e, core_end = nxt.end, nxt.end
                    u, ue = (u2, ue2) if u2 else (u, ue)
                    if u2 is None and u:
                        ue = ue2 = nxt.end
        if u and not unit:
            unit, e = u, ue
        if unit not in TIME_UNITS and any(a < core_end and n.start < b for a, b in soft):
            continue
        elif u and unit and u in ("usd", "eur", "gbp", "uah", "rub", "jpy"):
            e = ue  # "$100 dollars": the code repeats the currency
        if qual == "exact" and n.kind == "words" and value == 1 and not unit:
            continue  # "one official", "one of": a determiner, not a count
        if qual == "exact" and _year_like(text, n) and not unit:
            if not re.match(r"^\s+[a-z]", text[n.end:n.end + 3]):
                continue  # "in 2023", "since 1991": a year; "2000 soldiers" still counts
        m = qual_before.search(text[max(0, s - 25):s])
        if m and qual == "exact":
            qual = quals[m.group(1).lower()]
            s = s - (len(text[max(0, s - 25):s]) - m.start())
        elif m and qual == "range" and quals[m.group(1).lower()] == "about":
            s = s - (len(text[max(0, s - 25):s]) - m.start())
        if qual == "exact":
            if _OR_MORE.match(text[e:]):
                qual = "at_least"
                e += _OR_MORE.match(text[e:]).end()
            elif _OR_SO.match(text[e:]):
                qual = "about"
                e += _OR_SO.match(text[e:]).end()
        if qual == "at_least":
            low = value
        elif qual == "at_most":
            high = value
        if text[e - 1:e] == ".":
            e -= 1  # "km." at a sentence end: the full stop is not the unit's
        out.append(Figure(s, e, value, low, high, qual, unit, core_end))
        used_until = e
    return out
