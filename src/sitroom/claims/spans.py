"""Token ranges -> clean character spans (no stray punctuation, quotes, "that")."""
from __future__ import annotations

# Tokens that may open a content span but are not part of what was said.
_LEAD_WORDS = {"that", "of", "about", "on", "over"}
_QUOTES = set("\"'“”‘’«»")


def _is_edge_junk(tok) -> bool:
    return tok.is_space or tok.is_punct or tok.text in _QUOTES


def trim(doc, i: int, j: int, lead_words: bool = False) -> tuple[int, int] | None:
    """Tokens i..j inclusive -> (start_char, end_char) after trimming, or None if empty."""
    while i <= j and (_is_edge_junk(doc[i]) or doc[i].dep_ == "cc" or (doc[i].dep_ == "mark" and doc[i].lower_ == "that")
                      or (lead_words and doc[i].lower_ in _LEAD_WORDS)):
        i += 1
    while j >= i and _is_edge_junk(doc[j]):
        j -= 1
    if j < i:
        return None
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line (paragraph or heading) around `pos`: a claim never crosses one."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def clip(text: str, span: tuple[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    """Clip a char span to [lo, hi) and strip whitespace/punctuation at its edges."""
    s, e = max(span[0], lo), min(span[1], hi)
    while s < e and (text[s].isspace() or text[s] in _QUOTES or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTES or text[e - 1] in ",;:—–-"):
        e -= 1
    # Keep quotation marks balanced: 'a "large-scale provocation"', not '... provocation'.
    seg = text[s:e]
    if (seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”")) and e < hi and text[e] in '"”':
        e += 1
    elif (seg.count('"') % 2 == 1 or seg.count("”") > seg.count("“")) and s > lo and text[s - 1] in '"“':
        s -= 1
    # A sentence's full stop glued to a number or word ("on August 6."), but
    # not an abbreviation's ("the U.S.").
    if e - s > 2 and text[e - 1] == "." and (text[e - 2].isdigit() or text[e - 2].islower()):
        e -= 1
    return (s, e) if e > s else None


def n_words(doc, span: tuple[int, int]) -> int:
    span_obj = doc.char_span(span[0], span[1], alignment_mode="expand")
    return 0 if span_obj is None else sum(1 for t in span_obj if not (t.is_punct or t.is_space))
