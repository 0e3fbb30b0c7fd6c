"""The figures stage: fills `article.figures` with contract objects (see output.md)."""
from __future__ import annotations

import functools
import re

from sitroom.dates.lexicon import lexicon as date_words
from sitroom.figures.counted import counted_noun
from sitroom.figures.find import TIME_UNITS, find_figures
from sitroom.parse.docview import entities, text_of

# Spans the NER reads as dates or clock times: their numbers are not figures
# unless a unit says they measure a duration ("three days").
_DATE_LABELS = ("DATE", "TIME", "ORDINAL")


@functools.lru_cache(maxsize=1)
def _calendar() -> re.Pattern:
    """Words that make an NER DATE/TIME span really calendar or clock time.

    The small model also tags plain numbers as DATE ("Between 40 and 50
    soldiers"); those spans must not hide a figure.
    """
    lx = date_words()
    words = sorted(list(lx["months"]) + list(lx["weekdays"]) + list(lx["relative_days"]), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"\b(?:{alt})\b|\b(?:1[89]|20)\d\d\b|\d0s\b|\bcentur|\bdecade|\d[:.]\d\d|\b[ap]\.?m\b|o'clock",
        re.IGNORECASE,
    )


def _number(v: float | None):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(v, 10)


def _after_name(doc, start: int) -> bool:
    """True when a proper noun (not a date) sits right before the number."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.idx + len(prev.text) + 1 != start or not prev.text[:1].isupper():
        return False
    if prev.ent_type_ in _DATE_LABELS or prev.is_sent_start:
        return False
    return prev.pos_ == "PROPN"


def _after_place(doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].ent_type_ in ("GPE", "LOC", "FAC", "NORP")


def run(doc, article) -> None:
    """Append figures found in `doc` (the parse of `article.body`) to `article.figures`."""
    text = text_of(doc)
    dates = [(d["start"], d["end"]) for d in article.dates]
    soft = [(e.start_char, e.end_char) for e in entities(doc)
            if e.label_ == "ORDINAL" or (e.label_ in _DATE_LABELS and _calendar().search(e.text))]
    # Where the dates stage read only part of an NER span ("Tuesday" of
    # "Tuesday 14 people"), the rest of that span is free for figures.
    soft = [(a, b) for a, b in soft if not any(a <= s and e <= b and (s, e) != (a, b) for s, e in dates)]
    for f in find_figures(text, dates, soft):
        counts = None
        if f.unit is None or f.unit not in TIME_UNITS:
            counts = counted_noun(doc, f.end if f.unit else max(f.core_end, f.end), after_unit=f.unit is not None)
        if f.unit is None and f.qualifier == "exact" and _after_name(doc, f.start) \
                and (counts is None or not _after_place(doc, f.start)):
            # "District 3", "Interstate 4", "Pack 149": part of a name; so is
            # "Leopard 2 tanks" (a model). After a place it counts ("in
            # Belgorod 3 civilians died").
            continue
        article.figures.append({
            "id": f"f{len(article.figures) + 1}",
            "mention": text[f.start:f.end],
            "start": f.start,
            "end": f.end,
            "value": _number(f.value),
            "low": _number(f.low),
            "high": _number(f.high),
            "qualifier": f.qualifier,
            "unit": f.unit,
            "counts": counts,
            "claim_id": None,
            "event_id": None,
        })
