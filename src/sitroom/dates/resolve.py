"""Normalise a temporal expression against the publication date.

`resolve(text, base, future)` returns a `Resolved` (value, granularity,
end_value), or None when the text is not a date (a duration, an age, a
frequency, a clock time). A recognised date that cannot be anchored (no
publication date, or counted from an event) resolves with value None.

Conventions (see docs/dates-and-figures.md):
- a weekday is the latest such day on or before publication; a month-day
  without a year and a bare month likewise; `future` (the text says "will",
  "next"...) turns them to the nearest one on or after publication;
- week granularity is written as the week's Monday;
- "overnight" and "last night" are the day before publication.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

from sitroom.dates.lexicon import lexicon


class Resolved(NamedTuple):
    value: str | None
    granularity: str
    end_value: str | None = None


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DAYNUM = re.compile(r"^(\d{1,2})$")
_RANGE = re.compile(r"^(?:between |from )?(.+?)\s*(?:-|\bto\b|\band\b|\bthrough\b|\buntil\b|\btill\b)\s*(.+)$")
_PERIOD = re.compile(r"^(?:(earlier|later|early|late|mid) )?(this|last|next|coming|the coming) (week|month|year)$"
                     r"|^(earlier|later) in (the) (week|month|year)$")
_WEEKEND = re.compile(r"^(?:(this|last|next|the) )?weekend$")
_DECADE = re.compile(r"^(1[89]\d0|20\d0)s$")
_SEASON_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:-(?:\d\d|\d{4}))?$")


@functools.lru_cache(maxsize=1)
def _tables():
    lx = lexicon()
    prefixes = sorted(lx["strip_prefix"], key=len, reverse=True)
    strip = re.compile(r"^(?:(?:" + "|".join(re.escape(p) for p in prefixes) + r")(?:\s+|-(?=\w)))+")
    parts = re.compile(r"\s+(?:" + "|".join(map(re.escape, lx["day_parts"])) + r")$")
    num = "|".join(sorted(map(re.escape, lx["numbers"]), key=len, reverse=True))
    unit = "|".join(map(re.escape, lx["units"]))
    ago = re.compile(rf"^(\d+|{num}) ({unit}) ago$")
    anchored = re.compile(rf"^(\d+|{num}) ({unit}) ({'|'.join(lx['event_anchors'])})\b")
    past_unit = "|".join(map(re.escape, lx["past_units"]))
    # "past week", "past 24 hours", "last two months" (a number is needed
    # after "last": "last week" is the calendar week before this one).
    past = re.compile(rf"^(?:past (?:(\d+|{num}) )?|last (\d+|{num}) )({past_unit})$")
    return lx, strip, parts, ago, anchored, past


def normalise(text: str) -> str:
    s = _DASHES.sub("-", text.lower())
    s = s.replace("\u2019", "'").replace(",", " ")
    s = re.sub(r"\b([a-z]{3,5})\.", r"\1", s)  # "aug." -> "aug"
    s = re.sub(r"'s$", "", s.strip())
    s = _ORDINAL.sub(r"\1", s)
    return " ".join(s.split())


def _number(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return lexicon()["numbers"].get(tok)


def _core(s: str):
    """Parse one normalised expression into a spec (no arithmetic yet)."""
    lx, strip, parts, ago, anchored, past = _tables()
    if s in lx["relative_days"]:
        return ("rel", lx["relative_days"][s])
    m = anchored.match(s)
    if m:
        return ("anchored", lx["units"][m.group(2)])
    m = ago.match(s)
    if m:
        return ("ago", _number(m.group(1)), lx["units"][m.group(2)])
    m = _PERIOD.match(s)
    if m:
        return _period(m)
    whole, s = s, strip.sub("", s)
    if s in lx["relative_days"]:
        return ("rel", lx["relative_days"][s])
    if s in lx["event_relative"] or whole in lx["event_relative"]:
        return ("anchored", lx["event_relative"].get(s) or lx["event_relative"][whole])
    if s != whole and s in lx["current_periods"]:
        return ("period", "this", s)  # "since the start of the year"
    m = past.match(s)
    if m:
        n = _number(m.group(1) or m.group(2) or "1")
        days = n * lx["past_units"][m.group(3)]
        return ("past", -(-days // 24) if m.group(3).startswith("hour") else days)
    if s in lx["holidays"]:
        return ("md", *lx["holidays"][s], None)
    m = _DECADE.match(s)
    if m:
        return ("decade", int(m.group(1)))
    m = _PERIOD.match(s)
    if m:
        return _period(m)
    if _WEEKEND.match(s):
        return ("weekend",)
    s = parts.sub("", s)
    m = _ISO.match(s)
    if m:
        return ("md", int(m.group(2)), int(m.group(3)), int(m.group(1)))
    toks = s.split()
    if len(toks) == 2 and toks[0] in lx["weekday_modifiers"] and toks[1] in lx["weekdays"]:
        return ("weekday", lx["weekdays"][toks[1]], lx["weekday_modifiers"][toks[0]])
    season = _season(toks, lx)
    if season:
        return season
    if toks and toks[0] in lx["weekdays"]:
        if len(toks) == 1:
            return ("weekday", lx["weekdays"][toks[0]], 0)
        toks = toks[1:]  # "Wednesday, August 14": the calendar date decides
        if toks[0] == "the":
            toks = toks[1:]
    toks = [t for t in toks if t != "of"]
    months = lx["months"]
    if len(toks) in (2, 3) and toks[0] in months and _DAYNUM.match(toks[1]):
        y = _YEAR.match(toks[2]) if len(toks) == 3 else None
        if len(toks) == 3 and not y:
            return None
        return ("md", months[toks[0]], int(toks[1]), int(y.group(1)) if y else None)
    if len(toks) in (2, 3) and _DAYNUM.match(toks[0]) and toks[1] in months:
        y = _YEAR.match(toks[2]) if len(toks) == 3 else None
        if len(toks) == 3 and not y:
            return None
        return ("md", months[toks[1]], int(toks[0]), int(y.group(1)) if y else None)
    if len(toks) == 3 and toks[0] in months and toks[1] in ("last", "this", "next") and toks[2] == "year":
        return ("m_rel", months[toks[0]], {"last": -1, "this": 0, "next": 1}[toks[1]])
    if len(toks) in (1, 2) and toks[0] in months and (len(toks) == 1 or _YEAR.match(toks[1])):
        return ("m", months[toks[0]], int(toks[1]) if len(toks) == 2 else None)
    if len(toks) == 1 and _YEAR.match(toks[0]):
        return ("y", int(toks[0]))
    return None


def _period(m: re.Match) -> tuple:
    if m.group(4):  # "earlier in the week": the publication's week
        return ("period", "this", m.group(6))
    return ("period", m.group(2).replace("the ", ""), m.group(3))


def _season(toks: list[str], lx: dict):
    """("season", first month, last month, year or None, modifier or None)
    for "summer", "the summer of 2023", "winter 2022-23", "last autumn"."""
    toks = [t for t in toks if t != "of"]
    mod = toks[0] if len(toks) == 2 and toks[0] in ("last", "this", "next", "past") else None
    if mod:
        toks = toks[1:]
    if not toks or toks[0] not in lx["seasons"] or len(toks) > 2:
        return None
    first, last = lx["seasons"][toks[0]]
    if len(toks) == 2:
        m = _SEASON_YEAR.match(toks[1])
        return ("season", first, last, int(m.group(1)), None) if m else None
    return ("season", first, last, None, mod)


def _season_value(spec, base: dt.date | None, future: bool) -> Resolved:
    _, first, last, year, mod = spec
    if year is None:
        if base is None:
            return Resolved(None, "month")
        # The latest such season begun by publication; "last" steps back
        # past one still running, "this" is the publication year's, "next"
        # and a future verb step forward.
        year = base.year if base.month >= first else base.year - 1
        end_y = year + (1 if last < first else 0)
        running = (end_y, last) >= (base.year, base.month)
        if mod in ("last", "past") and running:
            year -= 1
        elif mod == "this" and not running:
            year = base.year  # "this winter", said in August, is the coming one
        elif mod == "next" or (future and mod is None and not running):
            year += 1
    end_y = year + (1 if last < first else 0)
    return Resolved(f"{year:04d}-{first:02d}", "month", f"{end_y:04d}-{last:02d}")


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _value(spec, base: dt.date | None, future: bool) -> Resolved:
    kind = spec[0]
    if kind == "y":
        return Resolved(f"{spec[1]:04d}", "year")
    if kind == "decade":
        return Resolved(f"{spec[1]:04d}", "year", f"{spec[1] + 9:04d}")
    if kind == "season":
        return _season_value(spec, base, future)
    if kind == "md" and spec[3] is not None:
        return Resolved(dt.date(spec[3], spec[1], spec[2]).isoformat(), "day")
    if kind == "m" and spec[2] is not None:
        return Resolved(f"{spec[2]:04d}-{spec[1]:02d}", "month")
    gran = {"rel": "day", "weekday": "day", "md": "day", "m": "month", "m_rel": "month", "weekend": "day",
            "past": "day"}.get(kind)
    if kind in ("period", "ago", "anchored"):
        gran = spec[-1]
    if base is None or kind == "anchored":
        return Resolved(None, gran)
    if kind == "rel":
        return Resolved((base + dt.timedelta(days=spec[1])).isoformat(), "day")
    if kind == "m_rel":
        return Resolved(f"{base.year + spec[2]:04d}-{spec[1]:02d}", "month")
    if kind == "past":
        return Resolved((base - dt.timedelta(days=spec[1])).isoformat(), "day", base.isoformat())
    if kind == "weekday":
        wd, mod = spec[1], spec[2]
        back = (base.weekday() - wd) % 7 or (7 if mod < 0 else 0)
        ahead = (wd - base.weekday()) % 7 or (7 if mod > 0 else 0)
        d = base + dt.timedelta(days=ahead) if mod > 0 or (future and mod == 0) else base - dt.timedelta(days=back)
        return Resolved(d.isoformat(), "day")
    if kind == "weekend":
        sat = base - dt.timedelta(days=(base.weekday() - 5) % 7)
        if future and base.weekday() < 5:
            sat += dt.timedelta(days=7)
        return Resolved(sat.isoformat(), "day", (sat + dt.timedelta(days=1)).isoformat())
    if kind == "md":
        d = dt.date(base.year, spec[1], spec[2])
        if d > base and not future:
            d = dt.date(base.year - 1, spec[1], spec[2])
        elif d < base and future:
            d = dt.date(base.year + 1, spec[1], spec[2])
        return Resolved(d.isoformat(), "day")
    if kind == "m":
        y = base.year
        if spec[1] > base.month and not future:
            y -= 1
        elif spec[1] < base.month and future:
            y += 1
        return Resolved(f"{y:04d}-{spec[1]:02d}", "month")
    if kind == "period":
        n = {"this": 0, "last": -1, "next": 1, "coming": 1}[spec[1]]
        return _offset(base, n, spec[2])
    if kind == "ago":
        return _offset(base, -spec[1], spec[2])
    raise AssertionError(spec)


def _offset(base: dt.date, n: int, unit: str) -> Resolved:
    if unit == "day":
        return Resolved((base + dt.timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        return Resolved((_monday(base) + dt.timedelta(weeks=n)).isoformat(), "week")
    if unit == "month":
        y, m = _shift_month(base.year, base.month, n)
        return Resolved(f"{y:04d}-{m:02d}", "month")
    return Resolved(f"{base.year + n:04d}", "year")


def _range(s: str):
    """Two ends of "August 6-10", "6 and 7 August", "2022-2023", "Monday to Wednesday"."""
    if _ISO.match(s):
        return None
    m = _RANGE.match(s)
    if not m:
        return None
    left, right = m.group(1).strip(), m.group(2).strip()
    a, b = _core(left), _core(right)
    if a and a[0] == "md" and _DAYNUM.match(right):
        b = ("md", a[1], int(right), a[3])
    elif b and b[0] == "md" and _DAYNUM.match(left):
        a = ("md", b[1], int(left), b[3])
    elif a and a[0] == "y" and re.fullmatch(r"\d\d", right):
        b = ("y", a[1] // 100 * 100 + int(right))
    if not a or not b or a[0] != b[0] and {a[0], b[0]} != {"md", "weekday"}:
        return None
    if a[0] == "md" and b[0] == "md" and a[3] is None and b[3] is not None:
        a = ("md", a[1], a[2], b[3])
    return a, b


def resolve(text: str, base: dt.date | None, future: bool = False) -> Resolved | None:
    s = normalise(text)
    if not s:
        return None
    try:
        spec = _core(s)
        if spec is not None:
            return _value(spec, base, future or (spec[0] == "period" and spec[1] in ("next", "coming")))
        ends = _range(s)
        if ends is not None:
            lo, hi = _value(ends[0], base, future), _value(ends[1], base, future)
            a, b = ends
            if a[0] == b[0] == "md" and a[3] is None and b[3] is None and lo.value:
                # "August 6-10" read on August 7: the end runs on from the
                # start's year, not back to last year's August 10.
                y = int(lo.value[:4]) + (1 if (b[1], b[2]) < (a[1], a[2]) else 0)
                hi = Resolved(dt.date(y, b[1], b[2]).isoformat(), "day")
            if lo.value and hi.value and hi.value < lo.value:
                return None
            return Resolved(lo.value, lo.granularity, hi.value)
    except ValueError:  # "February 30": not a calendar date
        return None
    return None
