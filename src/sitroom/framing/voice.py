"""Whose voice a stretch of text is in: a quoted speaker, an attributed claim, or the outlet."""
from __future__ import annotations

import bisect
import re

_OPEN_CLOSE = {"“": "”", "«": "»"}


_OPENERS = re.compile('[“«"]')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quotation spans, paired within a paragraph (an unclosed quote ends at the line end)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        # Jump from opening mark to opening mark: a loop over every character
        # was the framing stage's largest cost.
        m = _OPENERS.search(line)
        while m:
            i = m.start()
            close = _OPEN_CLOSE.get(m.group(), '"')
            j = line.find(close, i + 1)
            j = len(line) if j < 0 else j
            out.append((pos + i, pos + j + 1))
            m = _OPENERS.search(line, j + 1)
        pos += len(line) + 1
    return out


class Voice:
    """Answers "is [start, end) in the outlet's own voice?" in O(log n)."""

    def __init__(self, text: str, claims: list[dict]):
        self.quotes = quoted_spans(text)
        self.attributed = sorted((c["content_start"], c["content_end"]) for c in claims)
        self._q_starts = [s for s, _ in self.quotes]

    def quoted(self, start: int, end: int) -> bool:
        # Quotation spans never overlap, so only the last one opening before `start` can hold it.
        k = bisect.bisect_right(self._q_starts, start) - 1
        return k >= 0 and self.quotes[k][0] <= start and end <= self.quotes[k][1]

    def attributed_to_speaker(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.attributed)

    def outlet(self, start: int, end: int) -> bool:
        return not self.quoted(start, end) and not self.attributed_to_speaker(start, end)
