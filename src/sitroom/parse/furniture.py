"""Page furniture: comment counts, pingbacks, share and subscribe lines.

Scraped articles often end with lines that are not article text. They stay
in `text` (offsets must index the caller's string) but the extractors never
read them. Patterns live in data/furniture.txt.

The scan is deliberately conservative: only the trailing block of the text is
considered, a line counts as furniture only when a pattern matches the whole
line, and the only non-matching lines allowed inside the block are short,
unpunctuated link titles that follow a furniture line (the headlines listed
under "Related articles"). Real prose ends in a sentence and is never cut.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

# A link title under a "Related" header: short and not a finished sentence.
_MAX_TITLE_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@functools.lru_cache(maxsize=1)
def _patterns() -> re.Pattern:
    raw = resources.files("sitroom.parse").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    alts = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)


def is_furniture(line: str) -> bool:
    """True when the whole (stripped) line is page furniture."""
    s = line.strip()
    return bool(s) and _patterns().fullmatch(s) is not None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for ln in text.splitlines(keepends=True):
        out.append((pos, ln))
        pos += len(ln)
    return out


def _is_link_title(line: str) -> bool:
    s = line.strip()
    return len(s.split()) <= _MAX_TITLE_WORDS and not _SENTENCE_END.search(s)


def find_body_end(text: str) -> int:
    """Offset where the article body ends (len(text) when no furniture).

    The trailing block is the longest run of lines at the end of the text
    that are blank, furniture, or link titles; the body ends before the first
    furniture line of that block. Link titles above that line stay in the
    body: only a furniture header (or footer) makes a short line furniture.
    """
    lines = _lines(text)
    cut = None  # index of the earliest furniture line in the trailing block
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i][1]
        if not ln.strip():
            continue
        if is_furniture(ln):
            cut = i
        elif not _is_link_title(ln):
            break
    if cut is None:
        return len(text)
    start = lines[cut][0]
    # Trim the whitespace that separated the body from its furniture.
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if not any(c.isalnum() for c in text[:start]):
        return len(text)  # all furniture: better to read it than nothing
    return start
