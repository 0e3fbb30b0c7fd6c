"""Find temporal expressions: spaCy DATE/TIME entities plus what NER misses.

spaCy's small English model tags "August 6" and "Wednesday" but not
"late on Saturday", "since August 6", "earlier this month" as wholes, and
sometimes not "overnight" or "this week" at all. The patterns below are
built from the lexicon, and any NER span they overlap is merged into one
mention, so "since" + "August 6" is read once as "since August 6".
"""
from __future__ import annotations

import functools
import re

from sitroom.dates.lexicon import lexicon
from sitroom.parse.docview import entities, text_of

_LABELS = ("DATE", "TIME")


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    lx = lexicon()
    # Full names only: matched case-insensitively, "sat", "sun" and "wed" are words.
    wd = _alt(w for w in lx["weekdays"] if w.endswith("day"))
    mon = _alt(lx["months"])
    parts = _alt(lx["day_parts"])
    num = _alt(lx["numbers"])
    units = _alt(lx["units"])
    rel = _alt(lx["relative_days"])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    alts = [
        # "late on Saturday", "early Monday morning", "Saturday night"
        rf"(?:(?:early|late)(?:\s+on)?\s+)?(?:{wd})\b\.?(?:\s+(?:{parts}))?",
        # "since August 6", "until 6 August", "by Aug. 6"
        rf"(?:since|until|till|by|from)\s+(?:(?:{mon})\.?\s+{day}|{day}\s+(?:of\s+)?(?:{mon}))",
        # "February last year": NER reads the month and the year apart
        rf"(?:{mon})\s+(?:of\s+)?(?:last|this|next)\s+year",
        # "earlier this month", "next week", "this year"
        rf"(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|coming)\s+(?:week|month|year)",
        # "earlier in the week": the publication's week
        rf"(?:earlier|later)\s+in\s+the\s+(?:week|month|year)",
        rf"(?:(?:this|last|next|the)\s+)?weekend",
        rf"(?:{num}|\d+)\s+(?:{units})\s+ago",
        rf"(?:{rel})",
    ]
    return re.compile(r"(?<![\w/.-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _calendar_pattern() -> re.Pattern:
    """Calendar dates NER misses: datelines ("MOSCOW, Aug 7 (Wire) -"),
    ISO and numeric dates ("2024-08-06", "6/8/2024").

    Case-sensitive: a capitalised month, so "may 5" after a modal is not read.
    """
    months = [m.capitalize() for m in lexicon()["months"]]
    mon = _alt(months)
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    # Each date opens with a digit or a month's capital: saying so first makes
    # the scan of each article several times faster.
    first = re.escape("".join(sorted({m[0] for m in months})))
    return re.compile(
        rf"(?=[\d{first}])(?:"
        r"(?<![\w/.-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})(?![\w/-]|\.\d)|"
        rf"(?<![\w-])(?:(?:{mon})\.?\s+{day}(?:,?\s+\d{{4}})?|{day}\s+(?:of\s+)?(?:{mon})\.?(?:\s+\d{{4}})?)(?![\w-]))"
    )


def find_spans(doc) -> list[tuple[int, int]]:
    """Character spans of candidate expressions, merged, in text order."""
    spans = [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in _LABELS]
    spans += [m.span() for m in _pattern().finditer(text_of(doc))]
    spans += [m.span() for m in _calendar_pattern().finditer(text_of(doc))]
    spans.sort()
    text = text_of(doc)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and (s < merged[-1][1] or _of_year(text, merged[-1], s)):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _of_year(text: str, left: list[int], start: int) -> bool:
    """NER reads "the winter of 2022-23" as two dates: "the winter", "2022-23"."""
    if text[left[1]:start] != " of ":
        return False
    words = text[left[0]:left[1]].lower().split()
    lx = lexicon()
    return bool(words) and (words[-1] in lx["seasons"] or words[-1] in lx["months"])


def is_future(doc, start: int, end: int) -> bool:
    """True when the verb the date hangs from speaks of the future."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    lx = lexicon()
    aux, plans = set(lx["future_auxiliaries"]), set(lx["future_plans"])
    for tok in span.root.ancestors:
        if tok.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "cop")]
        if any(c.lower_ in aux for c in kids):
            return True
        if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
            return bool(kids) and kids[0].tag_ in ("VBZ", "VBP")  # "is going to"
        if tok.lemma_.lower() in plans and any(c.tag_ in ("VBZ", "VBP") for c in kids):
            return True  # "is scheduled", "are due"
        if tok.lemma_.lower() in plans and tok.dep_ == "acomp" and tok.head.tag_ in ("VBZ", "VBP"):
            return True  # "are due on Monday"
        if tok.lemma_.lower() in plans and tok.tag_ in ("VBZ", "VBP"):
            return True  # "plans to meet on Friday"
    return False
