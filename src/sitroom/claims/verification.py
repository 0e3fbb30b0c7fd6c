"""A claim's verification, read from the article's own words.

Order of precedence: a denial cue makes the claim `denied` (what the speaker
denies); a remark that it cannot be checked makes it `unverified`; an
independent confirmation `confirmed`; another party contradicting it
`disputed`; a hedge on the cue or in the content `hedged`; else `asserted`.
"""
from __future__ import annotations

import re

from sitroom.claims import lexicon
from sitroom.parse.docview import sent_at_char

# Content words too common in war reporting to show two claims share a topic.
_GENERIC = {"say", "be", "have", "do", "attack", "force", "troop", "region", "area", "war", "side", "time", "day", "claim", "report"}


def _sentence_of(doc, pos: int):
    return sent_at_char(doc, pos)


def unverified_spans(sent_text: str) -> list[tuple[int, int]]:
    """Where in a sentence the text says something could not be confirmed."""
    out = []
    for pattern, needs in lexicon.verification()["unverified"]:
        for m in pattern.finditer(sent_text):
            if needs is None or needs.search(m.group(0)):
                out.append(m.span())
    return sorted(out)


def confirmed_in(sent_text: str) -> bool:
    v = lexicon.verification()
    for pattern in v["confirmed"]:
        for m in pattern.finditer(sent_text):
            if not v["negation_before"].search(sent_text[max(0, m.start() - 40): m.start()]):
                return True
    return False


def is_hedged(doc, cue: tuple[int, int], content: tuple[int, int], stance: str) -> bool:
    if stance == "hedge":
        return True
    words = lexicon.verification()["hedge_words"]
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    toks = list(span) if span is not None else []
    for k, t in enumerate(toks):
        if t.lower_ in words:
            return True
        # "must have been known": an inference, not an observation.
        if t.lower_ == "must" and k + 1 < len(toks) and toks[k + 1].lower_ == "have":
            return True
    cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if cue_span is not None:
        # "reportedly said", "allegedly told".
        for c in cue_span.root.children:
            if c.lower_ in words and c.dep_ == "advmod":
                return True
    return False


def topic_words(doc, span: tuple[int, int]) -> set[str]:
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    if s is None:
        return set()
    return {
        t.lemma_.lower() for t in s
        if t.pos_ in ("NOUN", "PROPN", "NUM") and not t.is_stop and t.lemma_.lower() not in _GENERIC
    }


def shares_topic(a: set[str], b: set[str]) -> bool:
    return len(a & b) >= 2


_ANAPHORIC_OBJECT = re.compile(
    r"^(?:the|these|those|such|this|that|its|their)?\s*(?:claims?|reports?|allegations?|accounts?|figures?|statements?|assertions?|accusations?)\b|^(?:it|this|that|them)$",
    re.IGNORECASE,
)


def is_anaphoric(content: str) -> bool:
    return bool(_ANAPHORIC_OBJECT.search(content.strip()))
