"""The dates stage: fills `article.dates` with contract objects (see output.md)."""
from __future__ import annotations

import datetime as dt
import re

from sitroom.dates.fallback import parse_numeric
from sitroom.dates.mentions import find_spans, is_future
from sitroom.dates.resolve import Resolved, resolve
from sitroom.parse.docview import text_of


def _base(published: str | None) -> dt.date | None:
    try:
        # A timestamp ("2024-08-15T10:00:00Z") anchors on its calendar day.
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


# NER joins lists of dates ("August 10 and yesterday"); read each part alone.
_JOIN = re.compile(r"\s*(?:,|;|\band\b|\bor\b)\s*")


def _read(doc, text: str, start: int, end: int, base):
    """Yield (start, end, Resolved) for the span, or for its parts."""
    start, end = _trim(text, start, end)
    mention = text[start:end]
    if not mention:
        return
    res = resolve(mention, base, is_future(doc, start, end))
    if res is None:
        value = parse_numeric(mention)
        res = Resolved(value, "day") if value else None
    if res is not None:
        yield start, end, res
        return
    cuts = [m.span() for m in _JOIN.finditer(mention)]
    if not cuts:
        yield from _leading_date(doc, text, start, mention, base)
        return
    bounds = [0] + [x for c in cuts for x in c] + [len(mention)]
    for a, b in zip(bounds[::2], bounds[1::2]):
        s, e = _trim(text, start + a, start + b)
        if e > s:
            r = resolve(text[s:e], base, is_future(doc, s, e))
            if r is not None:
                yield s, e, r


def _leading_date(doc, text: str, start: int, mention: str, base):
    """NER sometimes runs a date into the next number ("Tuesday 14 people"):
    read the longest leading part (dropping up to three words) that is a date."""
    words = [m.end() for m in re.finditer(r"\S+", mention)]
    for cut in reversed(words[:-1][-3:]):
        s, e = _trim(text, start, start + cut)
        r = resolve(text[s:e], base, is_future(doc, s, e)) if e > s else None
        if r is not None:
            yield s, e, r
            return


# A month that names an event ("March for Babies", "March of Dimes") and a
# number that labels ("Post No. 1922") are not dates.
_EVENT_NAME = re.compile(r"^\s+(?:for|of)\s+(?:the\s+)?[A-Z]")
_LABEL_BEFORE = re.compile(r"(?:\bNo\.?|#|\bNumber)\s*$")


def _not_a_date(text: str, start: int, end: int, res) -> bool:
    if res.granularity == "month" and " " not in text[start:end] and _EVENT_NAME.match(text[end:end + 20]):
        return True
    return res.granularity == "year" and bool(_LABEL_BEFORE.search(text[max(0, start - 10):start]))


def run(doc, article) -> None:
    """Append dates found in `doc` (the parse of `article.body`) to `article.dates`."""
    base = _base(article.published)
    text = text_of(doc)
    for span in find_spans(doc):
        for start, end, res in _read(doc, text, *span, base):
            if not _not_a_date(text, start, end, res):
                _add(doc, article, base, text, start, end, res)


def _add(doc, article, base, text, start, end, res) -> None:
    mention = text[start:end]
    if base and res.value and res.granularity == "day" and res.value > base.isoformat():
        # Only the text's own future ("will", "next week") may pass publication.
        explicit = resolve(mention, None) is not None and resolve(mention, None).value is not None
        if not explicit and not is_future(doc, start, end) and not _says_future(mention):
            res = Resolved(None, res.granularity)
    article.dates.append({
        "id": f"d{len(article.dates) + 1}",
        "mention": mention,
        "start": start,
        "end": end,
        "value": res.value,
        "granularity": res.granularity,
        "end_value": res.end_value,
    })


def _says_future(mention: str) -> bool:
    m = mention.lower()
    return any(w in m for w in ("tomorrow", "next", "coming"))
