"""Street and road names: "East Elm Street", "Northwest 34th Street",
"Interstate 45", "County Road 43".

They are toponyms (LGL and other geoparsing gold standards tag them) and
the most precise place a report of an incident gives, but no package here
gives them a point, so they are written out with their GeoNames feature
code (ST, RD) and no coordinates. Finding them also keeps their parts from
being read as towns: "Wichita Drive" is not Wichita, "Dublin Road" not
Dublin. The words that make a street are data (data/street_words.tsv); NER
tags such names FAC, LOC, ORG, PERSON or nothing, so they are found from
the tokens, not from the entities.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span

from sitroom.places import lexicons
from sitroom.places.gazetteer import fold

SPANS_KEY = "sitroom_streets"
MAX_NAME = 4
# Words that may stand before a numbered route ("County Road 43", "U.S.
# Highway 19", "State Route 7") and after any street ("40th Avenue South").
ROUTE_PREFIXES = frozenset({"county", "state", "u.s.", "us", "federal", "national"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
                        "n.", "s.", "e.", "w.", "n.w.", "n.e.", "s.w.", "s.e.", "nw", "ne", "sw", "se"})
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
ROUTE_TOKEN = re.compile(r"^I-\d+[A-Z]?$")  # "I-4", one token
NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "on", "in", "at", "of", "and", "or"})


@functools.lru_cache(maxsize=None)
def _words() -> dict[str, dict[str, str]]:
    """where ("after" | "before") -> word -> feature code."""
    out: dict[str, dict[str, str]] = {"after": {}, "before": {}}
    for word, code, where in (line.split("\t")[:3] for line in lexicons.data_lines("street_words.tsv")):
        out[where][word.lower()] = code
    return out


def _name_token(t) -> bool:
    text = t.text
    if ORDINAL.match(text):
        return True
    return text[:1].isupper() and t.lower_ not in NOT_NAMES and any(c.isalpha() for c in text) and (
        t.is_alpha or all(c.isalpha() or c in ".'’-" for c in text)
    )


def _direction_after(doc: Doc, end: int) -> int:
    if end < len(doc) and doc[end].lower_ in DIRECTIONS and doc[end].text[:1].isupper():
        return end + 1
    return end


def _named(doc: Doc, i: int, code: str) -> tuple[int, int, str] | None:
    """'East Elm Street': name tokens before the street word at i."""
    t = doc[i]
    if not t.text[:1].isupper():
        return None
    if t.lower_ == "st." and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
        return None  # "St. Louis": a saint's name, not a street
    if i > 0 and len(doc[i - 1].text) == 2 and doc[i - 1].text[1] == "." and doc[i - 1].text[0].isupper():
        return None  # "Marvin F. Lane": a middle initial, so a person's name
    start = i
    while start > 0 and i - start < MAX_NAME and not doc[start].is_sent_start and _name_token(doc[start - 1]):
        start -= 1
    if start == i:
        return None
    return start, _direction_after(doc, i + 1), code


def _numbered(doc: Doc, i: int, code: str) -> tuple[int, int, str] | None:
    """'Interstate 45', 'County Road 43', 'U.S. Highway 19 North'."""
    t = doc[i]
    if not t.text[:1].isupper() or i + 1 >= len(doc) or not doc[i + 1].text.isdigit():
        return None
    if i > 0 and len(doc[i - 1].text) == 2 and doc[i - 1].text[1] == "." and doc[i - 1].text[0].isupper():
        return None  # "Marvin F. Lane": a middle initial, so a person's name
    start = i
    while start > 0 and doc[start - 1].lower_ in ROUTE_PREFIXES and doc[start - 1].text[:1].isupper():
        start -= 1
    return start, _direction_after(doc, i + 2), code


def find_streets(doc: Doc) -> list[Span]:
    """Street and road names in the doc, as FAC spans, in order, not overlapping."""
    words = _words()
    after, before = words["after"], words["before"]
    not_places = lexicons.not_places()
    found: list[tuple[int, int, str]] = []
    for t in doc:
        low = t.lower_
        hit = None
        if ROUTE_TOKEN.match(t.text):
            hit = (t.i, _direction_after(doc, t.i + 1), before.get("i", "RD"))
        elif low in before and (hit := _numbered(doc, t.i, before[low])) is not None:
            pass
        elif low in after:
            hit = _named(doc, t.i, after[low])
        if hit is None:
            continue
        if found and hit[0] < found[-1][1]:
            continue
        found.append(hit)
    out = []
    for start, end, code in found:
        span = Span(doc, start, end, label="FAC", kb_id=code)
        if fold(span.text) not in not_places:  # Wall Street, Downing Street
            out.append(span)
    return out
